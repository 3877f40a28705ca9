import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../dev/graph/test-graph.ts';
import { graphMailSource } from '../ingest/graph-mail-source.ts';
import { ensureSubscription } from '../ingest/subscriptions.ts';
import { ingestJobHandlers, requestMailboxSync, requestSubscriptionRenewal, scheduleSubscriptions, subscriptionJobHandlers } from '../jobs/ingest-jobs.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { rowsOf } from '../store/database.ts';
import { findFunctionMailbox, insertFunctionMailbox, insertQueue } from '../store/function-mailboxes.ts';
import { startTestServer, type TestServer } from './test-server.ts';

// Graph tells Diarium that mail arrived: the subscription is made through the emulated Graph
// (whose validation handshake reaches this API), its notifications trigger a sync, and anything
// without the subscription's clientState is refused and logged.

const ADDRESS = 'kommunen@ekby.se';
const PAUSED = 'bygglov@ekby.se';
let graph: TestGraph;
let s: TestServer;
const logs: string[] = [];
let mailboxId: string;
let urls: { notificationUrl: string; lifecycleNotificationUrl: string };

beforeAll(async () => {
  graph = startTestGraph();
  graph.graph.mailboxes.addMailbox({ address: ADDRESS, displayName: 'Ekby kommun', kind: 'shared' });
  s = await startTestServer({ logs });
  graph.allow(s.url);
  urls = { notificationUrl: `${s.url}/api/v1/graph/notifications`, lifecycleNotificationUrl: `${s.url}/api/v1/graph/lifecycle` };
  const queueId = await insertQueue(s.register.deps.db, { orgId: s.register.orgId, name: 'Registraturen' });
  mailboxId = await insertFunctionMailbox(s.register.deps.db, { orgId: s.register.orgId, address: ADDRESS, displayName: 'Ekby kommun', defaultQueueId: queueId, updatedAt: new Date() });
});
afterAll(async () => {
  await s.close();
  graph.close();
});
beforeEach(async () => {
  await s.register.deps.db.execute(sql`delete from jobs`);
});

const logger = pino({ level: 'silent' });
const runner = () =>
  createJobRunner({
    db: s.register.deps.db,
    now: () => new Date(),
    logger,
    handlers: {
      ...ingestJobHandlers(s.register.deps, { source: graphMailSource(() => graph.access.asApp()), logger, syncEveryMs: 3_600_000 }),
      ...subscriptionJobHandlers(s.register.deps, { graph: () => graph.access.asApp(), urls, logger }),
    },
  });

async function pendingJobs() {
  return rowsOf<{ kind: string }>(await s.register.deps.db.execute(sql`select kind from jobs where status = 'pending' order by id`)).map((j) => j.kind);
}
async function subscription() {
  return rowsOf<{ id: string; client_state: string; expires_at: Date | string }>(await s.register.deps.db.execute(sql`select id, client_state, expires_at from graph_subscriptions`))[0]!;
}
const post = (path: string, body: unknown) => fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('Graph change notifications for the function mailboxes', () => {
  it('answers the validation handshake with the token as plain text', async () => {
    const res = await fetch(`${s.url}/api/v1/graph/notifications?validationToken=${encodeURIComponent('Validation: Testing client application reachability for subscription Request-Id: 1')}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe('Validation: Testing client application reachability for subscription Request-Id: 1');
  });

  it('subscribes to the inbox through Graph, and a new mail reaches the queue by its notification', async () => {
    const mailbox = (await findFunctionMailbox(s.register.deps.db, mailboxId))!;
    expect(await ensureSubscription(s.register.deps, graph.access.asApp(), mailbox, urls)).toBe('created');
    expect(await ensureSubscription(s.register.deps, graph.access.asApp(), mailbox, urls)).toBe('kept');

    graph.graph.mailboxes.addMessages(ADDRESS, [{ subject: 'Medborgarförslag om fler papperskorgar', from: { address: 'lisa@example.se', name: 'Lisa' } }]);
    await graph.graph.subscriptions.settled();
    expect(await pendingJobs()).toEqual(['ingest.sync-mailbox-now']);
    await runner().runDue();
    const items = rowsOf<{ subject: string }>(await s.register.deps.db.execute(sql`select subject from queue_items where mailbox_id = ${mailboxId}`));
    expect(items.map((i) => i.subject)).toEqual(['Medborgarförslag om fler papperskorgar']);
  });

  it('refuses and logs a notification with the wrong clientState, and asks for nothing', async () => {
    const { id } = await subscription();
    const res = await post('/api/v1/graph/notifications', { value: [{ subscriptionId: id, clientState: 'guessed', changeType: 'created', resource: `users/${ADDRESS}/messages/x` }] });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await pendingJobs()).toEqual([]);
    expect(logs.some((line) => line.includes('Graph notification refused'))).toBe(true);
    expect((await post('/api/v1/graph/notifications', { value: 'nonsense' })).status).toBe(400);
  });

  it('syncs after missed notifications, and renews the subscription when Graph asks for reauthorisation', async () => {
    const { id, expires_at } = await subscription();
    graph.graph.subscriptions.emitLifecycle(id, 'missed');
    graph.graph.subscriptions.emitLifecycle(id, 'reauthorizationRequired');
    await graph.graph.subscriptions.settled();
    expect((await pendingJobs()).sort()).toEqual(['ingest.subscription-renew', 'ingest.sync-mailbox-now']);
    await runner().runDue();
    const renewed = await subscription();
    expect(renewed.id).toBe(id);
    expect(new Date(renewed.expires_at).getTime()).toBeGreaterThanOrEqual(new Date(expires_at).getTime());
  });

  it('makes a new subscription when Graph removed the old one', async () => {
    const { id } = await subscription();
    graph.graph.subscriptions.emitLifecycle(id, 'subscriptionRemoved');
    await graph.graph.subscriptions.settled();
    await runner().runDue();
    const now = await subscription();
    expect(now.id).not.toBe(id);
    expect(graph.graph.subscriptions.get(now.id)).toBeTruthy();
  });

  it('leaves a paused mailbox unsubscribed and unread, whatever Graph asks', async () => {
    const { db } = s.register.deps;
    const queueId = await insertQueue(db, { orgId: s.register.orgId, name: 'Bygglov' });
    graph.graph.mailboxes.addMailbox({ address: PAUSED, displayName: 'Bygglov Ekby', kind: 'shared' });
    const paused = await insertFunctionMailbox(db, { orgId: s.register.orgId, address: PAUSED, displayName: 'Bygglov Ekby', defaultQueueId: queueId, active: false, updatedAt: new Date() });
    graph.graph.mailboxes.addMessages(PAUSED, [{ subject: 'Ansökan om bygglov för carport', from: { address: 'per@example.se', name: 'Per' } }]);

    await scheduleSubscriptions(db, new Date());
    await requestSubscriptionRenewal(db, paused, new Date());
    await requestMailboxSync(db, paused, new Date());
    await runner().runDue();
    const subscribed = rowsOf<{ mailbox_id: string }>(await db.execute(sql`select mailbox_id from graph_subscriptions`)).map((r) => r.mailbox_id);
    expect(subscribed).toContain(mailboxId);
    expect(subscribed).not.toContain(paused);
    expect(rowsOf(await db.execute(sql`select id from queue_items where mailbox_id = ${paused}`))).toEqual([]);
  });
});
