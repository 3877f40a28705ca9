import type { Direction, RegisterMail } from '@diarium/core';
import type { CaseTarget } from '../../components/case-choice/CaseChoice.tsx';
import {
  PUBLIC_DRAFT,
  confidentialityErrors,
  confidentialityInput,
  type ConfidentialityDraft,
} from '../../components/ConfidentialityFields.tsx';
import { fromLocalInput, toLocalInput } from '../../components/format.ts';
import type { MailAttachment, MailPerson, ReadMail } from '../../host/mail-host.ts';
import type { Translate } from '../../messages.ts';

/** The main document is the mail itself unless an attachment is marked. */
export const MAIN_IS_MAIL = 'mail';

/** Everything the user can change about the document, kept as typed through failures. */
export interface MailDraft {
  title: string;
  direction: Direction;
  counterpartyName: string;
  counterpartyEmail: string;
  /** `datetime-local` value; the mail's own moment is sent unchanged while this is untouched. */
  date: string;
  confidentiality: ConfidentialityDraft;
  /** Attachment id → whether it is registered. */
  attachments: Record<string, boolean>;
  main: string;
}

export interface NewCaseDraft {
  diary: string;
  title: string;
  unitId: string;
  officer: { id: string; name: string } | null;
  classification: string;
  confidentiality: ConfidentialityDraft;
  /** Set once the lists have loaded and the defaults (my diary, my unit, me) are filled in. */
  defaultsApplied: boolean;
}

/** A cloud attachment is only a link: there is nothing in the mail to register. */
export const registrable = (a: MailAttachment) => a.kind !== 'cloud';

/** Who the document came from or went to, as the mail says. */
export function counterpartyOf(mail: ReadMail, direction: Direction): MailPerson | null {
  if (direction === 'outgoing') return mail.to[0] ?? null;
  if (direction === 'incoming') return mail.from;
  return null;
}

/** The defaults: the subject as title, incoming unless the user sent it, inline images left out. */
export function initialDraft(mail: ReadMail, userEmail: string | null): MailDraft {
  const sentByMe = Boolean(userEmail && mail.from?.email.toLowerCase() === userEmail.toLowerCase());
  const direction: Direction = sentByMe ? 'outgoing' : 'incoming';
  const counterparty = counterpartyOf(mail, direction);
  return {
    title: mail.subject.trim(),
    direction,
    counterpartyName: counterparty?.name ?? '',
    counterpartyEmail: counterparty?.email ?? '',
    date: toLocalInput(mail.receivedAt),
    confidentiality: PUBLIC_DRAFT,
    attachments: Object.fromEntries(mail.attachments.map((a) => [a.id, registrable(a) && !a.isInline])),
    main: MAIN_IS_MAIL,
  };
}

export function initialNewCase(mail: ReadMail): NewCaseDraft {
  return {
    diary: '',
    title: mail.subject.trim(),
    unitId: '',
    officer: null,
    classification: '',
    confidentiality: PUBLIC_DRAFT,
    defaultsApplied: false,
  };
}

const dateField = (direction: Direction) => (direction === 'outgoing' ? 'sentAt' : 'receivedAt');

/** Every field the form can show an error on, by the API's field names. */
export const FORM_FIELDS: ReadonlySet<string> = new Set([
  'target',
  'target.newCase.diary',
  'target.newCase.title',
  'target.newCase.unitId',
  'target.newCase.officerId',
  'target.newCase.classification',
  'target.newCase.publicTitle',
  'target.newCase.confidentiality.provision',
  'title',
  'direction',
  'counterparty.name',
  'counterparty.email',
  'counterparty',
  'receivedAt',
  'sentAt',
  'confidentiality.provision',
  'publicTitle',
  'attachments',
]);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What must be right before anything is sent; keys are the API's field names. */
export function validateDraft(draft: MailDraft, target: CaseTarget | null, newCase: NewCaseDraft, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (target === null) errors.target = t('choice.required');
  if (!draft.title.trim()) errors.title = t('document.title.required');
  if (draft.counterpartyEmail.trim() && !EMAIL.test(draft.counterpartyEmail.trim())) {
    errors['counterparty.email'] = t('document.counterparty.email.invalid');
  }
  if (draft.direction !== 'internal' && fromLocalInput(draft.date) === null) errors[dateField(draft.direction)] = t('document.date.invalid');
  Object.assign(errors, confidentialityErrors(draft.confidentiality, t));
  if (target?.kind === 'new') {
    if (!newCase.diary) errors['target.newCase.diary'] = t('newCase.diary.none');
    if (!newCase.title.trim()) errors['target.newCase.title'] = t('document.title.required');
    Object.assign(errors, confidentialityErrors(newCase.confidentiality, t, 'target.newCase.'));
  }
  return errors;
}

function targetOf(target: CaseTarget, newCase: NewCaseDraft): RegisterMail['target'] {
  if (target.kind === 'case') return { caseRef: target.option.id };
  return {
    newCase: {
      diary: newCase.diary,
      title: newCase.title.trim(),
      ...(newCase.unitId ? { unitId: newCase.unitId } : {}),
      ...(newCase.officer ? { officerId: newCase.officer.id } : {}),
      ...(newCase.classification.trim() ? { classification: newCase.classification.trim() } : {}),
      ...confidentialityInput(newCase.confidentiality),
    },
  };
}

/** The moment to send: the mail's own while the user left the field as it was. */
function momentOf(mail: ReadMail, draft: MailDraft): string | null {
  if (mail.receivedAt && draft.date === toLocalInput(mail.receivedAt)) return mail.receivedAt.toISOString();
  return fromLocalInput(draft.date);
}

export interface RegisterMailInput {
  mail: ReadMail;
  mailbox: string | null;
  target: CaseTarget;
  draft: MailDraft;
  newCase: NewCaseDraft;
  alsoInOtherCase: boolean;
}

/** The POST /mail/registrations body for what the form holds. */
export function registerMailBody({ mail, mailbox, target, draft, newCase, alsoInOtherCase }: RegisterMailInput): RegisterMail {
  const name = draft.counterpartyName.trim();
  const email = draft.counterpartyEmail.trim();
  const moment = draft.direction === 'internal' ? null : momentOf(mail, draft);
  const chosen = mail.attachments.filter((a) => registrable(a) && draft.attachments[a.id]);
  return {
    itemId: mail.itemId,
    ...(mailbox ? { mailbox } : {}),
    target: targetOf(target, newCase),
    direction: draft.direction,
    title: draft.title.trim(),
    ...confidentialityInput(draft.confidentiality),
    ...(name || email ? { counterparty: { name: name || email, ...(email ? { email } : {}) } } : {}),
    ...(moment ? { [dateField(draft.direction)]: moment } : {}),
    attachments: chosen.map((a) => ({ name: a.name, size: a.size, main: draft.main === a.id })),
    alsoInOtherCase,
  };
}
