import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../demo/organisation.ts';
import { signedInCaller, startTestServer, type ApiCall, type TestServer } from '../http/test-server.ts';
import type { Deps } from '../services/context.ts';
import { DEADLINE_NEAR_NOTICE_JOB, warnOfDeadlines } from '../services/deadline-warnings.ts';
import { rowsOf } from '../store/database.ts';
import { addQueueMembers, insertFunctionMailbox, insertQueue, insertQueueItems } from '../store/function-mailboxes.ts';
import { deadlineJobHandlers, scheduleDeadlineWarnings } from './deadline-jobs.ts';
import { createJobRunner, type JobRunner } from './runner.ts';
import { startTestTeams, type TestTeams } from './test-teams.ts';

// Before a function mailbox's message waits too long, those who handle its queue are told in
// Teams: the API's job runner looks every minute for messages whose warning time has come and
// sends each person the bot's card through the real botbuilder path, with Entra ID and the Bot
// Connector emulated behind msw.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Tuesday 3 March 2026, 09:00 in Sweden: the clock the job runner reads, moved by the tests.
const START = Date.parse('2026-03-03T08:00:00Z');
const person = (email: string) => DEMO_USERS.find((u) => u.email === email)!;
const KARIN = person('karin.lindqvist@ekby.se');
const JOHAN = person('johan.berg@ekby.se');
const AMIRA = person('amira.haddad@ekby.se');
const ERIK = person('erik.nystrom@ekby.se');
const SOFIA = person('sofia.ek@ekby.se');

let teams: TestTeams;
let s: TestServer;
let call: ApiCall;
let runner: JobRunner;
let deps: Pick<Deps, 'db' | 'now'>;
let queueId: string;
let mailboxId: string;
let clock = 0;
let mails = 0;
const userId = (email: string) => s.register.actors[email]!.user.id;

beforeAll(async () => {
  teams = startTestTeams();
  s = await startTestServer();
  teams.graph.allow(s.url);
  ({ call } = await signedInCaller(s, { karin: KARIN.email }));
  const { db } = s.register.deps;
  const orgId = s.register.orgId;
  deps = { db, now: () => new Date(START + clock) };
  // Registraturen is handled by Karin, Johan and Amira; Erik and Sofia are not members.
  queueId = await insertQueue(db, { orgId, name: 'Registraturen' });
  await addQueueMembers(db, queueId, [userId(KARIN.email), userId(JOHAN.email), userId(AMIRA.email)]);
  mailboxId = await insertFunctionMailbox(db, { orgId, address: 'kommunen@ekby.se', displayName: 'Ekby kommun', defaultQueueId: queueId, updatedAt: new Date(START) });
  const logger = pino({ level: 'silent' });
  const links = { baseUrl: 'http://localhost', teamsAppId: 'diarium-teams-app' };
  const bot = teams.hostBot(s.register.deps, { links, logger });
  runner = createJobRunner({ db, now: deps.now, handlers: deadlineJobHandlers(deps, { bot, links, logger }), logger });
});
afterAll(async () => {
  await s.close();
  teams.close();
});

beforeEach(async () => {
  clock = 0;
  const { db } = s.register.deps;
  await db.execute(sql`delete from jobs`);
  await db.execute(sql`delete from bot_conversations`);
  // What earlier tests left waiting is done with.
  await db.execute(sql`update queue_items set status = 'registered' where status = 'waiting'`);
  await scheduleDeadlineWarnings(db, deps.now());
});

const install = (objectId: string, locale?: string) => teams.install(s.register.deps, objectId, locale);

/** A mail in kommunen@, arrived at START, to be warned of at `warnIn` and due at `dueIn` (from START). */
async function mailArrives(subject: string, times: { warnIn: number; dueIn: number }, extra: { assigneeId?: string } = {}): Promise<string> {
  mails++;
  const [added] = await insertQueueItems(s.register.deps.db, [
    {
      orgId: s.register.orgId,
      mailboxId,
      queueId,
      internetMessageId: `<deadline-${mails}@example.se>`,
      sourceId: `AAMkAD-deadline-${mails}`,
      subject,
      fromAddress: 'anna.svensson@example.se',
      fromName: 'Anna Svensson',
      receivedAt: new Date(START),
      warnAt: new Date(START + times.warnIn),
      deadlineAt: new Date(START + times.dueIn),
      assigneeId: extra.assigneeId ?? null,
      updatedAt: new Date(START),
    },
  ]);
  return added!.id;
}

/** The clock moves on, and the runner does what has come due (the look for warnings, then the warnings). */
async function timePasses(ms: number) {
  clock += ms;
  await runner.runDue();
  await runner.runDue();
}

/** What each user's chat with the bot has shown since `since` (the count of messages then). */
function chats(since: Map<string, number>): Record<string, string[]> {
  return Object.fromEntries([...since].map(([objectId, before]) => [objectId, teams.chat(objectId).slice(before)]));
}
const everyone = () => new Map([KARIN, JOHAN, AMIRA, ERIK, SOFIA].map((p) => [p.objectId, teams.delivered(p.objectId).length]));

async function noticeJobs() {
  return rowsOf<{ status: string }>(await s.register.deps.db.execute(sql`select status from jobs where kind = ${DEADLINE_NEAR_NOTICE_JOB} order by id`));
}

async function setAside(itemId: string) {
  const res = await call('POST', '/api/v1/queue-items/actions', { json: { itemIds: [itemId], action: { action: 'setAside', reason: 'unimportant' } } });
  expect(res.status).toBe(200);
}

describe('warning a queue before a message passes its deadline', () => {
  it('tells each member once, when the warning time comes, with the subject, sender, deadline and time left', async () => {
    await install(KARIN.objectId);
    await install(JOHAN.objectId, 'en-GB');
    const since = everyone();
    await mailArrives('Ansökan om bygglov, Storgatan 12', { warnIn: HOUR, dueIn: 3 * HOUR });

    await timePasses(59 * MINUTE);
    expect(chats(since)[KARIN.objectId]).toEqual([]);

    await timePasses(MINUTE);
    const [karin] = chats(since)[KARIN.objectId]!;
    expect(karin).toContain('Ett meddelande i Registraturen närmar sig sin tidsfrist.');
    for (const line of ['Tidsfristen närmar sig i Registraturen', 'Ansökan om bygglov, Storgatan 12', 'Anna Svensson <anna.svensson@example.se>', 'Tidsfrist: ', '2026-03-03 12:00', 'Tid kvar: ', '2 tim 0 min', 'Öppna kön']) {
      expect(karin).toContain(line);
    }
    // The button opens the personal tab, where the queues are worked.
    expect(karin).toContain('https://teams.microsoft.com/l/entity/diarium-teams-app/mitt-arbete');
    const [johan] = chats(since)[JOHAN.objectId]!;
    expect(johan).toContain('A message in Registraturen is nearing its deadline.');
    expect(johan).toContain('2026-03-03 12:00');

    // The look runs every minute, here and in another process: no one is told twice.
    await timePasses(MINUTE);
    await warnOfDeadlines(deps);
    await timePasses(30 * MINUTE);
    expect(chats(since)[KARIN.objectId]).toHaveLength(1);
    expect(chats(since)[JOHAN.objectId]).toHaveLength(1);
  });

  it('never names the subject in the text a notification shows', async () => {
    await install(KARIN.objectId);
    const since = everyone();
    await mailArrives('Anmälan om missförhållande i hemtjänsten', { warnIn: HOUR, dueIn: 3 * HOUR });
    await timePasses(HOUR);
    const [message] = teams.delivered(KARIN.objectId).slice(since.get(KARIN.objectId));
    expect(message!.activity['text']).toBe('Ett meddelande i Registraturen närmar sig sin tidsfrist.');
    expect(JSON.stringify(message!.activity['attachments'])).toContain('Anmälan om missförhållande i hemtjänsten');
  });

  it('warns nobody of a message set aside before its warning time', async () => {
    await install(KARIN.objectId);
    await install(JOHAN.objectId);
    const since = everyone();
    const item = await mailArrives('Erbjudande: kontorsmaterial till halva priset', { warnIn: HOUR, dueIn: 3 * HOUR });
    await timePasses(30 * MINUTE);
    await setAside(item);
    await timePasses(2 * HOUR);
    expect(chats(since)[KARIN.objectId]).toEqual([]);
    expect(chats(since)[JOHAN.objectId]).toEqual([]);
    expect(await noticeJobs()).toEqual([]);
  });

  it('does not send a warning whose message was handled after the look but before the sending', async () => {
    await install(KARIN.objectId);
    const since = everyone();
    const item = await mailArrives('Synpunkt på gatubelysningen', { warnIn: HOUR, dueIn: 3 * HOUR });
    clock += HOUR;
    // The look runs and asks for the warnings; before they go out, Karin sets the message aside.
    await runner.runDue();
    expect((await noticeJobs()).map((j) => j.status)).toEqual(['pending', 'pending', 'pending']);
    await setAside(item);
    await runner.runDue();
    expect(chats(since)[KARIN.objectId]).toEqual([]);
    expect((await noticeJobs()).map((j) => j.status)).toEqual(['done', 'done', 'done']);
  });

  it('skips, without failing, a member who has not installed the bot', async () => {
    await install(KARIN.objectId);
    const since = everyone();
    await mailArrives('Ansökan om parkeringstillstånd', { warnIn: HOUR, dueIn: 3 * HOUR });
    await timePasses(HOUR);
    // Amira and Johan never installed Diarium in Teams: their warnings are done with, nothing sent.
    expect(chats(since)[KARIN.objectId]).toHaveLength(1);
    expect(chats(since)[AMIRA.objectId]).toEqual([]);
    expect((await noticeJobs()).map((j) => j.status)).toEqual(['done', 'done', 'done']);
  });

  it('also warns the one a message is assigned to, member or not, and no one else outside the queue', async () => {
    for (const p of [KARIN, ERIK, SOFIA]) await install(p.objectId);
    const since = everyone();
    await mailArrives('Fråga om bidrag till föreningslokal', { warnIn: HOUR, dueIn: 3 * HOUR }, { assigneeId: userId(ERIK.email) });
    await timePasses(HOUR);
    const shown = chats(since);
    expect(shown[ERIK.objectId]).toHaveLength(1);
    expect(shown[ERIK.objectId]![0]).toContain('Tilldelat: ');
    expect(shown[ERIK.objectId]![0]).toContain('Erik Nyström');
    expect(shown[KARIN.objectId]).toHaveLength(1);
    expect(shown[SOFIA.objectId]).toEqual([]);
  });

  it('gathers the messages of a queue coming due together into one card for each person, nearest deadline first', async () => {
    await install(KARIN.objectId);
    const since = everyone();
    await mailArrives('Remiss om översiktsplan', { warnIn: HOUR, dueIn: 5 * HOUR });
    await mailArrives('Medborgarförslag om fler parkbänkar', { warnIn: 50 * MINUTE, dueIn: 2 * HOUR });
    await timePasses(HOUR);
    const shown = chats(since)[KARIN.objectId]!;
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('2 meddelanden i Registraturen närmar sig sin tidsfrist.');
    expect(shown[0]!.indexOf('Medborgarförslag om fler parkbänkar')).toBeLessThan(shown[0]!.indexOf('Remiss om översiktsplan'));
  });

  it('does not flood anyone with warnings of messages already late when the look resumes after an outage', async () => {
    await install(KARIN.objectId);
    const since = everyone();
    await mailArrives('Överklagande av beslut om bygglov', { warnIn: HOUR, dueIn: 3 * HOUR });
    await timePasses(4 * HOUR);
    expect(chats(since)[KARIN.objectId]).toEqual([]);
  });

  it('takes each message in one look only, when two processes look at the same moment', async () => {
    for (let i = 0; i < 5; i++) await mailArrives(`Skrivelse nr ${i}`, { warnIn: HOUR, dueIn: 3 * HOUR });
    clock += HOUR;
    const outcomes = await Promise.all([warnOfDeadlines(deps, { batchSize: 2 }), warnOfDeadlines(deps, { batchSize: 2 })]);
    expect(outcomes[0]!.items + outcomes[1]!.items).toBe(5);
    const asked = rowsOf<{ user_id: string; items: number }>(
      await s.register.deps.db.execute(sql`
        select payload->>'userId' as user_id, sum(jsonb_array_length(payload->'itemIds'))::int as items
        from jobs where kind = ${DEADLINE_NEAR_NOTICE_JOB} group by 1 order by 1`),
    );
    expect(asked.map((r) => r.items)).toEqual([5, 5, 5]);
  });
});
