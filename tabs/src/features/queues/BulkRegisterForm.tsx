import { useState } from 'react';
import { Text } from '@fluentui/react-components';
import type { BulkQueueRegistrationResult, QueueItem } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { CaseTarget } from './CaseTarget.tsx';
import { RegisterDialogFrame } from './RegisterDialogFrame.tsx';
import { subjectOf } from './use-queue-actions.ts';
import { targetBody, validateTarget, type CaseTargetDraft } from './register-draft.ts';
import { useRegisterStyles } from './register-styles.ts';
import { useRegisterSubmit } from './use-register-submit.ts';

export interface BulkRegisterFormProps {
  /** The selected messages, in the list's order; the first gives a new case its title and defaults. */
  items: QueueItem[];
  heading: string;
  onClose: () => void;
  /** The API answered: some or all are registered; the list says which, and why the others were not. */
  onDone: (result: BulkQueueRegistrationResult) => void;
}

/** The case the messages all refer to, if they refer to one and the same. */
function commonSuggestion(items: QueueItem[]): QueueItem['suggestedCase'] {
  const [first] = items;
  return first?.suggestedCase && items.every((item) => item.suggestedCase?.id === first.suggestedCase!.id) ? first.suggestedCase : null;
}

/**
 * "Diarieför valda": several messages into one case, existing or new, each its own document
 * titled by its subject, with its attachments. Choosing attachments, a main document or
 * confidentiality is done one message at a time. Loaded lazily with the dialog.
 */
export default function BulkRegisterDialog({ items, heading, onClose, onDone }: BulkRegisterFormProps) {
  const { client, t } = useServices();
  const styles = useRegisterStyles();
  const first = items[0]!;
  const suggested = commonSuggestion(items);
  const [draft, setDraft] = useState<CaseTargetDraft>(() => ({
    target: suggested ? 'suggested' : 'existing',
    chosenCase: null,
    diary: '',
    caseTitle: first.subject.trim(),
    unitId: first.newCaseDefaults.unit?.id ?? '',
    officer: null,
    classification: '',
  }));
  const { errors, problem, busy, submit: send } = useRegisterSubmit('asSaid');
  const set = (patch: Partial<CaseTargetDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = () =>
    send(validateTarget(draft, t), async () => {
      const result = await client.registerQueueItems({
        items: items.map((item) => ({ id: item.id, version: item.version })),
        target: targetBody(suggested?.id ?? null, draft),
      });
      onDone(result);
    });

  return (
    <RegisterDialogFrame heading={heading} onClose={onClose} onSubmit={() => void submit()} busy={busy} problem={problem}>
      <Text className={styles.note}>{t('queues.bulk.register.note')}</Text>
      <ul aria-label={t('queues.bulk.register.items')} className={styles.list}>
        {items.map((item) => (
          <li key={item.id}>{subjectOf(item, t)}</li>
        ))}
      </ul>
      {!suggested && items.some((item) => item.suggestedCase) && <Text className={styles.note}>{t('queues.bulk.register.suggestedNone')}</Text>}
      <CaseTarget suggested={suggested} defaults={first.newCaseDefaults} draft={draft} set={set} errors={errors} />
    </RegisterDialogFrame>
  );
}
