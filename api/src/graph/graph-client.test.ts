import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@diarium/core';
import { DEMO_USERS } from '../demo/organisation.ts';
import { startTestGraph, type TestGraph } from '../dev/graph/test-graph.ts';
import { createGraphClient } from './graph-client.ts';
import { getMessageFacts } from './mail.ts';

// The Graph client as production builds it, against Entra ID and Graph emulated behind msw.

const karin = DEMO_USERS[0]!;
const assertion = (user = karin) =>
  // An access token to our API as Entra would send it; the emulated Entra reads who it is for.
  `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(
    JSON.stringify({ oid: user.objectId, preferred_username: user.email, name: user.name, aud: 'api://diarium' }),
  ).toString('base64url')}.signature`;

let m365: TestGraph;
beforeAll(() => {
  m365 = startTestGraph({ maxRetryWaitSeconds: 3 });
});
afterAll(() => m365.close());

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => new Error('it succeeded'),
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw error;
  return { code: error.code, detail: error.detail };
}

describe('Graph access', () => {
  it("exchanges the user's token on their behalf once, and reuses Entra's answer until it expires", async () => {
    const message = await m365.graph.mailboxes.addMessage(karin.email, Buffer.from('Subject: Hej\r\nMessage-ID: <a@b>\r\n\r\nHej\r\n'));
    const token = assertion();
    const before = m365.entra.grants.length;

    await getMessageFacts(m365.access.asUser(token), '/me', message.immutableId);
    await getMessageFacts(m365.access.asUser(token), '/me', message.immutableId);

    expect(m365.entra.grants.slice(before)).toEqual([expect.objectContaining({ requestedTokenUse: 'on_behalf_of', assertion: token })]);
  });

  it('retries a 503 within the wait it may spend, then reports Graph as unavailable', async () => {
    const message = await m365.graph.mailboxes.addMessage(karin.email, Buffer.from('Subject: Hej\r\nMessage-ID: <b@b>\r\n\r\nHej\r\n'));
    m365.graph.faults.add({ match: /^GET \/me\/messages\//, status: 503, times: 5 });
    const started = Date.now();
    expect(await failure(getMessageFacts(m365.access.asUser(assertion()), '/me', message.immutableId))).toEqual({
      code: 'unavailable',
      detail: 'mail.graph.unavailable',
    });
    expect(Date.now() - started).toBeLessThan(4_000);
    m365.graph.faults.clear();
  });

  it('tells a user whose organisation has not consented to Graph access so, and one whose sign-in is refused to sign in again', async () => {
    m365.entra.refuseNext({ error: 'invalid_grant', description: 'AADSTS65001: The user or administrator has not consented to use the application.', suberror: 'consent_required' });
    expect(await failure(getMessageFacts(m365.access.asUser(assertion(DEMO_USERS[1])), '/me', 'AAkALgx'))).toEqual({ code: 'forbidden', detail: 'mail.graph.consent' });
    m365.entra.refuseNext({ error: 'invalid_grant', description: 'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.' });
    expect(await failure(getMessageFacts(m365.access.asUser(assertion(DEMO_USERS[2])), '/me', 'AAkALgx'))).toEqual({ code: 'unauthenticated', detail: 'mail.graph.signIn' });
  });

  it('sends its token to the Graph it was made for and nowhere else, plain http (the dev emulator) included', async () => {
    const seen: Record<string, string | null> = {};
    m365.server.use(
      http.get('http://localhost:3999/dev/graph/v1.0/me', ({ request }) => {
        seen.dev = request.headers.get('authorization');
        return HttpResponse.json({ id: 'me' });
      }),
      http.get('https://elsewhere.example/v1.0/me', ({ request }) => {
        seen.elsewhere = request.headers.get('authorization');
        return HttpResponse.json({ id: 'me' });
      }),
    );
    const client = createGraphClient({ baseUrl: 'http://localhost:3999/dev/graph/v1.0', tokens: { getAccessToken: async () => 'dev-token' } });

    await client.api('/me').get();
    await client.api('https://elsewhere.example/v1.0/me').get();

    expect(seen).toEqual({ dev: 'Bearer dev-token', elsewhere: null });
  });
});
