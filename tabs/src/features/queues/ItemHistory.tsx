import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { QueueItemEvent } from '@diarium/core';
import { formatDateTime } from '../../app/format.ts';
import { useHistoryStyles } from '../../app/history-styles.ts';
import { problemText } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import type { Translate } from '../../messages.ts';
import { QueueProblem } from './QueueProblem.tsx';

const useStyles = makeStyles({
  heading: { margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** One event as a sentence: who did what, with the queue, person, reason or document it names. */
export function itemEventSentence(event: QueueItemEvent, t: Translate): string {
  const who = event.actor?.name ?? t('queues.history.diarium');
  switch (event.action) {
    case 'item.received':
      return event.ruleName
        ? t('queues.history.receivedByRule', { queue: event.queue?.name ?? '', rule: event.ruleName })
        : t('queues.history.received', { queue: event.queue?.name ?? '' });
    case 'item.open':
      return t('queues.history.open', { who });
    case 'item.assign':
      return event.assignee ? t('queues.history.assign', { who, assignee: event.assignee.name }) : t('queues.history.unassign', { who });
    case 'item.take':
      return t('queues.history.take', { who });
    case 'item.forward':
      return t('queues.history.forward', { who, queue: event.queue?.name ?? '' });
    case 'item.setAside':
      return t('queues.history.setAside', { who, reason: event.reason ? t(`queues.reason.${event.reason}`) : '' });
    case 'item.restore':
      return t('queues.history.restore', { who });
    case 'item.register':
      return t('queues.history.register', { who, documentNumber: event.documentNumber ?? '' });
    case 'item.markFailed':
      return t('queues.history.markFailed');
  }
}

/** What has been done with the message, oldest first: the log the queue keeps of every message. */
export function ItemHistory({ itemId, headingId }: { itemId: string; headingId: string }) {
  const styles = useStyles();
  const history = useHistoryStyles();
  const { client, t, locale } = useServices();
  const [events, reload] = useAsync(() => client.getQueueItemEvents(itemId), [client, itemId]);
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {t('queues.history.heading')}
      </h3>
      {events.status === 'loading' && <Spinner size="tiny" labelPosition="after" label={t('queues.history.loading')} />}
      {events.status === 'failed' && <QueueProblem text={problemText(events.error, t)} onRetry={reload} />}
      {events.status === 'done' && (
        <ol className={history.list}>
          {events.value.map((event, n) => (
            <li key={`${event.at}-${n}`} className={history.item}>
              <span>{itemEventSentence(event, t)}</span>
              <time dateTime={event.at} className={history.time}>
                {formatDateTime(locale, event.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
