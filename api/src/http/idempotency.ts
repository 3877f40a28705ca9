import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { AppError } from '@diarium/core';
import type { IdempotencyClaim } from '../store/idempotency.ts';

/** The Idempotency-Key of a creating request, with a digest of what it asks for. */
export function idempotencyClaim(req: Request, content: unknown): IdempotencyClaim | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new AppError('validation_failed', 'Malformed Idempotency-Key', {
      fields: [{ field: 'Idempotency-Key', message: 'field.idempotencyKey.format' }],
    });
  }
  const fingerprint = createHash('sha256')
    .update(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(content)}`)
    .digest('hex');
  return { key, fingerprint };
}
