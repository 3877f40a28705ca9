import { makeStyles, tokens } from '@fluentui/react-components';
import type { CaseEvent, CaseFull, Document } from '@diarium/core';
import { useServices } from '../../../app/services.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { eventSentence } from './event-sentence.ts';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  time: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface CaseHistoryProps {
  c: CaseFull;
  events: CaseEvent[];
  /** To name the documents that read events give only by id. */
  documents: readonly Document[];
}

/** The case's history, newest first, each event a sentence with its time. */
export function CaseHistory({ c, events, documents }: CaseHistoryProps) {
  const styles = useStyles();
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
