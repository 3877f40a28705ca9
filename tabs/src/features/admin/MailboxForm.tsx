import { useId, useState } from 'react';
import { Button, Field, Input, Select, Spinner, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { ApiProblem, type FieldError, type FunctionMailbox } from '@diarium/core';
import { describeProblem } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';
import { AdminProblem } from './AdminProblem.tsx';
import type { AdminChoices } from './MailboxAdmin.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { errorAt, errorsNotShown, mailboxDraft, missingFields, rulesInput, type MailboxDraft } from './rule-draft.ts';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalM,
    '@media (min-width: 720px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL },
  },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Problem = { kind: 'fields' | 'other'; text: string } | { kind: 'conflict' };

export interface MailboxFormProps {
  /** The mailbox as last read; null for a new one. */
  mailbox: FunctionMailbox | null;
  choices: AdminChoices;
  onSaved: (mailbox: FunctionMailbox, created: boolean) => void;
  onCancel: () => void;
}

/**
 * A function mailbox's settings and its ordered rules. What was typed stays when saving fails:
 * each field the API names shows its error, and a change someone else made first is not overwritten.
 */
export function MailboxForm({ mailbox, choices, onSaved, onCancel }: MailboxFormProps) {
  const styles = useStyles();
  const { client, t } = useServices();
  const headingId = useId();
  const [base, setBase] = useState(mailbox);
  const [draft, setDraft] = useState<MailboxDraft>(() => mailboxDraft(mailbox));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const creating = base === null;
  const set = (patch: Partial<MailboxDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const error = (path: string) => errorAt(errors, path);

  async function save() {
    const missing = missingFields(draft, creating, t('admin.required'));
    setErrors(missing);
    if (missing.length > 0) {
      setProblem({ kind: 'fields', text: t('problem.fields') });
      return;
    }
    setProblem(null);
    setBusy(true);
    const fields = {
      displayName: draft.displayName.trim(),
      unitId: draft.unitId || null,
      defaultDiaryId: draft.diaryId || null,
      defaultQueueId: draft.queueId,
      deadlineWorkingDays: Number(draft.deadline),
      handledFolder: draft.handledFolder.trim() || null,
      rules: rulesInput(draft.rules),
    };
    try {
      const saved = base
        ? await client.updateFunctionMailbox(base.id, base.version, { ...fields, active: draft.active })
        : await client.createFunctionMailbox({ address: draft.address.trim(), ...fields });
      setBase(saved);
      setDraft(mailboxDraft(saved));
      onSaved(saved, !base);
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.status === 412) {
        setProblem({ kind: 'conflict' });
      } else {
        const view = describeProblem(failure, t);
        setErrors(view.fieldErrors);
        setProblem({ kind: view.fieldErrors.length > 0 ? 'fields' : 'other', text: view.detail ? `${view.message} ${view.detail}` : view.message });
      }
    } finally {
      setBusy(false);
    }
  }

  async function reloadLatest() {
    if (!base) return;
    try {
      const latest = (await client.getFunctionMailboxes()).find((m) => m.id === base.id);
      if (!latest) return;
      setBase(latest);
      setDraft(mailboxDraft(latest));
      setErrors([]);
      setProblem(null);
    } catch (failure) {
      setProblem({ kind: 'other', text: describeProblem(failure, t).message });
    }
  }

  const others = errorsNotShown(errors);
  return (
    <form
      noValidate
      aria-labelledby={headingId}
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void save();
      }}
    >
      <h3 id={headingId} className={styles.heading}>
        {base ? t('admin.form.editHeading', { name: base.displayName }) : t('admin.form.newHeading')}
      </h3>
      {problem?.kind === 'conflict' && <AdminProblem text={t('admin.form.conflict')} onRetry={() => void reloadLatest()} retryLabel={t('admin.form.reload')} />}
      {problem && problem.kind !== 'conflict' && (
        <AdminProblem text={problem.text}>
          {others.length > 0 && (
            <ul aria-label={t('admin.form.otherErrors')}>
              {others.map((e) => (
                <li key={e.field}>{`${e.field}: ${e.message}`}</li>
              ))}
            </ul>
          )}
        </AdminProblem>
      )}
      <div className={styles.grid}>
        <Field label={t('admin.form.address')} hint={t('admin.form.addressHint')} required={creating} validationMessage={error('address')}>
          <Input type="email" value={draft.address} readOnly={!creating} onChange={(_, data) => set({ address: data.value })} />
        </Field>
        <Field label={t('admin.form.displayName')} required validationMessage={error('displayName')}>
          <Input value={draft.displayName} onChange={(_, data) => set({ displayName: data.value })} />
        </Field>
        <Field label={t('admin.form.unit')} validationMessage={error('unitId')}>
          <Select value={draft.unitId} onChange={(_, data) => set({ unitId: data.value })}>
            <option value="">{t('admin.form.none')}</option>
            {choices.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('admin.form.diary')} validationMessage={error('defaultDiaryId')}>
          <Select value={draft.diaryId} onChange={(_, data) => set({ diaryId: data.value })}>
            <option value="">{t('admin.form.none')}</option>
            {choices.diaries.map((diary) => (
              <option key={diary.id} value={diary.id}>
                {`${diary.prefix} ${diary.name}`}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('admin.form.queue')} hint={t('admin.form.queueHint')} required validationMessage={error('defaultQueueId')}>
          <Select value={draft.queueId} onChange={(_, data) => set({ queueId: data.value })}>
            <option value="">{t('admin.form.choose')}</option>
            {choices.queues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('admin.form.deadline')} required validationMessage={error('deadlineWorkingDays')}>
          <Input type="number" min={1} max={30} value={draft.deadline} onChange={(_, data) => set({ deadline: data.value })} />
        </Field>
        <Field label={t('admin.form.handledFolder')} hint={t('admin.form.handledFolderHint')} validationMessage={error('handledFolder')}>
          <Input value={draft.handledFolder} onChange={(_, data) => set({ handledFolder: data.value })} />
        </Field>
        {!creating && (
          <Field hint={t('admin.form.activeHint')} validationMessage={error('active')}>
            <Switch checked={draft.active} label={t('admin.form.active')} onChange={(_, data) => set({ active: data.checked })} />
          </Field>
        )}
      </div>
      <RulesEditor rules={draft.rules} queues={choices.queues} errors={errors} onChange={(rules) => set({ rules })} />
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? t('admin.saving') : creating ? t('admin.form.create') : t('admin.form.save')}
        </Button>
        <Button onClick={onCancel}>{t('admin.cancel')}</Button>
      </div>
    </form>
  );
}
