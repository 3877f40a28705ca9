import { ClassificationSchema, OslProvisionSchema, type CaseSummary, type Diary, type FieldError, type QueueItem, type QueueItemMail, type RegisterQueueItem, type User } from '@diarium/core';
import type { Translate } from '../../messages.ts';

/** Where the message goes: the case the rules suggested, another case, or a new one. */
export type TargetKind = 'suggested' | 'existing' | 'new';

/** The main document is the mail itself unless an attachment is marked. */
export const MAIN_IS_MAIL = 'mail';

/** Everything the user can change in the registration dialog, kept as typed through failures. */
export interface RegisterDraft {
  target: TargetKind;
  /** The other existing case, once chosen in the list. */
  chosenCase: CaseSummary | null;
  diary: string;
  caseTitle: string;
  /** The new case's unit ('' for none), officer (none: the API makes it me when I am an officer in the diary) and classification. */
  unitId: string;
  officer: User | null;
  classification: string;
  title: string;
  /** Attachment index → whether it is registered; null until the user changes the defaults. */
  attachments: Record<number, boolean> | null;
  /** `MAIN_IS_MAIL`, or the index of the main attachment. */
  main: string;
  /** Marked confidential (the document, and a new case with it), under an OSL provision, with a public title. */
  confidential: boolean;
  provision: string;
  publicTitle: string;
}

/** Where the message (or several) goes: the case and, for a new one, its fields. */
export type CaseTargetDraft = Pick<RegisterDraft, 'target' | 'chosenCase' | 'diary' | 'caseTitle' | 'unitId' | 'officer' | 'classification'>;

/** The defaults: the suggested case when there is one, the subject as both titles, a new case in its queue's unit. */
export function initialDraft(item: QueueItem): RegisterDraft {
  const subject = item.subject.trim();
  return {
    target: item.suggestedCase ? 'suggested' : 'existing',
    chosenCase: null,
    diary: '',
    caseTitle: subject,
    unitId: item.newCaseDefaults.unit?.id ?? '',
    officer: null,
    classification: '',
    title: subject,
    attachments: null,
    main: MAIN_IS_MAIL,
    confidential: false,
    provision: '',
    publicTitle: '',
  };
}

/** As the add-in does: the attachments go in, the images shown in the text do not. */
export const initialAttachments = (mail: QueueItemMail): Record<number, boolean> =>
  Object.fromEntries(mail.attachments.map((a, index) => [index, !a.inline]));

const mayRegister = (role: string) => role === 'registrar' || role === 'officer';

/** The diaries the reader may open a case in. */
export const registrableDiaries = (diaries: Diary[]) => diaries.filter((d) => d.myRoles.some(mayRegister));

/** The diary a new case starts in: the mailbox's own when the reader may open cases there, else the first they may. */
export const startingDiary = (defaults: QueueItem['newCaseDefaults'], diaries: Diary[]): string =>
  diaries.find((d) => d.prefix === defaults.diary)?.prefix ?? diaries[0]?.prefix ?? '';

/** The form's fields, by the API's names; a server error lands on the nearest of them. */
export const FORM_FIELDS = [
  'target.newCase.diary',
  'target.newCase.title',
  'target.newCase.unitId',
  'target.newCase.officerId',
  'target.newCase.classification',
  'target.newCase.confidentiality',
  'target.newCase.publicTitle',
  'target',
  'title',
  'attachments',
  'confidentiality',
  'publicTitle',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FieldMessages = Partial<Record<FormField, string>>;

/** What must be right about the case before anything is sent. */
export function validateTarget(draft: CaseTargetDraft, t: Translate): FieldMessages {
  const errors: FieldMessages = {};
  if (draft.target === 'existing' && !draft.chosenCase) errors.target = t('queues.register.case.pick');
  if (draft.target === 'new') {
    if (!draft.diary) errors['target.newCase.diary'] = t('queues.register.diary.pick');
    if (!draft.caseTitle.trim()) errors['target.newCase.title'] = t('queues.register.required');
    if (draft.classification.trim() && !ClassificationSchema.safeParse(draft.classification).success) {
      errors['target.newCase.classification'] = t('queues.register.classification.invalid');
    }
  }
  return errors;
}

/** What must be right before anything is sent. */
export function validateDraft(draft: RegisterDraft, t: Translate): FieldMessages {
  const errors = validateTarget(draft, t);
  if (!draft.title.trim()) errors.title = t('queues.register.required');
  if (draft.confidential) {
    if (!OslProvisionSchema.safeParse(draft.provision).success) errors.confidentiality = t('queues.register.provisionInvalid');
    if (!draft.publicTitle.trim()) errors.publicTitle = t('queues.register.publicTitleRequired');
  }
  return errors;
}

/**
 * Places the API's field errors on the form: `target.caseRef` lands on `target`,
 * `attachments.0.name` on `attachments`. What fits nowhere is returned to be said in words.
 */
export function placeFieldErrors(errors: FieldError[]): { placed: FieldMessages; unplaced: FieldError[] } {
  const placed: FieldMessages = {};
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const field = FORM_FIELDS.find((f) => error.field === f || error.field.startsWith(`${f}.`));
    if (field) placed[field] ??= error.message;
    else unplaced.push(error);
  }
  return { placed, unplaced };
}

/** The case as the API takes it; a new case carries the confidentiality marking when the message has one. */
export function targetBody(suggestedId: string | null, draft: CaseTargetDraft, marking: Pick<RegisterQueueItem, 'confidentiality' | 'publicTitle'> = {}): RegisterQueueItem['target'] {
  if (draft.target !== 'new') return { caseRef: draft.target === 'suggested' ? suggestedId! : draft.chosenCase!.id };
  return {
    newCase: {
      diary: draft.diary,
      title: draft.caseTitle.trim(),
      ...(draft.unitId ? { unitId: draft.unitId } : {}),
      ...(draft.officer ? { officerId: draft.officer.id } : {}),
      ...(draft.classification.trim() ? { classification: draft.classification.trim() } : {}),
      ...marking,
    },
  };
}

/** The POST /queue-items/{id}/registration body for what the form holds. */
export function registrationBody(item: QueueItem, draft: RegisterDraft, mail: QueueItemMail | null, alsoInOtherCase: boolean): RegisterQueueItem {
  const marking = draft.confidential ? { confidentiality: { provision: draft.provision.trim() }, publicTitle: draft.publicTitle.trim() } : {};
  const target = targetBody(item.suggestedCase?.id ?? null, draft, marking);
  const chosen = mail ? (draft.attachments ?? initialAttachments(mail)) : {};
  const attachments = (mail?.attachments ?? []).flatMap((a, index) => (chosen[index] ? [{ name: a.name, size: a.size, main: draft.main === String(index) }] : []));
  return { target, title: draft.title.trim(), ...marking, attachments, alsoInOtherCase };
}
