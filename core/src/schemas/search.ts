import { z } from 'zod';
import { CaseStatusSchema, CaseSummarySchema } from './case.ts';
import { DateSchema, IdSchema } from './common.ts';

/** GET /cases: search and filter the register. */
export const CaseSearchQuerySchema = z.strictObject({
  /** Words, or a case number in any common spelling (`KS 2026/42`, `2026/42`, `0042`). */
  q: z.string().trim().max(200).optional(),
  diary: z.string().trim().toUpperCase().max(10).optional(),
  status: CaseStatusSchema.optional(),
  /** `me`, or a user id. */
  officer: z.union([z.literal('me'), IdSchema]).optional(),
  unit: IdSchema.optional(),
  /** Opened on or after this date. */
  from: DateSchema.optional(),
  /** Opened on or before this date. */
  to: DateSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type CaseSearchQuery = z.infer<typeof CaseSearchQuerySchema>;

export const CaseSearchResultSchema = z.object({
  items: z.array(CaseSummarySchema),
  nextCursor: z.string().nullable(),
});
export type CaseSearchResult = z.infer<typeof CaseSearchResultSchema>;
