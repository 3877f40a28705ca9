import { useCallback, useEffect, useState } from 'react';

/** The case a hash such as `#case=KS%202026%2F0042` names, if any. */
export function caseOfHash(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('case')?.trim();
  return value ? value : null;
}

export const hashOfCase = (caseNumber: string) => `#case=${encodeURIComponent(caseNumber)}`;

const pushedByUs = (state: unknown) => typeof state === 'object' && state !== null && 'openCase' in state;

/**
 * Which case is open in place of the lists. Opening one adds a history entry (`#case=…`), so the
 * browser's back button returns to the lists; a deep link's case opens at once.
 */
export function useOpenCase(initialCase: string | null) {
  const [openCase, setOpenCase] = useState<string | null>(() => caseOfHash(window.location.hash) ?? initialCase);

  useEffect(() => {
    const follow = () => setOpenCase(caseOfHash(window.location.hash));
    window.addEventListener('popstate', follow);
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('popstate', follow);
      window.removeEventListener('hashchange', follow);
    };
  }, []);

  const open = useCallback((caseNumber: string) => {
    window.history.pushState({ openCase: caseNumber }, '', hashOfCase(caseNumber));
    setOpenCase(caseNumber);
  }, []);

  const close = useCallback(() => {
    setOpenCase(null);
    // Step back over our own entry; a case opened by a deep link or a reload has none to step over.
    if (pushedByUs(window.history.state)) window.history.back();
    else if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }, []);

  return { openCase, open, close };
}
