import { useCallback, useRef } from 'react';

/**
 * One Idempotency-Key per attempt: the same body sent again (a double click, a retry after a
 * network failure) reuses its key, so the API registers it once; a changed body is a new attempt.
 */
export function useIdempotencyKey(newKey: () => string = () => crypto.randomUUID()): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return useCallback(
    (body: unknown) => {
      const json = JSON.stringify(body);
      if (last.current?.body !== json) last.current = { body: json, key: newKey() };
      return last.current.key;
    },
    [newKey],
  );
}
