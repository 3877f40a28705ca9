import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../demo/organisation.ts';
import { signedInCaller, startTestServer, type ApiCall, type TestServer } from '../http/test-server.ts';
import { rowsOf } from '../store/database.ts';
import { noticeJobHandlers } from './notice-jobs.ts';
import { createJobRunner, type JobRunner } from './runner.ts';
import { startTestTeams, type TestTeams } from './test-teams.ts';

// A case assigned to someone reaches them in Teams: the API's job runner sends the bot's message
// through the real botbuilder path (Bot Framework token from Entra ID, then the Bot Connector),
// with only the far ends emulated behind msw.

const person = (email: string) => DEMO_USERS.find((u) => u.email === email)!;
const JOHAN = person('johan.berg@ekby.se');

let teams: TestTeams;
let s: TestServer;
let call: ApiCall;
let runner: JobRunner;
const ids: Record<string, string> = {};
let clock = 0;

beforeAll(async () => {
  teams = startTestTeams();
  s = await startTestServer();
  teams.graph.allow(s.url);
  ({ call } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', johan: JOHAN.email, amira: 'amira.haddad@ekby.se' }));
  for (const who of ['karin', 'johan', 'amira']) ids[who] = (await call('GET', '/api/v1/me', { as: who })).body.id as string;
  const deps = s.register.deps;
  const logger = pino({ level: 'silent' });
  const links = { baseUrl: 'http://localhost', teamsAppId: null };
  const bot = teams.hostBot(deps, { links, logger });
  runner = createJobRunner({ db: deps.db, now: () => new Date(Date.now() + clock), handlers: noticeJobHandlers(deps, { bot, links, logger }), logger });
});
afterAll(async () => {
  await s.close();
  teams.close();
});

/** Johan installs Diarium for himself. */
const install = (objectId: string) => teams.install(s.register.deps, objectId);
const chat = (objectId: string) => teams.chat(objectId);

async function assignNew(title: string, officer: string, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/v1/cases', { json: { diary: 'KS', title, officerId: ids[officer], ...extra } });
  expect(res.status).toBe(201);
  return res.body as { id: string; caseNumber: string; version: number };
}

async function jobs() {
  return rowsOf<{ status: string; attempts: number }>(await s.register.deps.db.execute(sql`select status, attempts from jobs where kind = 'notice.case-assigned' order by id`));
}

beforeEach(async () => {
  clock = 0;
  await s.register.deps.db.execute(sql`delete from jobs`);
  await s.register.deps.db.execute(sql`delete from bot_conversations`);
});

describe('telling officers of the cases assigned to them', () => {
  it('sends the new officer one message in their chat with the bot, naming who assigned the case', async () => {
    await install(JOHAN.objectId);
    const before = chat(JOHAN.objectId).length;
    const c = await assignNew('Medborgarförslag om fler parkbänkar i Åkermyran', 'johan');
    await runner.runDue();
    await runner.runDue();
    const received = chat(JOHAN.objectId).slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain(`Du är nu handläggare för ${c.caseNumber}.`);
    expect(received[0]).toContain('Karin Lindqvist har gjort dig till handläggare för ärendet.');
    expect(received[0]).toContain('Medborgarförslag om fler parkbänkar i Åkermyran');
    expect(await jobs()).toEqual([{ status: 'done', attempts: 1 }]);
  });

  it('also when an existing case changes officer, and not when someone takes a case themselves', async () => {
    await install(JOHAN.objectId);
    const before = chat(JOHAN.objectId).length;
    const c = await assignNew('Skrivelse om snöröjning på Storgatan', 'amira');
    const moved = await call('PATCH', `/api/v1/cases/${c.id}`, { json: { officerId: ids['johan'] }, headers: { 'if-match': `"${c.version}"` } });
    expect(moved.status).toBe(200);
    const own = await call('POST', '/api/v1/cases', { as: 'johan', json: { diary: 'KS', title: 'Eget ärende om vägbelysning' } });
    expect(own.status).toBe(201);
    await runner.runDue();
    const received = chat(JOHAN.objectId).slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain(c.caseNumber);
  });

  it('tells no one the news that is no longer true, and no one who has not installed the bot', async () => {
    await install(JOHAN.objectId);
    const before = chat(JOHAN.objectId).length;
    const c = await assignNew('Remiss om översiktsplan', 'johan');
    const moved = await call('PATCH', `/api/v1/cases/${c.id}`, { json: { officerId: ids['amira'] }, headers: { 'if-match': `"${c.version}"` } });
    expect(moved.status).toBe(200);
    await runner.runDue();
    expect(chat(JOHAN.objectId).slice(before)).toEqual([]);
    // Amira never installed Diarium in Teams: her notice is done with, nothing sent anywhere.
    expect((await jobs()).map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('names only the case number in the text Teams shows on a notification, never a confidential title', async () => {
    await install(JOHAN.objectId);
    const before = chat(JOHAN.objectId).length;
    const c = await assignNew('Förvärv av fastigheten Sjövik 2:14 – budgivning', 'johan', {
      publicTitle: 'Förvärv av fastighet',
      confidentiality: { provision: 'OSL 19 kap. 1 §' },
    });
    await runner.runDue();
    const [message] = teams.delivered(JOHAN.objectId).slice(before);
    expect(message!.activity['text']).toBe(`Du är nu handläggare för ${c.caseNumber}.`);
    // The card, in his own chat, is for him: he is the officer and may read it all.
    expect(JSON.stringify(message!.activity['attachments'])).toContain('budgivning');
  });

  it('tries again when Teams is busy, and forgets a conversation whose bot was removed', async () => {
    await install(JOHAN.objectId);
    const before = chat(JOHAN.objectId).length;
    teams.connector.failNext(503, 4);
    await assignNew('Ansökan om serveringstillstånd', 'johan');
    await runner.runDue();
    expect(chat(JOHAN.objectId).slice(before)).toEqual([]);
    expect(await jobs()).toEqual([{ status: 'pending', attempts: 1 }]);
    clock = 2 * 60_000;
    await runner.runDue();
    expect(chat(JOHAN.objectId).slice(before)).toHaveLength(1);

    teams.connector.failNext(403);
    await assignNew('Ansökan om bidrag till föreningslokal', 'johan');
    await runner.runDue();
    expect(chat(JOHAN.objectId).slice(before)).toHaveLength(1);
    expect((await jobs()).map((j) => j.status)).toEqual(['done', 'done']);
    const kept = rowsOf(await s.register.deps.db.execute(sql`select 1 from bot_conversations`));
    expect(kept).toEqual([]);
  });
});
