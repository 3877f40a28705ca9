import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../dev/graph/test-graph.ts';
import { markQueueItem } from '../services/mark-queue-item.ts';
import { registerQueueItem } from '../services/register-queue-item.ts';
import { openTestRegister, type TestRegister } from '../services/test-register.ts';
import { rowsOf } from '../store/database.ts';
import { insertFunctionMailbox, insertQueue } from '../store/function-mailboxes.ts';
import { graphMailSource } from './graph-mail-source.ts';
import { syncMailbox } from './sync-mailbox.ts';

// A function mailbox read through Microsoft Graph's delta query, as Diarium itself (app-only,
// client credentials from the emulated Entra ID), against the emulated Graph behind msw.

const ADDRESS = 'bygglov@ekby.se';
let graph: TestGraph;
let r: TestRegister;
let mailboxId: string;

beforeAll(async () => {
  graph = startTestGraph({ maxRetryWaitSeconds: 5 });
  graph.graph.mailboxes.addMailbox({ address: ADDRESS, displayName: 'Bygglov Ekby', kind: 'shared' });
  r = await openTestRegister();
  const queueId = await insertQueue(r.deps.db, { orgId: r.orgId, name: 'Bygglov' });
  mailboxId = await insertFunctionMailbox(r.deps.db, { orgId: r.orgId, address: ADDRESS, displayName: 'Bygglov Ekby', defaultQueueId: queueId, updatedAt: new Date() });
});
afterAll(async () => {
  await r.close();
  graph.close();
});

function arrive(from: number, count: number) {
  graph.graph.mailboxes.addMessages(
    ADDRESS,
    Array.from({ length: count }, (_, i) => ({
      subject: `Ansökan om bygglov nr ${from + i}`,
      from: { name: 'Sökande', address: `sokande${from + i}@example.se` },
      text: `Hej, jag söker bygglov för fastigheten Ekby ${from + i}:1.`,
      receivedDateTime: new Date(Date.UTC(2026, 10, 23, 8, 0, from + i)).toISOString(),
    })),
  );
}

const source = () => graphMailSource(() => graph.access.asApp(), { pageSize: 100 });
const sync = () => syncMailbox(r.deps, source(), mailboxId, { logger: pino({ level: 'silent' }) });
const deltaRequests = () => graph.graph.requests.filter((q) => q.path.endsWith('/messages/delta')).length;

async function stored() {
  return rowsOf<{ n: number; distinct: number }>(
    await r.deps.db.execute(sql`select count(*)::int as n, count(distinct internet_message_id)::int as distinct from queue_items where mailbox_id = ${mailboxId}`),
  )[0]!;
}

describe('a function mailbox through Graph delta', () => {
  it('reads the inbox in pages of 100 with immutable ids, one request a page', async () => {
    arrive(1, 250);
    const before = deltaRequests();
    expect(await sync()).toMatchObject({ added: 250, pages: 3 });
    expect(deltaRequests() - before).toBe(3);
    expect(await stored()).toEqual({ n: 250, distinct: 250 });
    const asked = graph.graph.requests.filter((q) => q.path.endsWith('/messages/delta'));
    expect(asked.every((q) => /IdType="ImmutableId"/u.test(q.prefer ?? '') && /odata\.maxpagesize=100/u.test(q.prefer ?? ''))).toBe(true);
  });

  it('then asks only for what arrived since, with the delta link', async () => {
    arrive(251, 5);
    const before = deltaRequests();
    expect(await sync()).toMatchObject({ added: 5, pages: 1 });
    expect(deltaRequests() - before).toBe(1);
    expect(await sync()).toMatchObject({ added: 0, known: 0 });
  });

  it('reads the mailbox again when Graph has lost the sync state (410), adding no duplicates', async () => {
    graph.graph.mailboxes.expireSyncState(ADDRESS);
    arrive(256, 2);
    expect(await sync()).toMatchObject({ resynced: true, added: 2, known: 255 });
    expect(await stored()).toEqual({ n: 257, distinct: 257 });
  });

  it('waits as Graph asks when throttled (429, Retry-After), and then goes on', async () => {
    arrive(258, 1);
    graph.graph.faults.add({ match: /\/messages\/delta$/u, status: 429, retryAfter: '1' });
    expect(await sync()).toMatchObject({ added: 1 });
  });

  it('keeps its place and reports the fault when Graph stays down, losing nothing', async () => {
    arrive(259, 1);
    graph.graph.faults.add({ match: /\/messages\/delta$/u, status: 503, times: 100 });
    await expect(sync()).rejects.toMatchObject({ code: 'unavailable' });
    graph.graph.faults.clear();
    expect(await sync()).toMatchObject({ added: 1 });
    expect(await stored()).toEqual({ n: 259, distinct: 259 });
  });
});

describe('a function mailbox message registered from its queue, through Graph', () => {
  it('is read as Diarium, then carries its document number as a category and lies in the handled folder, under the same id', async () => {
    const [delivered] = graph.graph.mailboxes.addMessages(ADDRESS, [
      {
        subject: 'Ansökan om bygglov för carport, Ekby 7:3',
        from: { name: 'Per Holm', address: 'per.holm@example.se' },
        text: 'Hej, här kommer min ansökan om bygglov för en carport.',
        receivedDateTime: new Date().toISOString(),
      },
    ]);
    await sync();
    await r.deps.db.execute(sql`update function_mailboxes set handled_folder = 'Diarieförda' where id = ${mailboxId}`);
    const [item] = rowsOf<{ id: string; version: number }>(
      await r.deps.db.execute(sql`select id, version from queue_items where mailbox_id = ${mailboxId} and internet_message_id = ${delivered!.internetMessageId}`),
    );
    const deps = { ...r.deps, maxUploadBytes: 1024 * 1024, mailSource: source() };
    const { value } = await registerQueueItem(deps, r.registrar, item!.id, item!.version, {
      target: { newCase: { diary: 'BN', title: 'Bygglov för carport, Ekby 7:3' } },
      direction: 'incoming',
      title: 'Ansökan om bygglov för carport',
      attachments: [],
      alsoInOtherCase: false,
    });
    expect(value.item.status).toBe('registered');

    await markQueueItem(r.deps, source(), item!.id);
    const box = graph.graph.mailboxes.find(ADDRESS)!;
    const message = graph.graph.mailboxes.message(box, delivered!.immutableId)!;
    expect(message.categories).toEqual([`Diarieförd ${value.document.documentNumber}`]);
    expect(graph.graph.mailboxes.folderOf(box, message.folder).displayName).toBe('Diarieförda');
    // Marking again (a retried job) changes nothing.
    await markQueueItem(r.deps, source(), item!.id);
    expect(graph.graph.mailboxes.message(box, delivered!.immutableId)!.categories).toEqual([`Diarieförd ${value.document.documentNumber}`]);
  });
});
