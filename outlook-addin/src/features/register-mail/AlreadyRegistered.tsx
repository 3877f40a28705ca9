import { useId } from 'react';
import { Button, Card, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { MailRegistrationRef } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { formatDateTime } from '../../components/format.ts';
import { CaseLinkButton } from './CaseLinkButton.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  entry: { fontWeight: tokens.fontWeightSemibold },
});

export interface AlreadyRegisteredProps {
  registrations: MailRegistrationRef[];
  /** Shown while the form for another case is closed. */
  onRegisterAgain?: () => void;
}

/** Where this mail is registered: the document number, the case, who and when, and a way into the case. */
export function AlreadyRegistered({ registrations, onRegisterAgain }: AlreadyRegisteredProps) {
  const { t, locale } = useServices();
  const styles = useStyles();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id={headingId}>{t('registered.heading')}</MessageBarTitle>
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.list}>
        {registrations.map((r) => (
          <li key={r.documentId}>
            <Card className={styles.card} appearance="subtle">
              <Text className={styles.entry}>{t('registered.entry', { documentNumber: r.documentNumber, caseNumber: r.caseNumber })}</Text>
              <Text>{r.caseTitle}</Text>
              <Text size={200}>{t('registered.by', { name: r.registeredBy.name, when: formatDateTime(locale, r.registeredAt) })}</Text>
              <div>
                <CaseLinkButton caseRef={{ id: r.caseId, caseNumber: r.caseNumber }} />
              </div>
            </Card>
          </li>
        ))}
      </ul>
      {onRegisterAgain && <Button onClick={onRegisterAgain}>{t('registered.again')}</Button>}
    </section>
  );
}
