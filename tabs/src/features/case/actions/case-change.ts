import { useState } from 'react';
import { ApiProblem, hasRole, type CaseFull, type Me } from '@diarium/core';
import { useServices } from '../../../app/services.tsx';
import { describeProblem, fieldMessages, type ProblemView } from '../../../app/problem.ts';

/** What an action on the case needs from the view around it. */
export interface CaseChangeContext {
  c: CaseFull;
  /** After a change: read the case and its history again (and its documents), and announce it. */
  onChanged: (announcement: string, options?: { documents?: boolean }) => void;
  /** After a 412: read the case again, so the next attempt goes against what is there now. */
  reloadCase: () => void;
}

/**
 * Who may change the case, as far as the tab can tell: its officer, and the diary's officers,
 * registrars and admins. The API decides; a refusal it gives is shown as it is.
 */
export function mayChangeCase(me: Me, c: CaseFull): boolean {
  return c.officer?.id === me.id || hasRole({ userId: me.id, roles: me.roles }, c.diary.id, 'officer', 'registrar', 'admin');
}

/**
 * A dialog that changes the case: open and closed, busy while sending, and a failure kept in
 * view with what the user typed. Errors are by the API's field names.
 */
export function useCaseChange(context: CaseChangeContext, onOpen: () => void) {
  const { t } = useServices();
  const [open, setOpenState] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemView | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // After a conflict, the case as it was: until the new one has been read, saving again would
  // fail the same way, and the message saying the case has been read again would not yet be true.
  const [staleCase, setStaleCase] = useState<CaseFull | null>(null);
  const rereading = staleCase !== null && staleCase === context.c;

  function setOpen(next: boolean) {
    if (next) {
      onOpen();
      setProblem(null);
      setErrors({});
    }
    setOpenState(next);
  }

  /** Sends unless the form found errors itself; `done` words what happened, for the announcement. */
  async function submit<T>(invalid: Record<string, string>, send: () => Promise<T>, done: (value: T) => string, options?: { documents?: boolean }) {
    setErrors(invalid);
    setProblem(null);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const value = await send();
      setOpenState(false);
      context.onChanged(done(value), options);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) {
        setStaleCase(context.c);
        context.reloadCase();
      }
      const view = describeProblem(error, t);
      setProblem(view);
      setErrors(fieldMessages(view.fieldErrors));
    } finally {
      setBusy(false);
    }
  }

  return { open, setOpen, busy: busy || rereading, problem: rereading ? null : problem, errors, submit };
}

export type CaseChange = ReturnType<typeof useCaseChange>;
