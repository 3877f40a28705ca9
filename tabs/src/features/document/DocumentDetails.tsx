import { Fragment, type ReactNode } from 'react';
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { LockClosed16Regular } from '@fluentui/react-icons';
import type { Counterparty, Direction, DocumentFull, DocumentRestricted } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import type { MessageKey } from '../../messages.ts';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  marking: { display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export type DetailRow = [label: string, value: ReactNode];

/** Label and value pairs as a description list; rows without a value are left out. */
export function DetailList({ rows }: { rows: Array<DetailRow | null | false> }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {rows
        .filter((row): row is DetailRow => row !== null && row !== false && row[1] !== null && row[1] !== '')
        .map(([label, value]) => (
          <Fragment key={label}>
            <dt className={styles.term}>{label}</dt>
            <dd className={styles.value}>{value}</dd>
          </Fragment>
        ))}
    </dl>
  );
}

const counterpartyLabel: Record<Direction, Extract<MessageKey, `document.details.${'sender' | 'recipient' | 'counterparty'}`>> = {
  incoming: 'document.details.sender',
  outgoing: 'document.details.recipient',
  internal: 'document.details.counterparty',
};

const counterpartyText = (c: Counterparty) => [c.name, c.organisation, c.email, c.address].filter(Boolean).join(', ');

/** A SharePoint source is `driveId/itemId@eTag`; the eTag's last number is the file's version. */
function sharePointVersion(sourceRef: string | null): string | null {
  const at = sourceRef?.lastIndexOf('@') ?? -1;
  if (!sourceRef || at < 0) return null;
  const etag = sourceRef.slice(at + 1);
  return /,(\d+)"?$/.exec(etag)?.[1] ?? (etag.replace(/^"|"$/g, '') || null);
}

export function ConfidentialBadge() {
  const { t } = useServices();
  return (
    <Badge appearance="tint" color="danger" icon={<LockClosed16Regular />}>
      {t('confidential.badge')}
    </Badge>
  );
}

/** Everything the register holds about a document the reader may see in full. */
export function DocumentDetails({ document: doc }: { document: DocumentFull }) {
  const { t, locale } = useServices();
  const styles = useStyles();
  const version = doc.source === 'sharepoint' ? sharePointVersion(doc.sourceRef) : null;
  const marking = doc.confidentiality;
  return (
    <DetailList
      rows={[
        [t('document.details.documentNumber'), doc.documentNumber],
        [t('document.details.caseNumber'), doc.caseNumber],
        [t('document.details.title'), doc.title],
        doc.publicTitle !== doc.title && [t('document.details.publicTitle'), doc.publicTitle],
        [t('document.details.direction'), t(`direction.${doc.direction}`)],
        [t('document.details.kind'), t(`document.kind.${doc.kind}`)],
        [t('document.details.documentDate'), formatDate(locale, doc.documentDate)],
        doc.receivedAt !== null && [t('document.details.receivedAt'), formatDateTime(locale, doc.receivedAt)],
        doc.sentAt !== null && [t('document.details.sentAt'), formatDateTime(locale, doc.sentAt)],
        doc.counterparty !== null && [t(counterpartyLabel[doc.direction]), counterpartyText(doc.counterparty)],
        [t('document.details.registeredBy'), doc.registeredBy.name],
        [t('document.details.registeredAt'), formatDateTime(locale, doc.registeredAt)],
        [
          t('document.details.confidentiality'),
          marking ? (
            <span className={styles.marking}>
              <ConfidentialBadge />
              <span>
                {marking.provision}, {t('document.details.marked', { date: formatDate(locale, marking.markedAt), name: marking.markedBy.name })}
              </span>
            </span>
          ) : (
            t('document.details.public')
          ),
        ],
        [
          t('document.details.source'),
          version ? t('document.details.sharepointVersion', { version }) : t(`document.source.${doc.source}`),
        ],
      ]}
    />
  );
}

/** What the public register shows of a confidential document the reader may not see. */
export function RestrictedDocument({ document: doc }: { document: DocumentRestricted }) {
  const { t, locale } = useServices();
  const styles = useStyles();
  return (
    <>
      <div className={styles.marking}>
        <ConfidentialBadge />
        <span>{t('confidential.restricted')}</span>
      </div>
      <DetailList
        rows={[
          [t('document.details.documentNumber'), doc.documentNumber],
          [t('document.details.title'), doc.publicTitle],
          [t('document.details.direction'), t(`direction.${doc.direction}`)],
          [t('document.details.documentDate'), formatDate(locale, doc.documentDate)],
        ]}
      />
    </>
  );
}
