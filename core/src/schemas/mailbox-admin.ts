import { z } from 'zod';
import { RoutingRuleSchema } from '../routing/rules.ts';
import { DateTimeSchema, DiaryRefSchema, IdSchema, UnitRefSchema, UserRefSchema, text } from './common.ts';

// The configuration of function mailboxes and their queues, as administrators see and change it.

/**
 * What an administrator's change is based on: opaque, it changes whenever what they may change
 * does. Sent back as the ETag in If-Match.
 */
export const ConfigVersionSchema = z.string().regex(/^[0-9a-f]{16}$/u);

/** A function mailbox's address: lower case; a different address is a different mailbox. */
const MailboxAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'field.email.format' }).max(320));

/** The routing rules of a mailbox, in order; no two with the same id. */
export const RoutingRuleListSchema = z
  .array(RoutingRuleSchema)
  .max(50)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'field.rules.duplicateId' });
      seen.add(rule.id);
    });
  });

/** Where a mailbox's sync stands: when it last went through, and why it is behind if it is. */
export const MailboxSyncStateSchema = z.object({
  syncedAt: DateTimeSchema.nullable(),
  error: z.string().nullable(),
});
export type MailboxSyncState = z.infer<typeof MailboxSyncStateSchema>;

/** A function mailbox (funktionsbrevlåda) with its routing and where its sync stands. */
export const FunctionMailboxSchema = z.object({
  id: IdSchema,
  address: z.string(),
  displayName: z.string(),
  unit: UnitRefSchema.nullable(),
  /** The diary its mail is registered in unless the registrar chooses another. */
  defaultDiary: DiaryRefSchema.nullable(),
  /** Where a message goes when no rule puts it elsewhere. */
  defaultQueue: z.object({ id: IdSchema, name: z.string() }),
  /** How long a message may wait, in Swedish working days. */
  deadlineWorkingDays: z.number().int().positive(),
  /** Handled mail is moved to this folder (by its name); null leaves it in the inbox. */
  handledFolder: z.string().nullable(),
  /** Paused (false): its mail is not read; what is already in the queues is handled as before. */
  active: z.boolean(),
  rules: z.array(RoutingRuleSchema),
  /** The colleagues the rules assign to, by name. */
  assignees: z.array(UserRefSchema),
  sync: MailboxSyncStateSchema,
  version: ConfigVersionSchema,
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});
export type FunctionMailbox = z.infer<typeof FunctionMailboxSchema>;
export const FunctionMailboxListSchema = z.object({ items: z.array(FunctionMailboxSchema) });

// "Give at least one change" only when nothing else is wrong: an unknown field is not "no change".
const onlyIfValid = (payload: { issues: unknown[] }) => payload.issues.length === 0;

const DeadlineWorkingDaysSchema = z.number().int().min(1).max(30);

/** POST /admin/function-mailboxes: a new mailbox; it is synced at once. */
export const CreateFunctionMailboxSchema = z.strictObject({
  address: MailboxAddressSchema,
  displayName: text(120),
  unitId: IdSchema.nullable().default(null),
  defaultDiaryId: IdSchema.nullable().default(null),
  defaultQueueId: IdSchema,
  deadlineWorkingDays: DeadlineWorkingDaysSchema.default(2),
  handledFolder: text(255).nullable().default(null),
  rules: RoutingRuleListSchema.default([]),
});
export type CreateFunctionMailbox = z.infer<typeof CreateFunctionMailboxSchema>;
export type CreateFunctionMailboxInput = z.input<typeof CreateFunctionMailboxSchema>;

/**
 * PATCH /admin/function-mailboxes/{id} (If-Match): what changes. Not the address: its sync
 * state, its Graph subscription and its messages belong to the address.
 */
export const UpdateFunctionMailboxSchema = z
  .strictObject({
    displayName: text(120),
    unitId: IdSchema.nullable(),
    defaultDiaryId: IdSchema.nullable(),
    defaultQueueId: IdSchema,
    deadlineWorkingDays: DeadlineWorkingDaysSchema,
    handledFolder: text(255).nullable(),
    active: z.boolean(),
    rules: RoutingRuleListSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'field.patch.empty', when: onlyIfValid });
export type UpdateFunctionMailbox = z.infer<typeof UpdateFunctionMailboxSchema>;
export type UpdateFunctionMailboxInput = z.input<typeof UpdateFunctionMailboxSchema>;

/** A queue as administrators see it: its unit and its members. */
export const QueueAdminSchema = z.object({
  id: IdSchema,
  name: z.string(),
  unit: UnitRefSchema.nullable(),
  /** Who handles its messages and is warned before one is late; by name. */
  members: z.array(UserRefSchema),
  version: ConfigVersionSchema,
});
export type QueueAdmin = z.infer<typeof QueueAdminSchema>;
export const QueueAdminListSchema = z.object({ items: z.array(QueueAdminSchema) });

/** POST /admin/queues: a new queue, unique by name in the organisation. */
export const CreateQueueSchema = z.strictObject({
  name: text(120),
  unitId: IdSchema.nullable().default(null),
  memberIds: z.array(IdSchema).max(200).default([]),
});
export type CreateQueue = z.infer<typeof CreateQueueSchema>;
export type CreateQueueInput = z.input<typeof CreateQueueSchema>;

/** PATCH /admin/queues/{id} (If-Match): its name or unit. Members are added and removed one by one. */
export const UpdateQueueSchema = z
  .strictObject({ name: text(120), unitId: IdSchema.nullable() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'field.patch.empty', when: onlyIfValid });
export type UpdateQueue = z.infer<typeof UpdateQueueSchema>;
