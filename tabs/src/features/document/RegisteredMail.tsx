import { useId, useMemo } from 'react';
import { Badge, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { MailAddress, MailContent } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { formatDateTime, formatSize } from '../../app/format.ts';
import { DetailList } from './DocumentDetails.tsx';
import { sanitizeMailHtml, type SanitizedMail } from './sanitize-mail.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  frame: {
    width: '100%',
    height: '60vh',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  text: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  attachments: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  attachment: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const addressText = (a: MailAddress) => (a.name && a.address ? `${a.name} <${a.address}>` : (a.name ?? a.address ?? ''));
const addressesText = (list: MailAddress[]) => list.map(addressText).filter(Boolean).join(', ');

/** Sanitised HTML, or null when the sanitiser could not vouch for it (the text is shown instead). */
function safeHtml(html: string | null): SanitizedMail | null {
  if (html === null || html.trim() === '') return null;
  try {
    return sanitizeMailHtml(html);
  } catch (error) {
    console.error(error);
    return null;
  }
}

/** A registered mail as its reader got it: headers, body (never running anything, never loading from elsewhere) and attachments. */
export function RegisteredMail({ mail }: { mail: MailContent }) {
  const { t, locale } = useServices();
  const styles = useStyles();
  const attachmentsHeading = useId();
  const html = useMemo(() => safeHtml(mail.html), [mail.html]);

  return (
    <div className={styles.root}>
      <DetailList
        rows={[
          [t('document.mail.from'), addressesText(mail.from)],
          [t('document.mail.to'), addressesText(mail.to)],
          [t('document.mail.cc'), addressesText(mail.cc)],
          mail.date !== null && [t('document.mail.date'), formatDateTime(locale, mail.date)],
          [t('document.mail.subject'), mail.subject ?? ''],
        ]}
      />
      {html?.remoteRemoved && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('document.mail.remoteRemoved')}</MessageBarBody>
        </MessageBar>
      )}
      {html ? (
        // No allow-scripts and no allow-same-origin: the body can run nothing and reach nothing of ours.
        <iframe
          className={styles.frame}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          srcDoc={html.document}
          title={t('document.mail.bodyTitle')}
        />
      ) : mail.text ? (
        <pre className={styles.text}>{mail.text}</pre>
      ) : (
        <p>{mail.html ? t('document.mail.unsafe') : t('document.mail.noBody')}</p>
      )}
      {mail.attachments.length > 0 && (
        <section aria-labelledby={attachmentsHeading}>
          <h4 id={attachmentsHeading} className={styles.heading}>
            {t('document.mail.attachments')}
          </h4>
          <ul className={styles.attachments}>
            {mail.attachments.map((attachment, index) => (
              <li key={`${index}:${attachment.name}`}>
                <span className={styles.attachment}>
                  <span>{attachment.name}</span>
                  <span>{formatSize(locale, attachment.size)}</span>
                  {attachment.inline && <Badge appearance="outline">{t('document.mail.inline')}</Badge>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
