import { Suspense, lazy, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiProblem, type Direction, type FieldError, type MailRegistrationRef, type MailRegistrationResult } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { CaseChoice, type CaseTarget } from '../../components/case-choice/CaseChoice.tsx';
import { ConfidentialityFields } from '../../components/ConfidentialityFields.tsx';
import { describeProblem, placeFieldErrors, problemReason, type ProblemView } from '../../components/problem.ts';
import { ProblemSummary } from '../../components/ProblemSummary.tsx';
import { useAsync } from '../../components/use-async.ts';
import type { ReadMail } from '../../host/mail-host.ts';
import { AttachmentChecklist } from './AttachmentChecklist.tsx';
import {
  FORM_FIELDS,
  counterpartyOf,
  initialDraft,
  initialNewCase,
  registerMailBody,
  validateDraft,
  type MailDraft,
  type NewCaseDraft,
} from './draft.ts';
import { useIdempotencyKey } from './idempotency.ts';
import { SubmitButton } from '../../components/SubmitButton.tsx';

// Most mail goes into an existing case; the new-case form and its lists load only when asked for.
const NewCaseForm = lazy(() => import('./NewCaseForm.tsx'));

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))', gap: tokens.spacingHorizontalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  live: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface RegisterFormProps {
  mail: ReadMail;
  /** Where the mail is registered already, as looked up when the pane opened. */
  registeredIn: MailRegistrationRef[];
  /** The user chose to register in another case too: no need to ask again. */
  alsoInOtherCase: boolean;
  onDone: (result: MailRegistrationResult, caseTitle: string) => void;
  onCancel?: () => void;
}

type Question = { cases: string[] } | null;

/** The registration form: the case, the document's details, the attachments. */
export function RegisterForm({ mail, registeredIn, alsoInOtherCase, onDone, onCancel }: RegisterFormProps) {
  const { client, host, t } = useServices();
  const styles = useStyles();
  const [target, setTarget] = useState<CaseTarget | null>(null);
  const [draft, setDraft] = useState<MailDraft>(() => initialDraft(mail, host.userEmail));
  const [newCase, setNewCase] = useState<NewCaseDraft>(() => initialNewCase(mail));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ view: ProblemView; unplaced: FieldError[] } | null>(null);
  const [question, setQuestion] = useState<Question>(null);
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const keyFor = useIdempotencyKey();
  const mailboxPromise = useMemo(() => mail.sharedMailbox(), [mail]);
  const mailbox = useAsync(() => mailboxPromise, [mailboxPromise]);
  const registeredCaseIds = useMemo(() => new Set(registeredIn.map((r) => r.caseId)), [registeredIn]);

  useEffect(() => {
    if (problem) summaryRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (question) confirmRef.current?.focus();
  }, [question]);

  const set = (patch: Partial<MailDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function changeDirection(direction: Direction) {
    setDraft((d) => {
      const before = counterpartyOf(mail, d.direction);
      const untouched = d.counterpartyName === (before?.name ?? '') && d.counterpartyEmail === (before?.email ?? '');
      const after = counterpartyOf(mail, direction);
      return untouched ? { ...d, direction, counterpartyName: after?.name ?? '', counterpartyEmail: after?.email ?? '' } : { ...d, direction };
    });
  }

  /** The cases, other than the chosen one, where this mail is registered. */
  const elsewhere = (refs: MailRegistrationRef[], chosen: CaseTarget) =>
    [...new Set(refs.filter((r) => chosen.kind === 'new' || r.caseId !== chosen.option.id).map((r) => r.caseNumber))];

  function fail(view: ProblemView, fieldErrors: Record<string, string> = {}, unplaced: FieldError[] = []) {
    setErrors(fieldErrors);
    setProblem({ view, unplaced });
  }

  async function submit(also: boolean) {
    if (inFlight.current) return;
    setQuestion(null);
    const invalid = validateDraft(draft, target, newCase, t);
    if (Object.keys(invalid).length > 0 || target === null) {
      fail({ message: t('problem.fields'), detail: null, fieldErrors: [] }, invalid);
      return;
    }
    if (!also) {
      const cases = elsewhere(registeredIn, target);
      if (cases.length > 0) {
        setQuestion({ cases });
        return;
      }
    }
    inFlight.current = true;
    setSubmitting(true);
    try {
      const body = registerMailBody({ mail, mailbox: await mailboxPromise, target, draft, newCase, alsoInOtherCase: also });
      const result = await client.registerMail(body, keyFor(body));
      onDone(result, target.kind === 'case' ? target.option.title : newCase.title.trim());
    } catch (error) {
      if (!also && error instanceof ApiProblem && problemReason(error) === 'already_registered_elsewhere') {
        // Registered by someone (or the mailbox ingestion) since the pane opened: say where, and ask.
        const refs = await client.mailRegistrations({ internetMessageId: mail.internetMessageId }).catch((): MailRegistrationRef[] => []);
        setErrors({});
        setProblem(null);
        setQuestion({ cases: elsewhere(refs, target) });
        return;
      }
      const view = describeProblem(error, t, { sendingMail: true });
      const { placed, unplaced } = placeFieldErrors(view.fieldErrors, FORM_FIELDS);
      fail(view, placed, unplaced);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit(alsoInOtherCase);
  }

  const targetName = target?.kind === 'case' ? target.option.caseNumber : t('elsewhere.newCase');
  const dateKey = draft.direction === 'outgoing' ? 'sentAt' : 'receivedAt';

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <div>
        <Subtitle1 as="h2" block id={headingId}>
          {registeredIn.length > 0 ? t('register.againHeading') : t('register.heading')}
        </Subtitle1>
        {mailbox.status === 'done' && mailbox.value && <Caption1 as="p" block>{t('register.mailbox', { address: mailbox.value })}</Caption1>}
      </div>

      <CaseChoice
        source={async () => ({
          texts: [mail.subject, await mail.bodyText().catch(() => '')],
          conversationId: mail.conversationId,
          excludeCaseIds: registeredCaseIds,
        })}
        value={target}
        onChange={setTarget}
        allowNewCase
        validationMessage={errors.target}
      />

      {target?.kind === 'new' && (
        <Suspense fallback={<Spinner size="tiny" label={t('newCase.loading')} />}>
          <NewCaseForm value={newCase} onChange={setNewCase} errors={errors} />
        </Suspense>
      )}

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('document.legend')}</legend>
        <Field label={t('document.title')} required validationMessage={errors.title}>
          <Input value={draft.title} onChange={(_, data) => set({ title: data.value })} />
        </Field>
        <Field label={t('document.direction')} validationMessage={errors.direction}>
          <Select value={draft.direction} onChange={(_, data) => changeDirection(data.value as Direction)}>
            <option value="incoming">{t('direction.incoming')}</option>
            <option value="outgoing">{t('direction.outgoing')}</option>
            <option value="internal">{t('direction.internal')}</option>
          </Select>
        </Field>
        <div className={styles.pair}>
          <Field
            label={draft.direction === 'outgoing' ? t('document.counterpartyName.outgoing') : t('document.counterpartyName')}
            validationMessage={errors['counterparty.name'] ?? errors.counterparty}
          >
            <Input value={draft.counterpartyName} onChange={(_, data) => set({ counterpartyName: data.value })} />
          </Field>
          <Field label={t('document.counterpartyEmail')} validationMessage={errors['counterparty.email']}>
            <Input type="email" value={draft.counterpartyEmail} onChange={(_, data) => set({ counterpartyEmail: data.value })} />
          </Field>
        </div>
        {draft.direction !== 'internal' && (
          <Field label={draft.direction === 'outgoing' ? t('document.sentAt') : t('document.receivedAt')} validationMessage={errors[dateKey]}>
            <Input type="datetime-local" value={draft.date} onChange={(_, data) => set({ date: data.value })} />
          </Field>
        )}
        <ConfidentialityFields
          value={draft.confidentiality}
          onChange={(confidentiality) => set({ confidentiality })}
          errors={errors}
          checkboxLabel={t('confidential.label')}
          publicTitleLabel={t('confidential.publicTitle')}
        />
      </fieldset>

      <AttachmentChecklist
        attachments={mail.attachments}
        chosen={draft.attachments}
        main={draft.main}
        onChange={(attachments, main) => set({ attachments, main })}
        error={errors.attachments}
      />

      <div className={styles.live} aria-live="polite">
        {problem && <ProblemSummary ref={summaryRef} heading={t('problem.heading')} problem={problem.view} unplaced={problem.unplaced} />}
        {question && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              {question.cases.length > 0
                ? t('elsewhere.question', { cases: question.cases.join(', '), target: targetName })
                : t('elsewhere.questionUnknown', { target: targetName })}
            </MessageBarBody>
            <MessageBarActions>
              <Button appearance="primary" ref={confirmRef} onClick={() => void submit(true)}>
                {t('elsewhere.confirm')}
              </Button>
              <Button onClick={() => setQuestion(null)}>{t('elsewhere.cancel')}</Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </div>

      <div className={styles.actions}>
        <SubmitButton submitting={submitting} label={t('register.submit')} busyLabel={t('register.submitting')} />
        {onCancel && (
          <Button type="button" onClick={onCancel} disabled={submitting}>
            {t('register.cancelAgain')}
          </Button>
        )}
      </div>
    </form>
  );
}
