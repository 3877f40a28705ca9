import { lazy, useState } from 'react';
import { DocumentCheckmark20Regular, MailRead20Regular } from '@fluentui/react-icons';
import type { BulkQueueRegistrationResult, QueueItem } from '@diarium/core';
import { useT } from '../../app/services.tsx';
import { ItemDialogButton } from './ItemDialog.tsx';
import type { RegistrationEvents } from './use-queue-actions.ts';

// The mail view (with its sanitiser) and the registration form load only when asked for: most of
// the time the list is only read, and the personal tab's first paint stays small.
const QueueMailDialog = lazy(() => import('./QueueMail.tsx'));
const RegisterDialog = lazy(() => import('./RegisterForm.tsx'));
const BulkRegisterDialog = lazy(() => import('./BulkRegisterForm.tsx'));

interface ItemDialogsProps {
  item: QueueItem;
  subject: string;
  describedBy: string;
}

/** "Öppna": the message's mail in a dialog, read from its mailbox as it opens. */
export function OpenMail({ item, subject, describedBy }: ItemDialogsProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <ItemDialogButton label={t('queues.action.open')} icon={<MailRead20Regular />} describedBy={describedBy} open={open} setOpen={setOpen}>
      <QueueMailDialog itemId={item.id} heading={t('queues.mail.heading', { subject })} onClose={() => setOpen(false)} />
    </ItemDialogButton>
  );
}

/** "Diarieför": the registration form in a dialog; it stays open, with what was typed, until the message is registered. */
export function RegisterItem({ item, subject, describedBy, events }: ItemDialogsProps & { events: RegistrationEvents }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <ItemDialogButton label={t('queues.action.register')} icon={<DocumentCheckmark20Regular />} describedBy={describedBy} open={open} setOpen={setOpen}>
      <RegisterDialog
        item={item}
        heading={t('queues.register.heading', { subject })}
        onClose={() => setOpen(false)}
        onRegistered={(result) => {
          setOpen(false);
          events.registered(item, result);
        }}
        onChanged={events.changed}
        onHandled={() => {
          setOpen(false);
          events.handled(item);
        }}
      />
    </ItemDialogButton>
  );
}

/** "Diarieför valda": the selected messages into one case, in a dialog; it closes once the API has answered for each. */
export function RegisterSelected({ items, onDone }: { items: QueueItem[]; onDone: (items: QueueItem[], result: BulkQueueRegistrationResult) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  // The messages as they were when the dialog opened: the list may be read again meanwhile.
  const [chosen, setChosen] = useState<QueueItem[]>([]);
  return (
    <ItemDialogButton
      label={t('queues.bulk.register')}
      icon={<DocumentCheckmark20Regular />}
      disabled={items.length === 0}
      open={open}
      setOpen={(next) => {
        if (next) setChosen(items);
        setOpen(next);
      }}
    >
      <BulkRegisterDialog
        items={chosen}
        heading={t('queues.bulk.register.heading', { count: chosen.length })}
        onClose={() => setOpen(false)}
        onDone={(result) => {
          setOpen(false);
          onDone(chosen, result);
        }}
      />
    </ItemDialogButton>
  );
}
