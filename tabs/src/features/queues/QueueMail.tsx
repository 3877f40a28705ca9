import { Button, DialogActions, DialogBody, DialogContent, DialogTitle, DialogTrigger, Spinner } from '@fluentui/react-components';
import { useId } from 'react';
import { ApiProblem } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { problemText } from '../../app/problem.ts';
import { useAsync } from '../../app/use-async.ts';
import type { Translate } from '../../messages.ts';
import { RegisteredMail } from '../document/RegisteredMail.tsx';
import { ItemHistory } from './ItemHistory.tsx';
import { WideDialog } from './ItemDialog.tsx';
import { QueueProblem } from './QueueProblem.tsx';

/** Why a message could not be read, and what to do: a 404 means it has left the reader's queues. */
export function mailProblemText(error: unknown, t: Translate): string {
  if (error instanceof ApiProblem && error.status === 404) return t('queues.mail.notFound');
  // A 503 (the server reads no mailbox) and a 413 (too large) come with the API's own words on what to do.
  return problemText(error, t);
}

export interface QueueMailDialogProps {
  itemId: string;
  heading: string;
  onClose: () => void;
}

/**
 * A queue item's mail, read from its function mailbox as it is opened (the API records the
 * opening), shown as a registered mail is: sanitised, in a sandboxed frame. Loaded lazily.
 */
export default function QueueMailDialog({ itemId, heading, onClose }: QueueMailDialogProps) {
  const { client, t } = useServices();
  const [mail, reload] = useAsync(() => client.getQueueItemMail(itemId), [client, itemId]);
  const historyId = useId();
  return (
    <WideDialog onClose={onClose}>
      <DialogBody>
        <DialogTitle>{heading}</DialogTitle>
        <DialogContent>
          {mail.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('queues.mail.loading')} />}
          {mail.status === 'failed' && <QueueProblem text={mailProblemText(mail.error, t)} onRetry={reload} />}
          {mail.status === 'done' && <RegisteredMail mail={mail.value} />}
          {mail.status === 'done' && <ItemHistory itemId={itemId} headingId={historyId} />}
        </DialogContent>
        <DialogActions>
          <DialogTrigger disableButtonEnhancement>
            <Button appearance="primary">{t('queues.action.close')}</Button>
          </DialogTrigger>
        </DialogActions>
      </DialogBody>
    </WideDialog>
  );
}
