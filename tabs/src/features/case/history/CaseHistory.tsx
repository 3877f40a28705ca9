import type { CaseEvent, CaseFull, Document } from '@diarium/core';
import { useServices } from '../../../app/services.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useHistoryStyles } from '../../../app/history-styles.ts';
import { eventSentence } from './event-sentence.ts';

export interface CaseHistoryProps {
  c: CaseFull;
  events: CaseEvent[];
  /** To name the documents that read events give only by id. */
  documents: readonly Document[];
}

/** The case's history, newest first, each event a sentence with its time. */
export function CaseHistory({ c, events, documents }: CaseHistoryProps) {
  const styles = useHistoryStyles();
  const { t, locale } = useServices();
  if (events.length === 0) return <p>{t('case.history.empty')}</p>;
  const newestFirst = [...events].sort((a, b) => b.at.localeCompare(a.at) || Number(b.id) - Number(a.id));
  return (
    <ol className={styles.list} aria-label={t('case.history.heading')}>
      {newestFirst.map((event) => (
        <li key={event.id} className={styles.item}>
          <span>{eventSentence(event, { t, locale, c, documents })}</span>
          <time dateTime={event.at} className={styles.time}>
            {formatDateTime(locale, event.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}
