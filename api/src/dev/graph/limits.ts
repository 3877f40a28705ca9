import { graphError } from './graph-errors.ts';

// Outlook's throttling as Graph documents it ("Outlook service limits"): per app and
// mailbox, at most 4 requests at once and 10 000 requests in 10 minutes. Off unless an
// emulator is created with `limits`, so that tests which do not care never see a 429.

export interface MailboxLimits {
  /** Requests one mailbox may have in flight at once (Graph: 4). */
  concurrent?: number;
  /** Requests one mailbox may take in a window (Graph: 10 000 in 10 minutes). */
  perWindow?: number;
  windowSeconds?: number;
}

export interface MailboxGate {
  /** Admits a request to a mailbox, or answers the 429 Graph would give; call `release` once it is answered. */
  enter(mailbox: string): { release(): void } | Response;
}

export function createMailboxGate(limits: MailboxLimits, now: () => number): MailboxGate {
  const concurrent = limits.concurrent ?? 4;
  const perWindow = limits.perWindow ?? 10_000;
  const windowMs = (limits.windowSeconds ?? 600) * 1000;
  const inFlight = new Map<string, number>();
  // Each mailbox's admitted request times within the window, oldest first.
  const admitted = new Map<string, number[]>();

  return {
    enter(mailbox) {
      const at = now();
      const times = admitted.get(mailbox) ?? [];
      let expired = 0;
      while (expired < times.length && times[expired]! <= at - windowMs) expired += 1;
      if (expired > 0) times.splice(0, expired);
      admitted.set(mailbox, times);
      if (times.length >= perWindow) {
        const retryAfter = Math.max(1, Math.ceil((times[0]! + windowMs - at) / 1000));
        return graphError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': String(retryAfter) });
      }
      const busy = inFlight.get(mailbox) ?? 0;
      if (busy >= concurrent) {
        return graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': '1' });
      }
      inFlight.set(mailbox, busy + 1);
      times.push(at);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          inFlight.set(mailbox, (inFlight.get(mailbox) ?? 1) - 1);
        },
      };
    },
  };
}
