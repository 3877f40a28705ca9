import { z } from 'zod';
import { CaseSummarySchema } from './case.ts';
import { DateTimeSchema, IdSchema, UserRefSchema } from './common.ts';
import { EventActionSchema } from './event.ts';

/** An open case of mine with incoming documents that others registered since I last acted in it. */
export const WaitingCaseSchema = CaseSummarySchema.extend({
  /** When the oldest of those documents was registered. */
  waitingSince: DateTimeSchema,
  newDocuments: z.number().int().positive(),
});
export type WaitingCase = z.infer<typeof WaitingCaseSchema>;

/** One event in my cases, with the titles the reader may see (the public ones where not the internal). */
export const ActivityItemSchema = z.object({
  id: z.string(),
  at: DateTimeSchema,
  action: EventActionSchema,
  actor: UserRefSchema.nullable(),
  case: z.object({ id: IdSchema, caseNumber: z.string(), title: z.string(), confidential: z.boolean() }),
  document: z.object({ id: IdSchema, documentNumber: z.string(), title: z.string() }).nullable(),
});
export type ActivityItem = z.infer<typeof ActivityItemSchema>;

/**
 * GET /me/work, "Mitt arbete": open cases waiting for me (oldest first) and what happened
 * lately in the cases I handle or registered (newest first, reads left out).
 */
export const MyWorkSchema = z.object({
  waiting: z.array(WaitingCaseSchema),
  activity: z.array(ActivityItemSchema),
});
export type MyWork = z.infer<typeof MyWorkSchema>;
