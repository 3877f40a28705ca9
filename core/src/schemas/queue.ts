import { z } from 'zod';
import { DateTimeSchema, IdSchema, UnitRefSchema, UserRefSchema } from './common.ts';
import { DocumentSchema } from './document.ts';
import { MailTargetSchema } from './mail.ts';

/** Why a message was set aside instead of registered (OSL 5 kap. 1 §: what need not be registered). */
export const SetAsideReasonSchema = z.enum(['unimportant', 'not_official', 'spam', 'answered']);
export type SetAsideReason = z.infer<typeof SetAsideReasonSchema>;

export const QueueItemStatusSchema = z.enum(['waiting', 'registered', 'set_aside']);
export type QueueItemStatus = z.infer<typeof QueueItemStatusSchema>;

/** A queue as its members see it in "Mitt arbete": how much waits, and how much is late or soon due. */
export const QueueSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  unit: UnitRefSchema.nullable(),
  waiting: z.number().int().nonnegative(),
  /** Waiting past the deadline. */
  overdue: z.number().int().nonnegative(),
  /** Waiting, past the time to warn, not yet overdue. */
  dueSoon: z.number().int().nonnegative(),
});
export type QueueSummary = z.infer<typeof QueueSummarySchema>;

/** A function mailbox's message in a queue. */
export const QueueItemSchema = z.object({
  id: IdSchema,
  queueId: IdSchema,
  mailbox: z.object({ id: IdSchema, address: z.string(), displayName: z.string() }),
  subject: z.string(),
  from: z.object({ address: z.string(), name: z.string().nullable() }).nullable(),
  bodyPreview: z.string(),
  hasAttachments: z.boolean(),
  receivedAt: DateTimeSchema,
  deadlineAt: DateTimeSchema,
  /** When its queue's members are warned that the deadline nears: "snart försenad" from then. */
  warnAt: DateTimeSchema,
  status: QueueItemStatusSchema,
  assignee: UserRefSchema.nullable(),
  /** The case the mail names, by number and public title. */
  suggestedCase: z.object({ id: IdSchema, caseNumber: z.string(), publicTitle: z.string() }).nullable(),
  /** The rule that routed it here, by its name then. */
  rule: z.object({ id: IdSchema, name: z.string() }).nullable(),
  unimportant: z.boolean(),
  /**
   * What a new case for it starts from: the diary of the mailbox it came to, and the unit of the
   * queue it is in (or else the mailbox's owning unit).
   */
  newCaseDefaults: z.object({ diary: z.string().nullable(), unit: UnitRefSchema.nullable() }),
  setAsideReason: SetAsideReasonSchema.nullable(),
  document: z.object({ id: IdSchema, documentNumber: z.string() }).nullable(),
  version: z.number().int().positive(),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const QueueItemPageSchema = z.object({ items: z.array(QueueItemSchema), total: z.number().int().nonnegative() });
export type QueueItemPage = z.infer<typeof QueueItemPageSchema>;

export const QueueItemQuerySchema = z.object({
  status: QueueItemStatusSchema.default('waiting'),
  /** `me`: assigned to me; `none`: to nobody. */
  assignee: z.union([z.literal('me'), z.literal('none'), IdSchema]).optional(),
  /** Words in the subject or the sender's name or address. */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type QueueItemQuery = z.infer<typeof QueueItemQuerySchema>;

/** What a registrar or queue member does with an item; each is an event in its history. */
export const QueueItemActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), assigneeId: IdSchema.nullable() }),
  z.strictObject({ action: z.literal('take') }),
  z.strictObject({ action: z.literal('forward'), queueId: IdSchema }),
  z.strictObject({ action: z.literal('setAside'), reason: SetAsideReasonSchema }),
  z.strictObject({ action: z.literal('restore') }),
]);
export type QueueItemAction = z.infer<typeof QueueItemActionSchema>;

/** The same action on many items at once: all are done, or none. */
export const BulkQueueActionSchema = z.strictObject({
  itemIds: z.array(IdSchema).min(1).max(200),
  action: QueueItemActionSchema,
});
export type BulkQueueAction = z.infer<typeof BulkQueueActionSchema>;

/** The answer to POST /queue-items/{id}/registration: the item as it now stands, and its document. */
export const QueueItemRegistrationSchema = z.object({
  item: QueueItemSchema,
  document: DocumentSchema,
  /** The mail was already registered in that case: this is the document it has been since. */
  alreadyRegistered: z.boolean(),
});
export type QueueItemRegistration = z.infer<typeof QueueItemRegistrationSchema>;

/**
 * POST /queue-items/registrations: several messages into one case, existing or new (made with
 * the first). Each message becomes a document of its own, titled by its subject, with its
 * attachments (not the images in its text); each is sent with the version the user saw.
 */
export const BulkQueueRegistrationSchema = z.strictObject({
  items: z
    .array(z.strictObject({ id: IdSchema, version: z.number().int().positive() }))
    .min(1)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: 'field.items.unique' }),
  target: MailTargetSchema,
});
export type BulkQueueRegistration = z.input<typeof BulkQueueRegistrationSchema>;

/** How one message of a bulk registration went: registered (or it already was), or why not, in the API's words. */
export const BulkRegistrationOutcomeSchema = z.object({
  itemId: IdSchema,
  status: z.enum(['registered', 'alreadyRegistered', 'failed']),
  document: z.object({ id: IdSchema, documentNumber: z.string(), caseId: IdSchema }).nullable(),
  problem: z.object({ status: z.number().int(), title: z.string(), detail: z.string().nullable() }).nullable(),
});
export type BulkRegistrationOutcome = z.infer<typeof BulkRegistrationOutcomeSchema>;

/**
 * The answer: one outcome per message, in the order sent. Not all or none: each message is read
 * from its mailbox on its own, and one that fails stays waiting in its queue with the reason.
 */
export const BulkQueueRegistrationResultSchema = z.object({
  items: z.array(BulkRegistrationOutcomeSchema),
  /** The case they went into (the new one, once made); null when none was registered. */
  case: z.object({ id: IdSchema, caseNumber: z.string() }).nullable(),
});
export type BulkQueueRegistrationResult = z.infer<typeof BulkQueueRegistrationResultSchema>;

/** What happened to a queue item; the log every message keeps (flexiteBPMS and Artvise call it the message's history). */
export const QueueItemEventActionSchema = z.enum([
  'item.received',
  'item.open',
  'item.assign',
  'item.take',
  'item.forward',
  'item.setAside',
  'item.restore',
  'item.register',
  'item.markFailed',
]);
export type QueueItemEventAction = z.infer<typeof QueueItemEventActionSchema>;

/** One event in a queue item's history, with the names it refers to as they are now. */
export const QueueItemEventSchema = z.object({
  action: QueueItemEventActionSchema,
  at: DateTimeSchema,
  /** Who did it; null for Diarium itself (the message arrived, the mailbox could not be marked). */
  actor: UserRefSchema.nullable(),
  /** The queue it arrived in or was forwarded to. */
  queue: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** Who it was assigned to (assign, take; received when a rule assigned it). */
  assignee: UserRefSchema.nullable(),
  /** The rule that routed it (received). */
  ruleName: z.string().nullable(),
  reason: SetAsideReasonSchema.nullable(),
  /** The document it was registered as. */
  documentNumber: z.string().nullable(),
});
export type QueueItemEvent = z.infer<typeof QueueItemEventSchema>;
export const QueueItemEventListSchema = z.object({ items: z.array(QueueItemEventSchema) });
