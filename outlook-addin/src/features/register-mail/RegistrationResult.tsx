import { useEffect, useId, useRef, useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Copy20Regular } from '@fluentui/react-icons';
import type { MailRegistrationResult } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { CaseLinkButton } from './CaseLinkButton.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Writes to the clipboard; Outlook's web views do not always allow the Clipboard API. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

export interface RegistrationResultProps {
  result: MailRegistrationResult;
  caseTitle: string;
  onAnother: () => void;
}

/** The registration as done: document number, case, the Outlook category, and where to go next. */
export function RegistrationResult({ result, caseTitle, onAnother }: RegistrationResultProps) {
  const { t } = useServices();
  const styles = useStyles();
  const [copied, setCopied] = useState<boolean | null>(null);
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  // The form is gone: focus moves to what replaced it, so the reader hears the result.
  useEffect(() => sectionRef.current?.focus(), []);
  const { document: doc } = result;
  return (
    <section className={styles.root} aria-labelledby={headingId} ref={sectionRef} tabIndex={-1}>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id={headingId}>{t('result.heading', { documentNumber: doc.documentNumber })}</MessageBarTitle>
          {result.alreadyRegistered && <p>{t('result.already', { documentNumber: doc.documentNumber })}</p>}
          <p>{t('result.case', { caseNumber: doc.caseNumber, title: caseTitle })}</p>
          <p>{result.categorySet ? t('result.category') : t('result.categoryLater')}</p>
        </MessageBarBody>
      </MessageBar>
      <div className={styles.actions}>
        <CaseLinkButton caseRef={{ id: doc.caseId, caseNumber: doc.caseNumber }} />
        <Button icon={<Copy20Regular />} onClick={async () => setCopied(await copyText(doc.caseNumber))}>
          {t('result.copy')}
        </Button>
      </div>
      <Text role="status">
        {copied === true && t('result.copied', { caseNumber: doc.caseNumber })}
        {copied === false && t('result.copyFailed', { caseNumber: doc.caseNumber })}
      </Text>
      <div>
        <Button appearance="subtle" onClick={onAnother}>
          {t('result.another')}
        </Button>
      </div>
    </section>
  );
}
