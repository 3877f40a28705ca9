import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMailbox } from '../ingest/sync-mailbox.ts';
import type { MailSource, SyncPage } from '../ingest/mail-source.ts';
import { addQueueMembers, insertFunctionMailbox, insertQueue } from '../store/function-mailboxes.ts';
import { signedInCaller, startTestServer, type ApiCall, type TestServer } from './test-server.ts';

// The queues of the function mailboxes through the API: who sees which, what waits and what is
// late, and the actions on an item, one at a time (If-Match) or many at once (all or none).

const DAY = 24 * 3600_000;
let s: TestServer;
let call: ApiCall;
const queue: Record<string, string> = {};
const ids: Record<string, string> = {};

/** Mail as Graph would list it, some of it arrived long ago (late by now), some just now. */
function mail(n: number, subject: string, receivedAt: Date): SyncPage['messages'][number] {
  return {
    sourceId: `AAMkAD-${n}`,
    internetMessageId: `<msg-${n}@example.se>`,
    subject,
    from: { address: 'anna.svensson@example.se', name: 'Anna Svensson' },
    to: ['kommunen@ekby.se'],
    cc: [],
    receivedAt,
    bodyPreview: `${subject}. Med vänlig hälsning, Anna`,
    bodyText: '',
    hasAttachments: n % 2 === 0,
    headers: {},
  };
}

beforeAll(async () => {
  s = await startTestServer();
  ({ call } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', amira: 'amira.haddad@ekby.se', sofia: 'sofia.ek@ekby.se', johan: 'johan.berg@ekby.se', lars: 'lars.holm@ekby.se' }));
  for (const who of ['karin', 'amira', 'sofia', 'johan']) ids[who] = (await call('GET', '/api/v1/me', { as: who })).body.id as string;
  const { db } = s.register.deps;
  const orgId = s.register.orgId;
  queue['registry'] = await insertQueue(db, { orgId, name: 'Registraturen' });
  queue['building'] = await insertQueue(db, { orgId, name: 'Bygglov', unitId: s.register.unitIds['Stadsbyggnadskontoret']! });
  await addQueueMembers(db, queue['registry'], [ids['karin']!]);
  await addQueueMembers(db, queue['building'], [ids['amira']!]);
  const mailboxId = await insertFunctionMailbox(db, {
    orgId,
    address: 'kommunen@ekby.se',
    displayName: 'Ekby kommun',
    unitId: s.register.unitIds['Kommunledningskontoret']!,
    defaultDiaryId: s.register.diaryIds['KS']!,
    defaultQueueId: queue['registry'],
    updatedAt: new Date(),
  });
  const now = Date.now();
  const source: MailSource = {
    kind: 'graph',
    open: () => Promise.reject(new Error('these tests read no mail')),
    mark: () => Promise.reject(new Error('these tests mark no mail')),
    page: async () => ({
      messages: [
        mail(1, 'Fråga om bygglov för altan', new Date(now - 30 * DAY)),
        mail(2, 'Synpunkt på gatubelysningen', new Date(now - 60_000)),
        mail(3, 'Ansökan om parkeringstillstånd', new Date(now - 120_000)),
        mail(4, 'Erbjudande: kontorsmaterial till halva priset', new Date(now - 180_000)),
      ],
      cursor: 'delta:1',
      done: true,
    }),
  };
  await syncMailbox(s.register.deps, source, mailboxId, { logger: pino({ level: 'silent' }) });
});
afterAll(() => s.close());

async function items(who: string, queueId: string, query = '') {
  const res = await call('GET', `/api/v1/queues/${queueId}/items${query}`, { as: who });
  expect(res.status).toBe(200);
  return res.body as { items: { id: string; subject: string; version: number; status: string; assignee: { name: string } | null; queueId: string }[]; total: number };
}
const bySubject = async (subject: string) => (await items('karin', queue['registry']!)).items.find((i) => i.subject === subject)!;

describe('the queues of the function mailboxes', () => {
  it('shows each member their queues with what waits and what is late; registrars see them all, others none', async () => {
    const karin = (await call('GET', '/api/v1/queues', { as: 'karin' })).body.items as { name: string; waiting: number; overdue: number }[];
    expect(karin.map((q) => [q.name, q.waiting, q.overdue])).toEqual([
      ['Bygglov', 0, 0],
      ['Registraturen', 4, 1],
    ]);
    expect(((await call('GET', '/api/v1/queues', { as: 'amira' })).body.items as { name: string }[]).map((q) => q.name)).toEqual(['Bygglov']);
    expect((await call('GET', '/api/v1/queues', { as: 'sofia' })).body.items).toEqual([]);
    expect((await call('GET', `/api/v1/queues/${queue['registry']}/items`, { as: 'sofia' })).status).toBe(404);
  });

  it('lists a queue with the nearest deadline first, with sender, preview and deadline', async () => {
    const { items: list, total } = await items('karin', queue['registry']!);
    expect(total).toBe(4);
    expect(list[0]!.subject).toBe('Fråga om bygglov för altan');
    const [first] = (await call('GET', `/api/v1/queues/${queue['registry']}/items?limit=1`, { as: 'karin' })).body.items as Record<string, unknown>[];
    expect(first).toMatchObject({ from: { address: 'anna.svensson@example.se', name: 'Anna Svensson' }, mailbox: { address: 'kommunen@ekby.se' }, status: 'waiting' });
    // A new case for it starts in the mailbox's diary and, the registry queue having no unit, in the mailbox's.
    expect(first!['newCaseDefaults']).toEqual({ diary: 'KS', unit: { id: s.register.unitIds['Kommunledningskontoret'], name: 'Kommunledningskontoret' } });
  });

  it('finds messages by words in the subject or the sender, each word anywhere, its own % and _ taken literally', async () => {
    const subjects = async (q: string) => (await items('karin', queue['registry']!, `?q=${encodeURIComponent(q)}`)).items.map((i) => i.subject);
    expect(await subjects('GATUBELYSNING')).toEqual(['Synpunkt på gatubelysningen']);
    expect(await subjects('synpunkt belysning')).toEqual(['Synpunkt på gatubelysningen']);
    expect((await subjects('anna.svensson@example.se')).length).toBe(4);
    expect(await subjects('halva%')).toEqual([]);
    expect(await subjects('halva_priset')).toEqual([]);
    const found = await items('karin', queue['registry']!, '?q=altan');
    expect(found.total).toBe(1);
  });

  it('lets a member take an item, refuses a stale version, and keeps the history', async () => {
    const item = await bySubject('Synpunkt på gatubelysningen');
    const taken = await call('POST', `/api/v1/queue-items/${item.id}/actions`, { json: { action: 'take' }, headers: { 'if-match': `"${item.version}"` } });
    expect(taken.status).toBe(200);
    expect(taken.body.assignee.name).toBe('Karin Lindqvist');
    expect(taken.headers.get('etag')).toBe(`"${item.version + 1}"`);
    const stale = await call('POST', `/api/v1/queue-items/${item.id}/actions`, { json: { action: 'assign', assigneeId: ids['johan'] }, headers: { 'if-match': `"${item.version}"` } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect((await items('karin', queue['registry']!, '?assignee=me')).items.map((i) => i.subject)).toEqual(['Synpunkt på gatubelysningen']);
  });

  it('names the field when the assignee or queue does not exist, and changes nothing', async () => {
    const item = await bySubject('Ansökan om parkeringstillstånd');
    const res = await call('POST', `/api/v1/queue-items/${item.id}/actions`, {
      json: { action: 'assign', assigneeId: '00000000-0000-4000-8000-000000000000' },
      headers: { 'if-match': `"${item.version}"` },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
    const bad = await call('POST', '/api/v1/queue-items/actions', { json: { itemIds: [item.id], action: { action: 'setAside', reason: 'boring' } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('action.reason');
    expect((await bySubject('Ansökan om parkeringstillstånd')).version).toBe(item.version);
  });

  it('sets aside and forwards many at once, all or none', async () => {
    const offer = await bySubject('Erbjudande: kontorsmaterial till halva priset');
    const altan = await bySubject('Fråga om bygglov för altan');
    const aside = await call('POST', '/api/v1/queue-items/actions', { json: { itemIds: [offer.id], action: { action: 'setAside', reason: 'unimportant' } } });
    expect(aside.status).toBe(200);
    expect(aside.body.items[0].status).toBe('set_aside');

    // The set-aside item cannot be forwarded: neither moves.
    const mixed = await call('POST', '/api/v1/queue-items/actions', { json: { itemIds: [altan.id, offer.id], action: { action: 'forward', queueId: queue['building'] } } });
    expect(mixed.status).toBe(409);
    expect((await items('amira', queue['building']!)).total).toBe(0);

    const forwarded = await call('POST', '/api/v1/queue-items/actions', { json: { itemIds: [altan.id], action: { action: 'forward', queueId: queue['building'] } } });
    expect(forwarded.status).toBe(200);
    expect((await items('amira', queue['building']!)).items.map((i) => i.subject)).toEqual(['Fråga om bygglov för altan']);
    // In the building queue, a new case for it belongs to the queue's unit.
    expect(forwarded.body.items[0].newCaseDefaults.unit.name).toBe('Stadsbyggnadskontoret');
    const history = (await call('GET', `/api/v1/queue-items/${altan.id}/events`, { as: 'amira' })).body.items as { action: string; queue: { name: string } | null; actor: { name: string } | null }[];
    expect(history.map((e) => [e.action, e.queue?.name ?? null, e.actor?.name ?? null])).toEqual([
      ['item.received', 'Registraturen', null],
      ['item.forward', 'Bygglov', 'Karin Lindqvist'],
    ]);
    // The building queue has held a message now: its history names it, so it cannot be removed.
    const building = ((await call('GET', '/api/v1/admin/queues', { as: 'lars' })).body.items as { id: string; version: string }[]).find((q) => q.id === queue['building'])!;
    const remove = await call('DELETE', `/api/v1/admin/queues/${building.id}`, { as: 'lars', headers: { 'if-match': `"${building.version}"` } });
    expect(remove.status).toBe(409);
    expect(remove.body.errors).toEqual([{ field: 'queue', message: 'Kön har haft meddelanden, och deras historik visar den. Den kan inte tas bort, men du kan byta namn på den.' }]);
    // Amira may not reach into a queue she is not a member of.
    const reach = await call('POST', '/api/v1/queue-items/actions', { as: 'amira', json: { itemIds: [offer.id], action: { action: 'restore' } } });
    expect(reach.status).toBe(404);
  });
});
