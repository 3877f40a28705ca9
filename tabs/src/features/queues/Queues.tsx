import { useId, useState } from 'react';
import { Text, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { MailInbox20Regular } from '@fluentui/react-icons';
import type { QueueSummary } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { problemText } from '../../app/problem.ts';
import { useAsync } from '../../app/use-async.ts';
import { useRefresh } from '../../app/use-refresh.ts';
import { QueueItems } from './QueueItems.tsx';
import { QueueProblem } from './QueueProblem.tsx';
import { SECTION_STYLES } from '../../app/section-styles.ts';

const useStyles = makeStyles({
  ...SECTION_STYLES,
  queues: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  queue: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  late: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

export interface QueuesProps {
  /** The clock, for what is late; the tests set it. */
  now?: () => Date;
  /** How often the counts and the chosen queue's messages are read again while shown. */
  refreshEveryMs?: number;
}

/** New mail comes in all the time; a minute is as fresh as a registrar needs. */
const REFRESH_EVERY_MS = 60_000;

/**
 * "Köer" in Mitt arbete: the function mailboxes' queues the reader works in, with what waits and
 * what is late, and the chosen queue's messages. Not shown to those who have no queue.
 */
export function Queues({ now = () => new Date(), refreshEveryMs = REFRESH_EVERY_MS }: QueuesProps) {
  const styles = useStyles();
  const { client, t } = useServices();
  const headingId = useId();
  const [queues, reloadQueues] = useAsync(() => client.getQueues(), [client]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [refreshed, setRefreshed] = useState(0);
  useRefresh(() => {
    reloadQueues();
    setRefreshed((n) => n + 1);
  }, refreshEveryMs);

  if (queues.status === 'loading' || (queues.status === 'done' && queues.value.length === 0)) return null;
  const list = queues.status === 'done' ? queues.value : [];
  // The only queue is open at once; otherwise the one chosen, while it is still the reader's.
  const chosen = list.length === 1 ? list[0]! : (list.find((q) => q.id === chosenId) ?? null);

  return (
    <section aria-labelledby={headingId} className={styles.section}>
      <h2 id={headingId} className={styles.heading}>
        {t('queues.heading')}
      </h2>
      {queues.status === 'failed' ? (
        <QueueProblem text={problemText(queues.error, t)} onRetry={reloadQueues} />
      ) : (
        <>
          <ul className={styles.queues} aria-label={t('queues.list')}>
            {list.map((queue) => (
              <QueueCard key={queue.id} queue={queue} chosen={queue.id === chosen?.id} onChoose={() => setChosenId(queue.id)} />
            ))}
          </ul>
          {chosen ? (
            <QueueItems key={chosen.id} queue={chosen} queues={list} now={now()} onChanged={reloadQueues} refreshed={refreshed} />
          ) : (
            <Text>{t('queues.choose')}</Text>
          )}
        </>
      )}
    </section>
  );
}

/** A queue with its counts; pressing it shows its messages. */
function QueueCard({ queue, chosen, onChoose }: { queue: QueueSummary; chosen: boolean; onChoose: () => void }) {
  const styles = useStyles();
  const { t } = useServices();
  const countsId = useId();
  return (
    <li className={styles.queue}>
      <ToggleButton checked={chosen} appearance={chosen ? 'primary' : 'secondary'} icon={<MailInbox20Regular />} aria-describedby={countsId} onClick={onChoose}>
        {queue.name}
      </ToggleButton>
      <div id={countsId} className={styles.counts}>
        {queue.unit && <span>{t('queues.unit', { name: queue.unit.name })}</span>}
        <span>{t('queues.waiting', { count: queue.waiting })}</span>
        <span className={queue.overdue > 0 ? styles.late : undefined}>{t('queues.overdue', { count: queue.overdue })}</span>
        <span>{t('queues.dueSoon', { count: queue.dueSoon })}</span>
      </div>
    </li>
  );
}
