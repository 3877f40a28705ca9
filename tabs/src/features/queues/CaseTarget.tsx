import { useEffect, useId } from 'react';
import { Field, Input, Radio, RadioGroup, Select, Spinner, Text } from '@fluentui/react-components';
import type { QueueItem } from '@diarium/core';
import { PersonPicker } from '../../app/PersonPicker.tsx';
import { problemText } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import { CasePicker } from './CasePicker.tsx';
import { QueueProblem } from './QueueProblem.tsx';
import { registrableDiaries, startingDiary, type CaseTargetDraft, type FieldMessages, type TargetKind } from './register-draft.ts';
import { useRegisterStyles } from './register-styles.ts';

interface CaseTargetProps {
  /** The case the rules found, offered first; null when there is none (or, for several messages, no common one). */
  suggested: QueueItem['suggestedCase'];
  /** What a new case starts from: the mailbox's diary and the queue's unit. */
  defaults: QueueItem['newCaseDefaults'];
  draft: CaseTargetDraft;
  set: (patch: Partial<CaseTargetDraft>) => void;
  errors: FieldMessages;
}

/** "Diarieför i": the suggested case, another existing case found by number or words, or a new case. */
export function CaseTarget({ suggested, defaults, draft, set, errors }: CaseTargetProps) {
  const { t } = useServices();
  const styles = useRegisterStyles();
  const legendId = useId();
  const targets: TargetKind[] = suggested ? ['suggested', 'existing', 'new'] : ['existing', 'new'];
  return (
    <fieldset className={styles.fieldset}>
      <legend id={legendId} className={styles.legend}>
        {t('queues.register.target')}
      </legend>
      <RadioGroup aria-labelledby={legendId} value={draft.target} onChange={(_, data) => set({ target: targets.find((k) => k === data.value) ?? draft.target })}>
        {targets.map((kind) => (
          <Radio
            key={kind}
            value={kind}
            label={
              kind === 'suggested'
                ? t('queues.register.target.suggested', { caseNumber: suggested?.caseNumber ?? '', title: suggested?.publicTitle ?? '' })
                : t(`queues.register.target.${kind}`)
            }
          />
        ))}
      </RadioGroup>
      {draft.target === 'existing' && <CasePicker chosen={draft.chosenCase} onChoose={(chosenCase) => set({ chosenCase })} validationMessage={errors.target} />}
      {draft.target === 'suggested' && errors.target && (
        <Text role="alert" className={styles.error}>
          {errors.target}
        </Text>
      )}
      {draft.target === 'new' && <NewCaseFields defaults={defaults} draft={draft} set={set} errors={errors} />}
    </fieldset>
  );
}

/**
 * A new case: a diary the reader may open cases in (the mailbox's own first), its title (the
 * subject to begin with), and its unit (the queue's), officer and classification.
 */
function NewCaseFields({ defaults, draft, set, errors }: Omit<CaseTargetProps, 'suggested'>) {
  const { client, t } = useServices();
  const [diaries] = useAsync(async () => registrableDiaries(await client.diaries()), [client]);
  const [units] = useAsync(() => client.units(), [client]);
  useEffect(() => {
    if (diaries.status === 'done' && !draft.diary) set({ diary: startingDiary(defaults, diaries.value) });
  }, [diaries.status]);

  return (
    <>
      {/* The list shows once the diary to start in is chosen, so what is shown is what is sent. */}
      {(diaries.status === 'loading' || (diaries.status === 'done' && diaries.value.length > 0 && !draft.diary)) && (
        <Spinner size="tiny" labelPosition="after" label={t('queues.register.diary.loading')} />
      )}
      {diaries.status === 'failed' && <QueueProblem text={t('queues.register.diary.failed', { reason: problemText(diaries.error, t) })} />}
      {diaries.status === 'done' && diaries.value.length === 0 && <QueueProblem intent="warning" text={t('queues.register.diary.none')} />}
      {diaries.status === 'done' && draft.diary && (
        <Field label={t('queues.register.diary')} required validationMessage={errors['target.newCase.diary']}>
          <Select value={draft.diary} onChange={(_, data) => set({ diary: data.value })}>
            {diaries.value.map((diary) => (
              <option key={diary.id} value={diary.prefix}>
                {t('queues.register.diary.option', { prefix: diary.prefix, name: diary.name })}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t('queues.register.caseTitle')} required validationMessage={errors['target.newCase.title']}>
        <Input value={draft.caseTitle} onChange={(_, data) => set({ caseTitle: data.value })} />
      </Field>
      {units.status === 'loading' && <Spinner size="tiny" labelPosition="after" label={t('queues.register.unit.loading')} />}
      {units.status === 'failed' && <QueueProblem intent="warning" text={t('queues.register.unit.failed', { reason: problemText(units.error, t) })} />}
      {units.status === 'done' && (
        <Field label={t('queues.register.unit')} validationMessage={errors['target.newCase.unitId']}>
          <Select value={draft.unitId} onChange={(_, data) => set({ unitId: data.value })}>
            <option value="">{t('queues.register.unit.none')}</option>
            {units.value.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <PersonPicker
        label={t('queues.register.officer')}
        chosen={draft.officer}
        onChoose={(officer) => set({ officer })}
        validationMessage={errors['target.newCase.officerId']}
        optional={{ noneMeans: t('queues.register.officer.none') }}
      />
      <Field label={t('queues.register.classification')} hint={t('queues.register.classification.hint')} validationMessage={errors['target.newCase.classification']}>
        <Input value={draft.classification} onChange={(_, data) => set({ classification: data.value })} />
      </Field>
    </>
  );
}
