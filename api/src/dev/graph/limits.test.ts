import { describe, expect, it } from 'vitest';
import { BYGGLOV, KARIN, testEmulator } from './emulator-test-kit.ts';

// Outlook's throttling, on when asked for: 4 requests at once per mailbox, 10 000 per 10 minutes.

const INBOX = `/users/${BYGGLOV}/mailFolders/inbox/messages`;

describe('mailbox limits', () => {
  it('answers the fifth concurrent request to one mailbox with 429 MailboxConcurrency and Retry-After, but not another mailbox’s', async () => {
    const { graph, ask } = testEmulator({ limits: {}, latencyMs: 100 });

    const answers = await Promise.all([...Array.from({ length: 5 }, () => ask('GET', INBOX)), ask('GET', `/users/${KARIN.address}/messages`)]);
    const later = await ask('GET', INBOX);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
    const throttled = answers.find((a) => a.status === 429)!;
    expect(throttled.json.error).toMatchObject({ code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(later.status).toBe(200);
    expect(graph.requestCount(BYGGLOV)).toBe(6);
    expect(graph.requestCount(KARIN.objectId)).toBe(1);
  });

  it('answers 429 once a mailbox has had 10 000 requests in 10 minutes, with Retry-After saying when the window frees', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const { ask } = testEmulator({ limits: {}, now: () => now });
    for (let i = 0; i < 10_000; i += 1) {
      if (i === 5_000) now += 4 * 60_000;
      expect((await ask('GET', `${INBOX}?$top=1`)).status).toBe(200);
    }

    now += 60_000;
    const over = await ask('GET', INBOX);
    const otherMailbox = await ask('GET', `/users/${KARIN.address}/messages`);
    now += 5 * 60_000;
    const halfFreed = await ask('GET', INBOX);

    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe('TooManyRequests');
    expect(over.headers.get('retry-after')).toBe(String(5 * 60));
    expect(otherMailbox.status).toBe(200);
    expect(halfFreed.status).toBe(200);
  }, 60_000);

  it('is off by default', async () => {
    const { ask } = testEmulator({ latencyMs: 20 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask('GET', INBOX)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });
});
