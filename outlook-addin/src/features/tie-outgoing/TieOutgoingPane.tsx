import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle1,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { FieldError, OutgoingMailTie } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { CaseChoice, type CaseTarget } from '../../components/case-choice/CaseChoice.tsx';
import {
  PUBLIC_DRAFT,
  ConfidentialityFields,
  confidentialityErrors,
  confidentialityInput,
  type ConfidentialityDraft,
} from '../../components/ConfidentialityFields.tsx';
import { describeProblem, placeFieldErrors, type ProblemView } from '../../components/problem.ts';
import { ProblemSummary } from '../../components/ProblemSummary.tsx';
import type { ComposeMail } from '../../host/mail-host.ts';
import { SubmitButton } from '../../components/SubmitButton.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  done: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const FIELDS: ReadonlySet<string> = new Set(['caseRef', 'title', 'publicTitle', 'confidentiality.provision']);

/**
 * A mail being written: tie it to a case. The draft is saved (the API can only find a saved
 * item), stamped with the case number, and its sent copy is registered as outgoing once sent.
 */
export function TieOutgoingPane({ mail }: { mail: ComposeMail }) {
  const { client, t } = useServices();
  const styles = useStyles();
  const headingId = useId();
  const [target, setTarget] = useState<CaseTarget | null>(null);
  const [title, setTitle] = useState('');
  const [confidentiality, setConfidentiality] = useState<ConfidentialityDraft>(PUBLIC_DRAFT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ view: ProblemView; unplaced: FieldError[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [tie, setTie] = useState<OutgoingMailTie | null>(null);
  const inFlight = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) summaryRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (tie) doneRef.current?.focus();
  }, [tie]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    const invalid = confidentialityErrors(confidentiality, t);
    if (target?.kind !== 'case') invalid.caseRef = t('choice.requiredExisting');
    if (Object.keys(invalid).length > 0 || target?.kind !== 'case') {
      setErrors(invalid);
      setProblem({ view: { message: t('problem.fields'), detail: null, fieldErrors: [] }, unplaced: [] });
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    try {
      const caseNumber = target.option.caseNumber;
      // Stamp first, then save, so the saved draft (and the mail once sent) carries the case number.
      await mail.setCaseHeader(caseNumber);
      const itemId = await mail.saveDraft();
      const mailbox = await mail.sharedMailbox();
      const result = await client.tieOutgoingMail({
        itemId,
        ...(mailbox ? { mailbox } : {}),
        caseRef: target.option.id,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...confidentialityInput(confidentiality),
      });
      setErrors({});
      setProblem(null);
      setTie(result);
    } catch (error) {
      const view = describeProblem(error, t, { sendingMail: true });
      const { placed, unplaced } = placeFieldErrors(view.fieldErrors, FIELDS);
      setErrors(placed);
      setProblem({ view, unplaced });
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  if (tie) {
    return (
      <div className={styles.done} ref={doneRef} tabIndex={-1}>
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('compose.done', { caseNumber: tie.caseNumber })}</MessageBarTitle>
            <p>{t('compose.doneDetail')}</p>
          </MessageBarBody>
        </MessageBar>
        <div>
          <Button onClick={() => setTie(null)}>{t('compose.change')}</Button>
        </div>
      </div>
    );
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
      <div>
        <Subtitle1 as="h2" block id={headingId}>
          {t('compose.heading')}
        </Subtitle1>
        <Text as="p" block>{t('compose.intro')}</Text>
      </div>
      <CaseChoice
        source={async () => ({
          texts: [await mail.subject().catch(() => ''), await mail.bodyText().catch(() => '')],
          conversationId: mail.conversationId,
        })}
        value={target}
        onChange={setTarget}
        allowNewCase={false}
        validationMessage={errors.caseRef}
      />
      <Field label={t('compose.title')} hint={t('compose.title.hint')} validationMessage={errors.title}>
        <Input value={title} onChange={(_, data) => setTitle(data.value)} />
      </Field>
      <ConfidentialityFields
        value={confidentiality}
        onChange={setConfidentiality}
        errors={errors}
        checkboxLabel={t('confidential.label')}
        publicTitleLabel={t('confidential.publicTitle')}
      />
      <div aria-live="polite">
        {problem && <ProblemSummary ref={summaryRef} heading={t('problem.tieHeading')} problem={problem.view} unplaced={problem.unplaced} />}
      </div>
      <div className={styles.actions}>
        <SubmitButton submitting={submitting} label={t('compose.submit')} busyLabel={t('compose.submitting')} />
      </div>
    </form>
  );
}
