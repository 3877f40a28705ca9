import { z } from 'zod';
import { ConfidentialityInputSchema, CounterpartySchema, DateTimeSchema, IdSchema, UserRefSchema, text } from './common.ts';
import { CreateCaseSchema } from './case.ts';
import { DirectionSchema, DocumentSchema } from './document.ts';

/**
 * An attachment the user chose, as Outlook lists it. The API finds the same part in the
 * mail's MIME by content id when there is one, else by name (and size when names repeat).
 */
export const MailAttachmentChoiceSchema = z.strictObject({
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative().optional(),
  contentId: z.string().max(998).optional(),
  /** The main document of the registration (huvuddokument); at most one. */
  main: z.boolean().default(false),
});
export type MailAttachmentChoice = z.input<typeof MailAttachmentChoiceSchema>;

/** Register into an existing case (by id or case number) or a new one. */
export const MailTargetSchema = z.union([
  z.strictObject({ caseRef: z.string().trim().min(1).max(100) }),
  z.strictObject({ newCase: CreateCaseSchema }),
]);
export type MailTarget = z.input<typeof MailTargetSchema>;

/** What is asked of a mail's registration, wherever the mail lies. */
const mailRegistrationFields = {
  target: MailTargetSchema,
  direction: DirectionSchema.default('incoming'),
  title: text(500),
  /** Required when confidential; otherwise defaults to the title. */
  publicTitle: text(500).optional(),
  counterparty: CounterpartySchema.optional(),
  receivedAt: DateTimeSchema.optional(),
  sentAt: DateTimeSchema.optional(),
  confidentiality: ConfidentialityInputSchema.optional(),
  attachments: z.array(MailAttachmentChoiceSchema).max(100).default([]),
  /** Register also when the same mail is already registered in another case. */
  alsoInOtherCase: z.boolean().default(false),
};

function checkMailRegistration(
  value: { confidentiality?: unknown; publicTitle?: string | undefined; attachments: { main: boolean }[] },
  ctx: z.RefinementCtx,
): void {
  if (value.confidentiality && !value.publicTitle) {
    ctx.addIssue({ code: 'custom', path: ['publicTitle'], message: 'field.publicTitle.required' });
  }
  if (value.attachments.filter((a) => a.main).length > 1) {
    ctx.addIssue({ code: 'custom', path: ['attachments'], message: 'field.attachments.oneMain' });
  }
}

/** POST /mail/registrations: register a mail, fetched through Graph, as a document. */
export const RegisterMailSchema = z
  .strictObject({
    /** The item's REST id as Outlook gives it; the API converts it to the immutable id. */
    itemId: z.string().trim().min(1).max(1000),
    /** The shared or function mailbox the item lives in; absent for the user's own. */
    mailbox: z.email().max(320).optional(),
    ...mailRegistrationFields,
  })
  .superRefine(checkMailRegistration);
/** POST /queue-items/{id}/registration: register a function mailbox's message, as the add-in registers a mail. */
export const RegisterQueueItemSchema = z.strictObject(mailRegistrationFields).superRefine(checkMailRegistration);
export type RegisterQueueItem = z.input<typeof RegisterQueueItemSchema>;
export type RegisterMail = z.input<typeof RegisterMailSchema>;

/** Where a mail is registered: what the pane shows on open. */
export const MailRegistrationRefSchema = z.object({
  documentId: IdSchema,
  documentNumber: z.string(),
  caseId: IdSchema,
  caseNumber: z.string(),
  /** The case's title as the asker may see it. */
  caseTitle: z.string(),
  registeredBy: UserRefSchema,
  registeredAt: DateTimeSchema,
});
export type MailRegistrationRef = z.infer<typeof MailRegistrationRefSchema>;

/** GET /mail/registrations?internetMessageId=…: where this mail is registered, if anywhere. */
export const MailRegistrationListSchema = z.object({ items: z.array(MailRegistrationRefSchema) });

/** The answer to POST /mail/registrations. */
export const MailRegistrationResultSchema = z.object({
  alreadyRegistered: z.boolean(),
  document: DocumentSchema,
  /** Whether the Outlook category was set now; when false, it is retried in the background. */
  categorySet: z.boolean(),
});
export type MailRegistrationResult = z.infer<typeof MailRegistrationResultSchema>;

/** POST /mail/outgoing: tie a mail being written to a case; its sent copy is registered once sent. */
export const TieOutgoingMailSchema = z
  .strictObject({
    /** The draft's REST id, after the compose form saved it. */
    itemId: z.string().trim().min(1).max(1000),
    mailbox: z.email().max(320).optional(),
    caseRef: z.string().trim().min(1).max(100),
    /** Defaults to the sent mail's subject. */
    title: text(500).optional(),
    confidentiality: ConfidentialityInputSchema.optional(),
    /** Required when confidential; otherwise defaults to the title. */
    publicTitle: text(500).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.confidentiality && !value.publicTitle) {
      ctx.addIssue({ code: 'custom', path: ['publicTitle'], message: 'field.publicTitle.required' });
    }
  });
export type TieOutgoingMail = z.input<typeof TieOutgoingMailSchema>;

export const OutgoingMailTieSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  caseNumber: z.string(),
  internetMessageId: z.string(),
  status: z.enum(['waiting', 'registered', 'failed']),
  documentId: IdSchema.nullable(),
});
export type OutgoingMailTie = z.infer<typeof OutgoingMailTieSchema>;

/** GET /mail/registrations: by the mail itself, or by its conversation (for suggestions). */
export const MailRegistrationQuerySchema = z
  .strictObject({
    internetMessageId: z.string().trim().min(1).max(998).optional(),
    conversationId: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((q) => q.internetMessageId !== undefined || q.conversationId !== undefined, {
    path: ['internetMessageId'],
    message: 'field.mail.lookup',
  });
export type MailRegistrationQuery = z.infer<typeof MailRegistrationQuerySchema>;

/** A name and address from a mail's header; either may be missing in what a sender wrote. */
export const MailAddressSchema = z.object({ name: z.string().nullable(), address: z.string().nullable() });
export type MailAddress = z.infer<typeof MailAddressSchema>;

/** A part of a registered mail other than its body, as the mail view lists it. */
export const MailViewAttachmentSchema = z.object({
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  /** Shown in the body (an image the HTML refers to by cid:) rather than attached. */
  inline: z.boolean(),
});
export type MailViewAttachment = z.infer<typeof MailViewAttachmentSchema>;

/**
 * GET /documents/{id}/mail: a registered mail as read from its .eml. The HTML is as the
 * sender wrote it, not sanitised: a client must sanitise it before showing it. Inline images
 * come as data: URLs up to a limit; beyond it they keep their cid: reference.
 */
/** A mail as its reader sees it: headers, body and the attachments it holds. */
export const MailContentSchema = z.object({
  subject: z.string().nullable(),
  from: z.array(MailAddressSchema),
  to: z.array(MailAddressSchema),
  cc: z.array(MailAddressSchema),
  date: DateTimeSchema.nullable(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  attachments: z.array(MailViewAttachmentSchema),
});
export type MailContent = z.infer<typeof MailContentSchema>;

/** GET /documents/{id}/mail: a registered mail, read from its .eml. */
export const MailViewSchema = MailContentSchema.extend({ documentId: IdSchema });
/** GET /queue-items/{id}/mail: a function mailbox's message, read from where it lies. */
export const QueueItemMailSchema = MailContentSchema.extend({ itemId: IdSchema });
export type QueueItemMail = z.infer<typeof QueueItemMailSchema>;
export type MailView = z.infer<typeof MailViewSchema>;
