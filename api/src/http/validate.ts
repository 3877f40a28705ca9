import { z } from 'zod';
import { AppError, type FieldError, type Locale } from '@diarium/core';

const LOCALES = { sv: z.locales.sv, en: z.locales.en } as const;

/**
 * Parses input at the edge with a core schema. Every failing field is named, in the
 * reader's language; unknown fields are named one by one.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale, base = ''): z.output<S> {
  const result = schema.safeParse(input, { error: LOCALES[locale]().localeError });
  if (result.success) return result.data;
  const fields: FieldError[] = [];
  for (const issue of result.error.issues) {
    const path = [base, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.push({ field: path ? `${path}.${key}` : key, message: 'field.unknown' });
    } else {
      fields.push({ field: path || base || 'body', message: issue.message });
    }
  }
  throw new AppError('validation_failed', `Invalid input: ${fields.map((f) => f.field).join(', ')}`, { fields });
}
