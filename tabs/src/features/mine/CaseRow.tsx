import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { ROW_META_STYLES } from '../../app/section-styles.ts';
import type { CaseSummary } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { formatDate } from '../../app/format.ts';
import { CaseButton, ConfidentialBadge, type OpenCase } from './parts.tsx';

/** A list of cases or events, one row each: a first line and a line of details. */
export const useRowStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  ...ROW_META_STYLES,
});

export function CaseList({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <ul className={useRowStyles().list} aria-label={label}>
      {children}
    </ul>
  );
}

/**
 * One case in a list. The title is the one the API lets the reader see; of a case they may not
 * read, only its number, public title, status and date, and the Sekretess badge.
 */
export function CaseRow({ item, onOpen, details }: { item: CaseSummary; onOpen: OpenCase; details?: ReactNode }) {
  const styles = useRowStyles();
  const { t, locale } = useServices();
  const restricted = item.access === 'restricted';
  const meta = details ?? (
    <>
      <span>{t(`status.${item.status}`)}</span>
      {!restricted && item.officer && <span>{t('mine.case.officer', { name: item.officer.name })}</span>}
      {!restricted && item.unit && <span>{t('mine.case.unit', { name: item.unit.name })}</span>}
      <span>{t('mine.case.opened', { date: formatDate(locale, item.openedAt) })}</span>
    </>
  );
  return (
    <li className={styles.row}>
      <div className={styles.line}>
        <CaseButton caseNumber={item.caseNumber} title={restricted ? item.publicTitle : item.title} onOpen={onOpen} />
        {item.confidential && <ConfidentialBadge />}
      </div>
      <div className={styles.meta}>{meta}</div>
    </li>
  );
}
