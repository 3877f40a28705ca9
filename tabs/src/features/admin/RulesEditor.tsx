import { useEffect, useState } from 'react';
import { Button, Checkbox, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, ArrowDown20Regular, ArrowUp20Regular, Delete20Regular } from '@fluentui/react-icons';
import type { FieldError, QueueAdmin } from '@diarium/core';
import { PersonPicker } from '../../app/PersonPicker.tsx';
import { useServices } from '../../app/services.tsx';
import {
  ACTION_TYPES,
  CONDITION_TYPES,
  errorAt,
  moved,
  newAction,
  newCondition,
  newRule,
  type ActionDraft,
  type ConditionDraft,
  type RuleDraft,
} from './rule-draft.ts';

const useStyles = makeStyles({
  rules: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  rule: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  part: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, paddingInlineStart: tokens.spacingHorizontalM },
  grow: { flexGrow: 1, minWidth: '12rem' },
  start: { alignSelf: 'flex-start' },
});

export interface RulesEditorProps {
  rules: RuleDraft[];
  queues: QueueAdmin[];
  /** The form's field errors, by the paths the API names them with (`rules.2.actions.0.queueId`). */
  errors: FieldError[];
  onChange: (rules: RuleDraft[]) => void;
}

/** The ordered rules: add, remove, move up and down, and each rule's conditions and actions. */
export function RulesEditor({ rules, queues, errors, onChange }: RulesEditorProps) {
  const styles = useStyles();
  const { t } = useServices();
  const [announce, setAnnounce] = useState('');
  const [focus, setFocus] = useState<string | null>(null);

  // A moved rule keeps the focus on the button that moved it, wherever the rule now is.
  useEffect(() => {
    if (!focus) return;
    document.getElementById(focus)?.focus();
    setFocus(null);
  }, [focus]);

  const change = (index: number, rule: RuleDraft) => onChange(rules.map((r, i) => (i === index ? rule : r)));
  const move = (index: number, to: number, button: string) => {
    if (to < 0 || to >= rules.length) return;
    onChange(moved(rules, index, to));
    setFocus(button);
    setAnnounce(t('admin.rule.moved', { name: rules[index]!.name || t('admin.rule.unnamed'), n: to + 1 }));
  };

  return (
    <div className={styles.rule}>
      <h4 className={styles.heading}>{t('admin.rules.heading')}</h4>
      <Text>{t('admin.rules.hint')}</Text>
      {rules.length === 0 ? (
        <Text>{t('admin.rules.empty')}</Text>
      ) : (
        <ol className={styles.rules} aria-label={t('admin.rules.heading')}>
          {rules.map((rule, index) => {
            const label = t('admin.rule.label', { n: index + 1, name: rule.name || t('admin.rule.unnamed') });
            return (
              <li key={rule.id}>
                <fieldset className={styles.rule} aria-label={label}>
                  <legend className={styles.heading}>{label}</legend>
                  <div className={styles.row}>
                    <Field className={styles.grow} label={t('admin.rule.name')} required validationMessage={errorAt(errors, `rules.${index}.name`)}>
                      <Input value={rule.name} onChange={(_, data) => change(index, { ...rule, name: data.value })} />
                    </Field>
                    <Button id={`${rule.id}-up`} icon={<ArrowUp20Regular />} disabledFocusable={index === 0} onClick={() => move(index, index - 1, `${rule.id}-up`)}>
                      {t('admin.rule.up')}
                    </Button>
                    <Button
                      id={`${rule.id}-down`}
                      icon={<ArrowDown20Regular />}
                      disabledFocusable={index === rules.length - 1}
                      onClick={() => move(index, index + 1, `${rule.id}-down`)}
                    >
                      {t('admin.rule.down')}
                    </Button>
                    <Button icon={<Delete20Regular />} onClick={() => onChange(rules.filter((_, i) => i !== index))}>
                      {t('admin.rule.remove')}
                    </Button>
                  </div>
                  <div className={styles.row}>
                    <Checkbox label={t('admin.rule.enabled')} checked={rule.enabled} onChange={(_, data) => change(index, { ...rule, enabled: data.checked === true })} />
                    <Checkbox label={t('admin.rule.stop')} checked={rule.stopProcessing} onChange={(_, data) => change(index, { ...rule, stopProcessing: data.checked === true })} />
                  </div>
                  <Conditions rule={rule} path={`rules.${index}`} errors={errors} onChange={(conditions) => change(index, { ...rule, conditions })} />
                  <Actions rule={rule} path={`rules.${index}`} errors={errors} queues={queues} onChange={(actions) => change(index, { ...rule, actions })} />
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      <Button className={styles.start} icon={<Add20Regular />} onClick={() => onChange([...rules, newRule()])}>
        {t('admin.rules.add')}
      </Button>
      <Text as="p" aria-live="polite">
        {announce}
      </Text>
    </div>
  );
}

interface PartProps<T> {
  rule: RuleDraft;
  path: string;
  errors: FieldError[];
  onChange: (items: T[]) => void;
}

/** A rule's conditions: each a type, and the address, domain or words it needs. No regular expressions. */
function Conditions({ rule, path, errors, onChange }: PartProps<ConditionDraft>) {
  const styles = useStyles();
  const { t } = useServices();
  const change = (index: number, condition: ConditionDraft) => onChange(rule.conditions.map((c, i) => (i === index ? condition : c)));
  return (
    <div role="group" aria-label={t('admin.rule.conditions')} className={styles.rule}>
      <Text weight="semibold">{t('admin.rule.conditions')}</Text>
      {rule.conditions.map((condition, index) => {
        const at = `${path}.conditions.${index}`;
        const valueField =
          condition.type === 'senderDomain' ? 'domain' : condition.type === 'subjectWords' ? 'words' : condition.type === 'recipient' || condition.type === 'senderAddress' ? 'address' : null;
        return (
          <div key={condition.key} className={styles.part}>
            <Field label={t('admin.condition.type', { n: index + 1 })} validationMessage={errorAt(errors, `${at}.type`) ?? errors.find((e) => e.field === at)?.message}>
              <Select value={condition.type} onChange={(_, data) => change(index, { ...condition, type: data.value as ConditionDraft['type'] })}>
                {CONDITION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`admin.condition.${type}`)}
                  </option>
                ))}
              </Select>
            </Field>
            {valueField && (
              <Field
                className={styles.grow}
                label={t(`admin.condition.${valueField}`)}
                hint={valueField === 'domain' ? t('admin.condition.domainHint') : valueField === 'words' ? t('admin.condition.wordsHint') : undefined}
                required
                validationMessage={errorAt(errors, `${at}.${valueField}`)}
              >
                <Input value={condition.value} onChange={(_, data) => change(index, { ...condition, value: data.value })} />
              </Field>
            )}
            {condition.type === 'subjectWords' && (
              <Field label={t('admin.condition.match')}>
                <Select value={condition.match} onChange={(_, data) => change(index, { ...condition, match: data.value === 'all' ? 'all' : 'any' })}>
                  <option value="any">{t('admin.condition.match.any')}</option>
                  <option value="all">{t('admin.condition.match.all')}</option>
                </Select>
              </Field>
            )}
            <Button
              icon={<Delete20Regular />}
              aria-label={t('admin.rule.removeCondition', { n: index + 1 })}
              disabledFocusable={rule.conditions.length === 1}
              onClick={() => rule.conditions.length > 1 && onChange(rule.conditions.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      <Button className={styles.start} size="small" icon={<Add20Regular />} onClick={() => onChange([...rule.conditions, newCondition()])}>
        {t('admin.rule.addCondition')}
      </Button>
    </div>
  );
}

/** A rule's actions: a queue, a person, the referenced case, or "probably of little importance". */
function Actions({ rule, path, errors, queues, onChange }: PartProps<ActionDraft> & { queues: QueueAdmin[] }) {
  const styles = useStyles();
  const { t } = useServices();
  const change = (index: number, action: ActionDraft) => onChange(rule.actions.map((a, i) => (i === index ? action : a)));
  return (
    <div role="group" aria-label={t('admin.rule.actions')} className={styles.rule}>
      <Text weight="semibold">{t('admin.rule.actions')}</Text>
      {rule.actions.map((action, index) => {
        const at = `${path}.actions.${index}`;
        return (
          <div key={action.key} className={styles.part}>
            <Field label={t('admin.action.type', { n: index + 1 })} validationMessage={errorAt(errors, `${at}.type`) ?? errors.find((e) => e.field === at)?.message}>
              <Select value={action.type} onChange={(_, data) => change(index, { ...action, type: data.value as ActionDraft['type'] })}>
                {ACTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`admin.action.${type}`)}
                  </option>
                ))}
              </Select>
            </Field>
            {action.type === 'queue' && (
              <Field className={styles.grow} label={t('admin.action.queueId')} required validationMessage={errorAt(errors, `${at}.queueId`)}>
                <Select value={action.queueId} onChange={(_, data) => change(index, { ...action, queueId: data.value })}>
                  <option value="">{t('admin.form.choose')}</option>
                  {queues.map((queue) => (
                    <option key={queue.id} value={queue.id}>
                      {queue.unit ? `${queue.name} (${queue.unit.name})` : queue.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {action.type === 'assign' && (
              <div className={styles.grow}>
                <PersonPicker
                  label={t('admin.action.user')}
                  chosen={action.user ? { ...action.user, unit: null, roles: [] } : null}
                  onChoose={(user) => change(index, { ...action, user: user ? { id: user.id, name: user.name, email: user.email } : null })}
                  validationMessage={errorAt(errors, `${at}.userId`)}
                />
              </div>
            )}
            <Button
              icon={<Delete20Regular />}
              aria-label={t('admin.rule.removeAction', { n: index + 1 })}
              disabledFocusable={rule.actions.length === 1}
              onClick={() => rule.actions.length > 1 && onChange(rule.actions.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      <Button className={styles.start} size="small" icon={<Add20Regular />} onClick={() => onChange([...rule.actions, newAction()])}>
        {t('admin.rule.addAction')}
      </Button>
    </div>
  );
}
