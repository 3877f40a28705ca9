import { ApiProblem, SignInError, type FieldError } from '@diarium/core';
import { HostError } from '../host/tab-host.ts';
import type { Translate } from '../messages.ts';

/** A failure as a tab shows it: what to do next, the API's own words, and the failing fields. */
export interface ProblemView {
  message: string;
  detail: string | null;
  fieldErrors: FieldError[];
}

export function describeProblem(error: unknown, t: Translate): ProblemView {
  if (error instanceof ApiProblem) {
    const detail = error.problem.detail || null;
    const fieldErrors = error.fieldErrors;
    if (error.status === 412) return { message: t('problem.conflict'), detail: null, fieldErrors };
    if (fieldErrors.length > 0) return { message: t('problem.fields'), detail, fieldErrors };
    return { message: detail ?? error.problem.title, detail: null, fieldErrors };
  }
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof SignInError) return { message: t('problem.signIn', { reason }), detail: null, fieldErrors: [] };
  if (error instanceof HostError) return { message: t('problem.host', { reason }), detail: null, fieldErrors: [] };
  // fetch rejects with a TypeError when the network is down or the server cannot be reached.
  if (error instanceof TypeError) return { message: t('problem.network'), detail: null, fieldErrors: [] };
  return { message: t('problem.unknown', { reason }), detail: null, fieldErrors: [] };
}

/** The text to show for a failure in one line. */
export function problemText(error: unknown, t: Translate): string {
  const view = describeProblem(error, t);
  return view.detail ? `${view.message} ${view.detail}` : view.message;
}

/** Field errors by field name (the first for each), e.g. for a Fluent `Field`'s validationMessage. */
export function fieldMessages(errors: FieldError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) byField[error.field.split('.')[0]!] ??= error.message;
  return byField;
}
