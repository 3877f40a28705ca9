import { ApiProblem } from '@diarium/core';
import { describeProblem } from '../../app/problem.ts';
import type { Translate } from '../../messages.ts';
import { placeFieldErrors, type FieldMessages } from './register-draft.ts';

export type Problem = { text: string; intent: 'error' | 'warning' };

export const isElsewhere = (error: ApiProblem) => `${String(error.code)} ${error.problem.type}`.includes('registered_elsewhere');

/**
 * The words for a failure that leaves a registration dialog open, with the fields the API named.
 * A 404 is the message gone from the reader's queues for one message; for several, the API's own
 * words (the case was not found), as `notFound` says.
 */
export function failure(error: unknown, t: Translate, notFound: 'message' | 'asSaid' = 'message'): { problem: Problem; errors: FieldMessages } {
  if (error instanceof ApiProblem && error.status === 403) return { problem: { text: t('queues.register.forbidden'), intent: 'error' }, errors: {} };
  if (error instanceof ApiProblem && error.status === 404 && notFound === 'message') return { problem: { text: t('queues.mail.notFound'), intent: 'error' }, errors: {} };
  const view = describeProblem(error, t);
  const { placed, unplaced } = placeFieldErrors(view.fieldErrors);
  const words = [view.message, view.detail, ...unplaced.map((e) => t('queues.register.unplaced', { field: e.field, message: e.message }))];
  return { problem: { text: words.filter(Boolean).join(' '), intent: 'error' }, errors: placed };
}
