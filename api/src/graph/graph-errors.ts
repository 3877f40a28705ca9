import { AppError, isAppError, type FieldError } from '@diarium/core';

/**
 * A failed Graph call as the register's error: a mail that is gone, a mailbox the user may
 * not open, Graph too busy (try again), or anything else Graph did (502). The message names
 * the Graph status and code, never a subject or body.
 */
export function graphFailure(error: unknown, what: string, field?: string): AppError {
  if (isAppError(error)) return error;
  // A token that could not be had (graph-client.ts): Entra's answer, already as our error.
  const inner = (error as { customError?: unknown }).customError;
  if (isAppError(inner)) return inner;
  const e = error as { statusCode?: number; code?: string | null };
  const status = typeof e.statusCode === 'number' ? e.statusCode : -1;
  const message = `Graph ${what}: ${status} ${e.code ?? ''}`.trim();
  const fields: FieldError[] = field ? [{ field, message: 'problem.mail_not_found.detail' }] : [];
  if (status === 404) return new AppError('mail_not_found', message, { fields, cause: error });
  if (status === 403) return new AppError('forbidden', message, { detail: 'mail.mailbox.denied', params: { reason: 'mailbox_denied' }, cause: error });
  if (status === 429 || status === 503 || status === 504) {
    return new AppError('unavailable', message, { detail: 'mail.graph.unavailable', params: { reason: 'graph_busy' }, cause: error });
  }
  return new AppError('upstream_failed', message, { cause: error });
}

/** Runs a Graph call, turning its failure into the register's error. */
export async function callGraph<T>(what: string, call: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw graphFailure(error, what, field);
  }
}
