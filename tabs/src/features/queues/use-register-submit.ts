import { useRef, useState } from 'react';
import { useServices } from '../../app/services.tsx';
import type { FieldMessages } from './register-draft.ts';
import { failure, type Problem } from './register-failure.ts';

/**
 * What both registration dialogs do on "Diarieför": refuse what is invalid before sending, send
 * once at a time, and put a failure at the fields the API named. `handle` takes the failures a
 * dialog answers itself (true when it did); `notFound` is as `failure` takes it.
 */
export function useRegisterSubmit(notFound: 'message' | 'asSaid' = 'message') {
  const { t } = useServices();
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  async function submit(invalid: FieldMessages, send: () => Promise<void>, handle: (error: unknown) => boolean = () => false) {
    if (inFlight.current) return;
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) {
      setProblem({ text: t('problem.fields'), intent: 'error' });
      return;
    }
    setProblem(null);
    inFlight.current = true;
    setBusy(true);
    try {
      await send();
    } catch (error) {
      if (!handle(error)) {
        const failed = failure(error, t, notFound);
        setErrors(failed.errors);
        setProblem(failed.problem);
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return { errors, problem, setProblem, busy, submit };
}
