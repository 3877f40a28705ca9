import { z } from 'zod';
import { IdSchema, text } from '../schemas/common.ts';

/** An e-mail address in a rule, compared in lower case. */
const AddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'field.email.format' }).max(320));

// A host name of at least two labels, ending in a top-level domain of letters.
// Unicode letters are allowed, as in malmö.se.
const DOMAIN = /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

/** A mail domain such as `ekby.se`; a leading `@` is forgiven. */
const DomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^@/u, ''))
  .pipe(z.string().regex(DOMAIN, { message: 'field.domain.format' }));

/** A word or phrase of the subject, matched whole-word and case-insensitively. */
const SubjectWordSchema = z
  .string()
  .trim()
  .max(60)
  // Also refuses an empty word: punctuation alone would never match anything.
  .refine((value) => /[\p{L}\p{N}]/u.test(value), { message: 'field.subjectWords.noWord' });

/** What must hold of a message for a rule to apply. */
export const RoutingConditionSchema = z.discriminatedUnion('type', [
  /** A To or Cc address equals `address`. */
  z.strictObject({ type: z.literal('recipient'), address: AddressSchema }),
  z.strictObject({ type: z.literal('senderAddress'), address: AddressSchema }),
  /** The sender's domain is `domain` or one of its subdomains. */
  z.strictObject({ type: z.literal('senderDomain'), domain: DomainSchema }),
  /** The subject holds any or all of the words; a word of several words matches as a phrase. */
  z.strictObject({
    type: z.literal('subjectWords'),
    words: z.array(SubjectWordSchema).min(1).max(20),
    match: z.enum(['any', 'all']),
  }),
  /** The subject or body names a case number of one of the organisation's diaries. */
  z.strictObject({ type: z.literal('referencesCase') }),
  /** A newsletter, mailing-list or automatic message (out-of-office replies included). */
  z.strictObject({ type: z.literal('bulk') }),
]);
export type RoutingCondition = z.infer<typeof RoutingConditionSchema>;

/** What a matching rule does with a message. */
export const RoutingActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('queue'), queueId: IdSchema }),
  z.strictObject({ type: z.literal('assign'), userId: IdSchema }),
  /** Suggest registering into the first case the message refers to. */
  z.strictObject({ type: z.literal('suggestCase') }),
  /** Mark as of obviously little importance (OSL 5 kap. 1 §): it need not be registered. */
  z.strictObject({ type: z.literal('flagUnimportant') }),
]);
export type RoutingAction = z.infer<typeof RoutingActionSchema>;

/** One routing rule of a function mailbox; rules are evaluated in order. */
export const RoutingRuleSchema = z
  .strictObject({
    id: IdSchema,
    name: text(120),
    enabled: z.boolean().default(true),
    /** All must hold. */
    conditions: z.array(RoutingConditionSchema).min(1).max(10),
    actions: z.array(RoutingActionSchema).min(1).max(5),
    /** When the rule matches, later rules are not evaluated. */
    stopProcessing: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    // Two queue (or assign) actions in one rule would leave the outcome to their order.
    const seen = new Set<string>();
    rule.actions.forEach((action, index) => {
      if (seen.has(action.type)) {
        ctx.addIssue({ code: 'custom', path: ['actions', index], message: 'field.actions.duplicate' });
      }
      seen.add(action.type);
    });
  });
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export type RoutingRuleInput = z.input<typeof RoutingRuleSchema>;

/** A message as the router sees it, taken from Graph by the ingestion. */
export interface RoutableMessage {
  from: { address: string; name?: string } | null;
  to: string[];
  cc: string[];
  subject: string;
  bodyText: string;
  headers: {
    /** Whether a `List-Unsubscribe` header is present. */
    listUnsubscribe?: boolean;
    /** The `Precedence` header. */
    precedence?: string;
    /** The `Auto-Submitted` header (RFC 3834). */
    autoSubmitted?: string;
  };
}
