import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { ApiProblem, type QueueItem, type QueueItemMail, type QueueItemRegistration } from '@diarium/core';
import { formatSize } from '../../app/format.ts';
import { useServices } from '../../app/services.tsx';
import { useAsync, type AsyncState } from '../../app/use-async.ts';
import type { Locale } from '../../messages.ts';
import { CaseTarget } from './CaseTarget.tsx';
import { isElsewhere } from './register-failure.ts';
import { useRegisterStyles } from './register-styles.ts';
import { useRegisterSubmit } from './use-register-submit.ts';
import { QueueProblem } from './QueueProblem.tsx';
import { mailProblemText } from './QueueMail.tsx';
import { RegisterDialogFrame } from './RegisterDialogFrame.tsx';
import {
  MAIN_IS_MAIL,
  initialAttachments,
  initialDraft,
  registrationBody,
  validateDraft,
  type RegisterDraft,
} from './register-draft.ts';

export interface RegisterFormProps {
  item: QueueItem;
  heading: string;
  /** Cancel, or Escape. */
  onClose: () => void;
  /** Registered (or it was already): the dialog closes, the list is read again and says so. */
  onRegistered: (result: QueueItemRegistration) => void;
  /** Someone changed the message meanwhile (412): the list is read again; the dialog stays. */
  onChanged: () => void;
  /** The message was handled by someone else (409): the dialog closes and the list says so. */
  onHandled: () => void;
}

/**
 * "Diarieför" for one queue item: the case (suggested, another, or new), the document's title,
 * and the attachments, with the mail itself always kept. Loaded lazily with the dialog.
 */
export default function RegisterDialog({ item, heading, onClose, onRegistered, onChanged, onHandled }: RegisterFormProps) {
  const { client, t, locale } = useServices();
  const styles = useRegisterStyles();
  const [draft, setDraft] = useState<RegisterDraft>(() => initialDraft(item));
  const { errors, problem, setProblem, busy, submit: send } = useRegisterSubmit();
  const [elsewhere, setElsewhere] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const [mail, reloadMail] = useAsync(() => client.getQueueItemMail(item.id), [client, item.id]);

  const set = (patch: Partial<RegisterDraft>) => setDraft((d) => ({ ...d, ...patch }));
  useEffect(() => {
    if (elsewhere) confirm.current?.focus();
  }, [elsewhere]);

  function submit(alsoInOtherCase: boolean) {
    setElsewhere(null);
    return send(
      validateDraft(draft, t),
      async () => {
        const body = registrationBody(item, draft, mail.status === 'done' ? mail.value : null, alsoInOtherCase);
        onRegistered(await client.registerQueueItem(item.id, item.version, body));
      },
      (error) => {
        if (!(error instanceof ApiProblem)) return false;
        if (error.status === 412) {
          setProblem({ text: t('queues.register.changed'), intent: 'warning' });
          onChanged();
        } else if (error.status === 409 && isElsewhere(error)) {
          // The API names the document when the reader may know of it; otherwise our own words.
          setElsewhere(error.problem.detail || t('queues.register.elsewhere'));
        } else if (error.status === 409) {
          onHandled();
        } else {
          return false;
        }
        return true;
      },
    );
  }

  return (
    <RegisterDialogFrame
      heading={heading}
      onClose={onClose}
      onSubmit={() => void submit(false)}
      busy={busy}
      // The attachments are chosen from the mail: wait for it, unless it could not be read at all.
      waiting={mail.status === 'loading'}
      problem={problem}
    >
      <CaseTarget suggested={item.suggestedCase} defaults={item.newCaseDefaults} draft={draft} set={set} errors={errors} />

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          {t('queues.register.document')}
        </legend>
        <Field label={t('queues.register.title')} required validationMessage={errors.title}>
          <Input value={draft.title} onChange={(_, data) => set({ title: data.value })} />
        </Field>
        <Checkbox label={t('queues.register.confidential')} checked={draft.confidential} onChange={(_, data) => set({ confidential: data.checked === true })} />
        {draft.confidential && (
          <>
            {draft.target === 'new' && <Text className={styles.note}>{t('queues.register.confidential.newCase')}</Text>}
            <Field
              label={t('queues.register.provision')}
              hint={t('queues.register.provisionHint')}
              required
              validationMessage={errors.confidentiality ?? errors['target.newCase.confidentiality']}
            >
              <Input value={draft.provision} onChange={(_, data) => set({ provision: data.value })} />
            </Field>
            <Field
              label={t('queues.register.publicTitle')}
              hint={t('queues.register.publicTitleHint')}
              required
              validationMessage={errors.publicTitle ?? errors['target.newCase.publicTitle']}
            >
              <Input value={draft.publicTitle} onChange={(_, data) => set({ publicTitle: data.value })} />
            </Field>
          </>
        )}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          {t('queues.register.attachments')}
        </legend>
        <Text className={styles.note}>{t('queues.register.attachments.eml')}</Text>
        <Attachments mail={mail} draft={draft} set={set} onRetry={reloadMail} locale={locale} />
        {errors.attachments && (
          <Text role="alert" className={styles.error}>
            {errors.attachments}
          </Text>
        )}
      </fieldset>

      {elsewhere && (
        <div role="alert">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{elsewhere}</MessageBarBody>
            <MessageBarActions>
              <Button ref={confirm} appearance="primary" disabledFocusable={busy} onClick={() => void submit(true)}>
                {t('queues.register.elsewhere.confirm')}
              </Button>
              <Button onClick={() => setElsewhere(null)}>{t('queues.register.elsewhere.cancel')}</Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
    </RegisterDialogFrame>
  );
}

interface PartProps {
  draft: RegisterDraft;
  set: (patch: Partial<RegisterDraft>) => void;
}

/** The attachments as a checklist, and which one (or the mail) is the main document. */
function Attachments({ mail, draft, set, onRetry, locale }: PartProps & { mail: AsyncState<QueueItemMail>; onRetry: () => void; locale: Locale }) {
  const { t } = useServices();
  const styles = useRegisterStyles();
  if (mail.status === 'loading') return <Spinner size="tiny" labelPosition="after" label={t('queues.register.attachments.loading')} />;
  if (mail.status === 'failed') {
    return <QueueProblem intent="warning" text={t('queues.register.attachments.failed', { reason: mailProblemText(mail.error, t) })} onRetry={onRetry} />;
  }
  const { attachments } = mail.value;
  const chosen = draft.attachments ?? initialAttachments(mail.value);
  if (attachments.length === 0) return <Text className={styles.note}>{t('queues.register.attachments.none')}</Text>;

  function toggle(index: number, on: boolean) {
    // An attachment left out cannot be the main document.
    set({ attachments: { ...chosen, [index]: on }, main: !on && draft.main === String(index) ? MAIN_IS_MAIL : draft.main });
  }
  const label = (index: number) => {
    const a = attachments[index]!;
    const values = { name: a.name, size: formatSize(locale, a.size) };
    return a.inline ? t('queues.register.attachment.inline', values) : t('queues.register.attachment', values);
  };
  const candidates = attachments.flatMap((_, index) => (chosen[index] ? [index] : []));

  return (
    <>
      {attachments.map((a, index) => (
        <Checkbox key={`${index}:${a.name}`} checked={chosen[index] === true} label={label(index)} onChange={(_, data) => toggle(index, data.checked === true)} />
      ))}
      {candidates.length > 0 && (
        <Field label={t('queues.register.main')}>
          <RadioGroup value={draft.main} onChange={(_, data) => set({ main: data.value })}>
            <Radio value={MAIN_IS_MAIL} label={t('queues.register.main.mail')} />
            {candidates.map((index) => (
              <Radio key={index} value={String(index)} label={attachments[index]!.name} />
            ))}
          </RadioGroup>
        </Field>
      )}
    </>
  );
}
