import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_USERS } from '../demo/organisation.ts';
import { rowsOf } from '../store/database.ts';
import { signedInCaller, startTestServer, type ApiCall, type NewCase, type TestServer } from './test-server.ts';

// The bot as the API hosts it at /api/messages, in the local emulation of `npm start`: real Bot
// Framework activities in, replies back in the HTTP answer (deliveryMode expectReplies), the
// register answering with the rights of the Teams user who wrote.

const user = (email: string) => DEMO_USERS.find((u) => u.email === email)!;
const JOHAN = user('johan.berg@ekby.se');
const SOFIA = user('sofia.ek@ekby.se');

let s: TestServer;
let call: ApiCall;
let newCase: NewCase;
beforeAll(async () => {
  s = await startTestServer({ bot: true, teamsAppId: '5f0c2b1e-7d4e-4c8e-9a51-6c3b2f1d0e77' });
  // Users are known to the register once they have signed in.
  ({ call, newCase } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', johan: JOHAN.email, sofia: SOFIA.email }));
  for (const who of ['johan', 'sofia'] as const) expect((await call('GET', '/api/v1/me', { as: who })).status).toBe(200);
});
afterAll(() => s.close());

interface Reply {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

/** Sends what Teams would, and gives the bot's replies as a reader would see them: text and card texts. */
async function say(from: (typeof DEMO_USERS)[number], text: string, where: { conversationType?: string; mention?: boolean } = {}) {
  const mention = where.mention ?? false;
  const res = await fetch(`${s.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: crypto.randomUUID(),
      channelId: 'msteams',
      serviceUrl: 'http://localhost/connector',
      deliveryMode: 'expectReplies',
      from: { id: `29:${from.objectId}`, aadObjectId: from.objectId, name: from.name },
      recipient: { id: '28:diarium', name: 'Diarium' },
      conversation: { id: `c-${from.objectId}`, conversationType: where.conversationType ?? 'personal' },
      text: mention ? `<at>Diarium</at> ${text}` : text,
      entities: mention ? [{ type: 'mention', mentioned: { id: '28:diarium', name: 'Diarium' }, text: '<at>Diarium</at>' }] : [],
    }),
  });
  expect(res.status).toBe(200);
  const { activities } = (await res.json()) as { activities: Reply[] };
  return activities
    .filter((a) => a.type === 'message')
    .map((a) => [a.text ?? '', ...(a.attachments ?? []).map((x) => JSON.stringify(x.content))].join('\n'))
    .join('\n');
}

describe('the bot at /api/messages', () => {
  it('answers the status of a case with its officer and a link that opens it in Teams', async () => {
    const c = await newCase('KS', 'Medborgarförslag om lekplats vid Åkermyran');
    const answer = await say(JOHAN, `status ${c.caseNumber}`);
    expect(answer).toContain(c.caseNumber);
    expect(answer).toContain('Medborgarförslag om lekplats vid Åkermyran');
    expect(answer).toContain('https://teams.microsoft.com/l/entity/');
  });

  it('shows someone without access only the public title of a confidential case, and its officer everything', async () => {
    const secret = await newCase('KS', 'Förvärv av fastigheten Sjövik 2:14 – budgivning', {
      publicTitle: 'Förvärv av fastighet',
      confidentiality: { provision: 'OSL 19 kap. 1 §' },
    });
    const outsider = await say(SOFIA, secret.caseNumber);
    expect(outsider).toContain('Förvärv av fastighet');
    expect(outsider).not.toContain('budgivning');
    const registrar = await say(user('karin.lindqvist@ekby.se'), secret.caseNumber);
    expect(registrar).toContain('budgivning');
  });

  it('answers in a channel only when mentioned', async () => {
    expect(await say(JOHAN, 'mina ärenden', { conversationType: 'channel' })).toBe('');
    expect(await say(JOHAN, 'hjälp', { conversationType: 'channel', mention: true })).not.toBe('');
  });

  it('tells someone the register does not know to ask the registry, and reveals nothing', async () => {
    const stranger = { ...JOHAN, objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f0000ffff', name: 'Okänd' };
    const answer = await say(stranger, 'mina ärenden');
    expect(answer).not.toBe('');
    expect(answer).not.toMatch(/KS \d{4}\//);
  });

  it('keeps where it can reach a user who installs it personally, once per user', async () => {
    const install = (conversationId: string) =>
      fetch(`${s.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'installationUpdate',
          action: 'add',
          id: crypto.randomUUID(),
          channelId: 'msteams',
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          deliveryMode: 'expectReplies',
          from: { id: `29:${JOHAN.objectId}`, aadObjectId: JOHAN.objectId, name: JOHAN.name },
          recipient: { id: '28:diarium', name: 'Diarium' },
          conversation: { id: conversationId, conversationType: 'personal' },
        }),
      });
    expect((await install('a:first-install')).status).toBe(200);
    expect((await install('a:second-install')).status).toBe(200);
    const rows = rowsOf<{ reference: { conversation: { id: string }; serviceUrl: string } }>(
      await s.register.deps.db.execute(sql`select b.reference from bot_conversations b join users u on u.id = b.user_id where u.object_id = ${JOHAN.objectId}`),
    );
    expect(rows.map((r) => r.reference.conversation.id)).toEqual(['a:second-install']);
    expect(rows[0]!.reference.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
  });
});
