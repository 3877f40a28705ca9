import type { ReactNode } from 'react';
import { Badge, MessageBar, MessageBarBody, Text, makeStyles, tokens, type BadgeProps } from '@fluentui/react-components';
import { LockClosed16Regular } from '@fluentui/react-icons';
import type { CaseFull, CaseRestricted, CaseStatus } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  number: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0 },
  list: { margin: 0, padding: 0, listStyle: 'none' },
});

const STATUS_COLOUR: Record<CaseStatus, BadgeProps['color']> = { open: 'brand', closed: 'informative', cancelled: 'danger' };

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useServices();
  return (
    <Badge appearance="tint" color={STATUS_COLOUR[status]}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** The "Sekretess" badge, with the OSL provision when the reader may see it. */
export function ConfidentialBadge({ provision }: { provision?: string }) {
  const { t } = useServices();
  return (
    <Badge appearance="filled" color="warning" icon={<LockClosed16Regular />}>
      {provision ? t('case.header.confidential', { provision }) : t('confidential.badge')}
    </Badge>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.detail}>{children}</dd>
    </>
  );
}

/** The case's number (the page's heading), its title, status and who handles it. */
export function CaseHeader({ c }: { c: CaseFull }) {
  const styles = useStyles();
  const { t, locale } = useServices();
  const none = t('case.header.none');
  return (
    <header className={styles.header}>
      <h1 className={styles.number}>{c.caseNumber}</h1>
      <Text as="p" className={styles.title}>
        {c.title}
      </Text>
      <div className={styles.badges}>
        <StatusBadge status={c.status} />
        {c.confidentiality && <ConfidentialBadge provision={c.confidentiality.provision} />}
      </div>
      <dl className={styles.facts}>
        <Fact term={t('case.header.officer')}>{c.officer?.name ?? none}</Fact>
        <Fact term={t('case.header.unit')}>{c.unit?.name ?? none}</Fact>
        <Fact term={t('case.header.diary')}>{`${c.diary.prefix} – ${c.diary.name}`}</Fact>
        <Fact term={t('case.header.opened')}>
          <time dateTime={c.openedAt}>{formatDate(locale, c.openedAt)}</time>
        </Fact>
        {c.closedAt && (
          <Fact term={t('case.header.closed')}>
            <time dateTime={c.closedAt}>{formatDateTime(locale, c.closedAt)}</time>
          </Fact>
        )}
        {c.decisionSummary && <Fact term={t('case.header.decision')}>{c.decisionSummary}</Fact>}
        <Fact term={t('case.header.counterparties')}>
          {c.counterparties.length === 0 ? (
            none
          ) : (
            <ul className={styles.list}>
              {c.counterparties.map((p, i) => (
                <li key={i}>{p.organisation ? `${p.name}, ${p.organisation}` : p.name}</li>
              ))}
            </ul>
          )}
        </Fact>
      </dl>
    </header>
  );
}

/** A confidential case the reader may not see: that it exists, its public title, and why no more. */
export function RestrictedCaseHeader({ c }: { c: CaseRestricted }) {
  const styles = useStyles();
  const { t } = useServices();
  return (
    <header className={styles.header}>
      <h1 className={styles.number}>{c.caseNumber}</h1>
      <Text as="p" className={styles.title}>
        {c.publicTitle}
      </Text>
      <div className={styles.badges}>
        <StatusBadge status={c.status} />
        <ConfidentialBadge />
      </div>
      <MessageBar intent="info">
        <MessageBarBody>{t('confidential.restricted')}</MessageBarBody>
      </MessageBar>
    </header>
  );
}
