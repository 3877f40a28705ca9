import { useState, type ReactNode } from 'react';
import { Button, Field, Radio, RadioGroup, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Archive20Regular, ArrowForward20Regular, ArrowUndo20Regular, HandRight20Regular, PersonAdd20Regular } from '@fluentui/react-icons';
import { SetAsideReasonSchema, type QueueSummary, type SetAsideReason, type User } from '@diarium/core';
import { useT } from '../../app/services.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { PersonPicker } from '../../app/PersonPicker.tsx';
import type { ActionName } from './queue-items.ts';
import type { Outcome, Perform } from './use-queue-actions.ts';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface ItemActionsProps {
  /** The group's name: which message, or "the selected". */
  label: string;
  /** "”Subject”" or "3 meddelanden", for the dialogs' headings. */
  what: string;
  actions: ActionName[];
  perform: Perform;
  /** The queues one may forward to (not the one the items are in). */
  otherQueues: QueueSummary[];
  /** A failure of an action without a dialog, to show by the list. */
  onFailed: (message: string) => void;
  describedBy?: string;
  disabled?: boolean;
  /** Buttons of one message's own that stand first in the bar ("Öppna", "Diarieför"). */
  children?: ReactNode;
}

/** The actions on one message, or on all those selected: the same buttons, the same dialogs. */
export function ItemActions({ label, what, actions, perform, otherQueues, onFailed, describedBy, disabled, children }: ItemActionsProps) {
  const t = useT();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [assignee, setAssignee] = useState<User | null>(null);
  const [queueId, setQueueId] = useState('');
  const [reason, setReason] = useState<SetAsideReason | ''>('');
  const common = { describedBy, disabled: disabled || busy, perform } as const;

  async function now(action: Parameters<Perform>[0]) {
    setBusy(true);
    const outcome: Outcome = await perform(action);
    setBusy(false);
    if (outcome.status === 'failed') onFailed(outcome.message);
  }

  return (
    <div role="group" aria-label={label} className={styles.bar}>
      {children}
      {actions.includes('take') && (
        <Button icon={<HandRight20Regular />} aria-describedby={describedBy} disabled={common.disabled} onClick={() => void now({ action: 'take' })}>
          {t('queues.action.take')}
        </Button>
      )}
      {actions.includes('assign') && (
        <ActionDialog
          {...common}
          label={t('queues.action.assign')}
          icon={<PersonAdd20Regular />}
          heading={t('queues.assign.heading', { what })}
          reset={() => setAssignee(null)}
          build={() => (assignee ? { action: 'assign', assigneeId: assignee.id } : { missing: t('queues.assign.pick') })}
        >
          {(missing) => <PersonPicker label={t('queues.assign.search')} chosen={assignee} onChoose={setAssignee} validationMessage={missing} />}
        </ActionDialog>
      )}
      {actions.includes('forward') && (
        <ActionDialog
          {...common}
          label={t('queues.action.forward')}
          icon={<ArrowForward20Regular />}
          heading={t('queues.forward.heading', { what })}
          reset={() => setQueueId('')}
          build={() => (queueId ? { action: 'forward', queueId } : { missing: t('queues.forward.pick') })}
        >
          {(missing) =>
            otherQueues.length === 0 ? (
              <Text as="p">{t('queues.forward.noOther')}</Text>
            ) : (
              <Field label={t('queues.forward.queue')} required validationMessage={missing}>
                <Select value={queueId} onChange={(_, data) => setQueueId(data.value)}>
                  <option value="">{t('queues.forward.pick')}</option>
                  {otherQueues.map((queue) => (
                    <option key={queue.id} value={queue.id}>
                      {queue.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )
          }
        </ActionDialog>
      )}
      {actions.includes('setAside') && (
        <ActionDialog
          {...common}
          label={t('queues.action.setAside')}
          icon={<Archive20Regular />}
          heading={t('queues.setAside.heading', { what })}
          reset={() => setReason('')}
          build={() => (reason ? { action: 'setAside', reason } : { missing: t('queues.setAside.pick') })}
        >
          {(missing) => (
            <Field label={t('queues.setAside.reason')} required validationMessage={missing}>
              <RadioGroup value={reason} onChange={(_, data) => setReason(SetAsideReasonSchema.parse(data.value))}>
                {SetAsideReasonSchema.options.map((option) => (
                  <Radio key={option} value={option} label={t(`queues.reason.${option}`)} />
                ))}
              </RadioGroup>
            </Field>
          )}
        </ActionDialog>
      )}
      {actions.includes('restore') && (
        <Button icon={<ArrowUndo20Regular />} aria-describedby={describedBy} disabled={common.disabled} onClick={() => void now({ action: 'restore' })}>
          {t('queues.action.restore')}
        </Button>
      )}
    </div>
  );
}
