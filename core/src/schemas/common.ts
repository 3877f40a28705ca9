import { z } from 'zod';

export const IdSchema = z.uuid();

/** A calendar date, `2026-11-23`. */
export const DateSchema = z.iso.date();
/** A moment with offset, `2026-11-23T09:15:00Z`. */
export const DateTimeSchema = z.iso.datetime({ offset: true });

/** Text a person writes: trimmed, no control characters, bounded. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    // Tabs and line breaks are fine in a title; other control characters are not.
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), {
      message: 'field.text.control',
    });
}

export const RoleSchema = z.enum(['registrar', 'officer', 'reader', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const UserRefSchema = z.object({ id: IdSchema, name: z.string(), email: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

export const UnitRefSchema = z.object({ id: IdSchema, name: z.string() });
export type UnitRef = z.infer<typeof UnitRefSchema>;

export const DiaryRefSchema = z.object({ id: IdSchema, prefix: z.string(), name: z.string() });
export type DiaryRef = z.infer<typeof DiaryRefSchema>;

/** From whom a document came, or to whom it went (avsändare / mottagare). */
export const CounterpartySchema = z.strictObject({
  name: text(200),
  organisation: text(200).optional(),
  email: z.email().max(320).optional(),
  address: text(500).optional(),
});
export type Counterparty = z.infer<typeof CounterpartySchema>;

/** An OSL provision such as `OSL 26 kap. 1 §`, optionally with more precision after it. */
export const OslProvisionSchema = z
  .string()
  .trim()
  .max(120)
  .regex(/^OSL \d{1,2} kap\. \d{1,2}(?: ?[a-z])? §/u, { message: 'field.provision.format' });

/** What the client sends to mark something confidential; who and when is recorded by the API. */
export const ConfidentialityInputSchema = z.strictObject({ provision: OslProvisionSchema });
export type ConfidentialityInput = z.infer<typeof ConfidentialityInputSchema>;

/** A confidentiality marking (sekretessmarkering). */
export const ConfidentialitySchema = z.object({
  provision: z.string(),
  markedAt: DateTimeSchema,
  markedBy: UserRefSchema,
});
export type Confidentiality = z.infer<typeof ConfidentialitySchema>;

/** What the caller may see of an item: everything, or only what the public register shows. */
export const AccessSchema = z.enum(['full', 'restricted']);
