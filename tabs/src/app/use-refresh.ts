import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` every `everyMs` while the page is shown, and at once when it is shown again
 * after being hidden (another Teams tab, a minimised window): lists that others change (a
 * queue) stay current without anyone pressing anything.
 */
export function useRefresh(refresh: () => void, everyMs: number): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') latest.current();
    };
    const timer = setInterval(tick, everyMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [everyMs]);
}
