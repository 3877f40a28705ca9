import { ApiProblem, type FieldError } from '@diarium/core';
import { SignInError } from '@diarium/core';
import { HostError } from '../host/mail-host.ts';
import type { Translate } from '../messages.ts';

/** A failure as the pane shows it: what to do next, the API's own words, and the failing fields. */
export interface ProblemView {
  message: string;
  detail: string | null;
  fieldErrors: FieldError[];
}

/** The API's reason behind a 404 or 409 on a mail: its code (or, from an older API, its type). */
export function problemReason(problem: ApiProblem): 'already_registered_elsewhere' | 'mail_not_found' | null {
  const said = `${String(problem.code)} ${problem.problem.type}`;
  if (said.includes('already_registered_elsewhere')) return 'already_registered_elsewhere';
  if (said.includes('mail_not_found')) return 'mail_not_found';
  return null;
}

/** `sendingMail`: the failure came from registering or tying a mail, where a 404 or 413 concerns the mail. */
export function describeProblem(error: unknown, t: Translate, options: { sendingMail?: boolean } = {}): ProblemView {
  if (error instanceof ApiProblem) {
    const detail = error.problem.detail || null;
    const fieldErrors = error.fieldErrors;
    // Our own words say what to do next; the API's would say the same again.
    if (options.sendingMail && problemReason(error) === 'mail_not_found') return { message: t('problem.mailNotFound'), detail: null, fieldErrors };
    if (options.sendingMail && error.status === 413) return { message: t('problem.tooLarge'), detail, fieldErrors };
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

/** The text to show for a failure in one line, e.g. under a list that could not load. */
export function problemText(error: unknown, t: Translate): string {
  const view = describeProblem(error, t);
  return view.detail ? `${view.message} ${view.detail}` : view.message;
}

/**
 * Places field errors on the form's fields: `attachments.0.name` lands on `attachments` when
 * that is the nearest field the form has. What fits nowhere is returned for the summary.
 */
export function placeFieldErrors(errors: FieldError[], fields: ReadonlySet<string>) {
  const placed: Record<string, string> = {};
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const parts = error.field.split('.');
    let key: string | null = null;
    for (let n = parts.length; n > 0 && key === null; n -= 1) {
      const candidate = parts.slice(0, n).join('.');
      if (fields.has(candidate)) key = candidate;
    }
    if (key === null) unplaced.push(error);
    else placed[key] ??= error.message;
  }
  return { placed, unplaced };
}
