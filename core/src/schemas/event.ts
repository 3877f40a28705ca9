import { z } from 'zod';
import { DateTimeSchema, IdSchema, UserRefSchema } from './common.ts';

export const EVENT_ACTIONS = [
  'case.registered',
  'case.updated',
  'case.closed',
  'case.reopened',
  'case.cancelled',
  'case.read',
  'document.registered',
  'document.read',
  'file.read',
  'file.integrity_failed',
  'access.granted',
  'access.revoked',
  'roles.changed',
  'channel_tab.bound',
  'channel_tab.unbound',
] as const;
export const EventActionSchema = z.enum(EVENT_ACTIONS);
export type EventAction = z.infer<typeof EventActionSchema>;

/** One entry of a case's history: who did what, when, and what it was before and after. */
export const CaseEventSchema = z.object({
  id: z.string(),
  at: DateTimeSchema,
  actor: UserRefSchema.nullable(),
  action: EventActionSchema,
  caseId: IdSchema.nullable(),
  documentId: IdSchema.nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;

export const CaseEventListSchema = z.object({ items: z.array(CaseEventSchema) });
