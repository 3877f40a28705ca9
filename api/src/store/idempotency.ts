import { and, eq } from 'drizzle-orm';
import { AppError } from '@diarium/core';
import type { Queryable } from './database.ts';
import { idempotencyKeys } from './schema.ts';

export type Outcome = 'created' | 'existing';
export interface IdempotencyClaim {
  key: string;
  /** A digest of what the request asked for; the same key with another request is refused. */
  fingerprint: string;
}

/**
 * Claims an Idempotency-Key inside the caller's transaction. When the key was used before,
 * the first answer is returned instead; a concurrent request with the same key waits on the
 * unique index until the first one commits, then gets that answer.
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  userId: string,
  claim: IdempotencyClaim,
): Promise<{ outcome: Outcome; body: unknown } | null> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ userId, key: claim.key, fingerprint: claim.fingerprint, outcome: 'pending', body: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return null;

  const [previous] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, claim.key)));
  if (!previous || previous.fingerprint !== claim.fingerprint) {
    throw new AppError('idempotency_key_reused', 'Idempotency-Key reused with another request', {
      fields: [{ field: 'Idempotency-Key', message: 'problem.idempotency_key_reused.detail' }],
    });
  }
  return { outcome: previous.outcome as Outcome, body: previous.body };
}

export async function recordIdempotentAnswer(
  tx: Queryable,
  userId: string,
  key: string,
  outcome: Outcome,
  body: unknown,
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ outcome, body })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/**
 * The answer already given to this Idempotency-Key, read without claiming it: lets a
 * request that would do slow work first (fetching a mail) answer a retry at once.
 */
export async function peekIdempotentAnswer(
  db: Queryable,
  userId: string,
  claim: IdempotencyClaim,
): Promise<{ outcome: Outcome; body: unknown } | null> {
  const [previous] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, claim.key)));
  if (!previous || previous.outcome === 'pending') return null;
  if (previous.fingerprint !== claim.fingerprint) {
    throw new AppError('idempotency_key_reused', 'Idempotency-Key reused with another request', {
      fields: [{ field: 'Idempotency-Key', message: 'problem.idempotency_key_reused.detail' }],
    });
  }
  return { outcome: previous.outcome as Outcome, body: previous.body };
}
