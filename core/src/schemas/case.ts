import { z } from 'zod';
import {
  AccessSchema,
  ConfidentialityInputSchema,
  ConfidentialitySchema,
  CounterpartySchema,
  DateSchema,
  DateTimeSchema,
  DiaryRefSchema,
  IdSchema,
  UnitRefSchema,
  UserRefSchema,
  text,
} from './common.ts';

export const CaseStatusSchema = z.enum(['open', 'closed', 'cancelled']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const ClassificationSchema = z
  .string()
  .trim()
  .max(50)
  .regex(/^[\p{L}\d][\p{L}\d .-]*$/u, { message: 'field.classification.format' });

/** POST /cases: register a new case (ärende). */
export const CreateCaseSchema = z
  .strictObject({
    /** The diary's prefix, e.g. `KS`. */
    diary: z.string().trim().toUpperCase().min(1).max(10),
    title: text(500),
    /** Required when confidential; otherwise defaults to the title. */
    publicTitle: text(500).optional(),
    classification: ClassificationSchema.optional(),
    caseType: text(100).optional(),
    /** Defaults to the registering user when they are an officer in the diary. */
    officerId: IdSchema.optional(),
    unitId: IdSchema.optional(),
    counterparties: z.array(CounterpartySchema).max(50).optional(),
    confidentiality: ConfidentialityInputSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.confidentiality && !value.publicTitle) {
      ctx.addIssue({ code: 'custom', path: ['publicTitle'], message: 'field.publicTitle.required' });
    }
  });
export type CreateCase = z.infer<typeof CreateCaseSchema>;

/** PATCH /cases/{id}: change the officer or titles, close with a decision, reopen or cancel. */
export const UpdateCaseSchema = z
  .strictObject({
    title: text(500).optional(),
    publicTitle: text(500).optional(),
    classification: ClassificationSchema.optional(),
    officerId: IdSchema.nullable().optional(),
    unitId: IdSchema.nullable().optional(),
    counterparties: z.array(CounterpartySchema).max(50).optional(),
    close: z.strictObject({ decisionSummary: text(4000), decidedOn: DateSchema.optional() }).optional(),
    reopen: z.strictObject({ reason: text(1000) }).optional(),
    /** Makulering: recorded as an event, never a delete. */
    cancel: z.strictObject({ reason: text(1000) }).optional(),
  })
  .superRefine((value, ctx) => {
    if (Object.values(value).every((v) => v === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'field.patch.empty' });
    }
    const transitions = [value.close, value.reopen, value.cancel].filter(Boolean).length;
    if (transitions > 1) {
      ctx.addIssue({ code: 'custom', path: ['close'], message: 'field.transition.one' });
    }
  });
export type UpdateCase = z.infer<typeof UpdateCaseSchema>;

export const CaseFullSchema = z.object({
  access: z.literal('full'),
  id: IdSchema,
  caseNumber: z.string(),
  diary: DiaryRefSchema,
  title: z.string(),
  publicTitle: z.string(),
  classification: z.string().nullable(),
  caseType: z.string().nullable(),
  status: CaseStatusSchema,
  officer: UserRefSchema.nullable(),
  unit: UnitRefSchema.nullable(),
  counterparties: z.array(CounterpartySchema),
  confidentiality: ConfidentialitySchema.nullable(),
  openedAt: DateTimeSchema,
  closedAt: DateTimeSchema.nullable(),
  decisionSummary: z.string().nullable(),
  documentCount: z.number().int(),
  version: z.number().int(),
  createdBy: UserRefSchema,
  updatedAt: DateTimeSchema,
});
export type CaseFull = z.infer<typeof CaseFullSchema>;

/** What someone without access to a confidential case sees: that it exists, and its public title. */
export const CaseRestrictedSchema = CaseFullSchema.pick({
  id: true,
  caseNumber: true,
  diary: true,
  publicTitle: true,
  status: true,
  openedAt: true,
  closedAt: true,
}).extend({ access: z.literal('restricted'), confidential: z.literal(true) });
export type CaseRestricted = z.infer<typeof CaseRestrictedSchema>;

export const CaseSchema = z.discriminatedUnion('access', [CaseFullSchema, CaseRestrictedSchema]);
export type Case = z.infer<typeof CaseSchema>;

/** One row of a search or list. */
export const CaseSummarySchema = z.object({
  id: IdSchema,
  caseNumber: z.string(),
  diary: z.string(),
  /** The internal title where the caller may see it, else the public title. */
  title: z.string(),
  publicTitle: z.string(),
  status: CaseStatusSchema,
  officer: UserRefSchema.nullable(),
  unit: UnitRefSchema.nullable(),
  openedAt: DateTimeSchema,
  confidential: z.boolean(),
  access: AccessSchema,
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/** GET /cases/{id}/links: where the case opens, outside Teams and in it. */
export const CaseLinksSchema = z.object({
  caseNumber: z.string(),
  /** The case's page (also what a stage view shows). */
  web: z.url(),
  /** Null when Diarium's Teams app is not configured. */
  teams: z
    .object({
      /** The case in the channel tab bound to it; null when none, or when the caller may not know which channel works on it. */
      channel: z.url().nullable(),
      /** The case in the personal tab. */
      personal: z.url(),
      /** A stage view of the case page, named by its public title. */
      stage: z.url(),
    })
    .nullable(),
});
export type CaseLinks = z.infer<typeof CaseLinksSchema>;
