import { randomUUID } from 'node:crypto';
import { and, eq, isNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBSCRIPTIONS_JOB, SYNC_MAILBOX_JOB, SYNC_MAILBOX_NOW_JOB } from '../jobs/ingest-jobs.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { setSyncState } from '../store/function-mailboxes.ts';
import { events, jobs } from '../store/schema.ts';
import { signedInCaller, startTestServer, type ApiCall, type TestServer } from './test-server.ts';

// The configuration of function mailboxes and their queues through the API: administrators add
// and change them (If-Match), rules are data checked field by field, and each change is recorded.

const NOBODY = '00000000-0000-4000-8000-000000000000';
let s: TestServer;
let call: ApiCall;
const ids: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer();
  ({ call } = await signedInCaller(s, { lars: 'lars.holm@ekby.se', karin: 'karin.lindqvist@ekby.se', sofia: 'sofia.ek@ekby.se' }));
  for (const who of ['lars', 'karin', 'sofia']) ids[who] = (await call('GET', '/api/v1/me', { as: who })).body.id as string;
});
afterAll(() => s.close());

const rule = (name: string, actions: unknown[], conditions: unknown[] = [{ type: 'subjectWords', words: ['bygglov'], match: 'any' }]) => ({
  id: randomUUID(),
  name,
  conditions,
  actions,
});

async function newQueue(name: string, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/v1/admin/queues', { json: { name, ...extra } });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; version: string; members: { name: string }[]; unit: { name: string } | null };
}

describe('the queues, as administrators configure them', () => {
  it('adds a queue with its unit and members, then adds and removes members, each change recorded', async () => {
    const queue = await newQueue('Socialtjänst', { unitId: s.register.unitIds['Socialförvaltningen'], memberIds: [ids['karin']] });
    expect(queue).toMatchObject({ name: 'Socialtjänst', unit: { name: 'Socialförvaltningen' }, members: [{ name: 'Karin Lindqvist' }] });

    const added = await call('PUT', `/api/v1/admin/queues/${queue.id}/members/${ids['sofia']}`);
    expect(added.status).toBe(200);
    expect((added.body.members as { name: string }[]).map((m) => m.name)).toEqual(['Karin Lindqvist', 'Sofia Ek']);
    expect(added.body.version).not.toBe(queue.version);
    const removed = await call('DELETE', `/api/v1/admin/queues/${queue.id}/members/${ids['karin']}`);
    expect((removed.body.members as { name: string }[]).map((m) => m.name)).toEqual(['Sofia Ek']);
    // Sofia now sees the queue in Mitt arbete.
    expect(((await call('GET', '/api/v1/queues', { as: 'sofia' })).body.items as { name: string }[]).map((q) => q.name)).toEqual(['Socialtjänst']);

    const history = await s.register.deps.db
      .select({ action: events.action, actorId: events.actorId })
      .from(events)
      .where(and(isNull(events.caseId), like(events.action, 'queue.%')));
    expect(history.map((e) => e.action)).toEqual(['queue.created', 'queue.member_added', 'queue.member_removed']);
    expect(new Set(history.map((e) => e.actorId))).toEqual(new Set([ids['lars']]));
  });

  it('refuses a second queue of the same name, whatever the case of its letters, naming the field', async () => {
    await newQueue('Miljö');
    const res = await call('POST', '/api/v1/admin/queues', { json: { name: 'miljö' } });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ field: 'name', message: 'Det finns redan en kö med det namnet.' }]);
  });

  it('renames a queue with If-Match, and refuses a stale version', async () => {
    const queue = await newQueue('Kultur');
    const renamed = await call('PATCH', `/api/v1/admin/queues/${queue.id}`, { json: { name: 'Kultur och fritid' }, headers: { 'if-match': `"${queue.version}"` } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Kultur och fritid');
    expect(renamed.headers.get('etag')).toBe(`"${renamed.body.version}"`);
    const stale = await call('PATCH', `/api/v1/admin/queues/${queue.id}`, { json: { name: 'Kultur' }, headers: { 'if-match': `"${queue.version}"` } });
    expect(stale.status).toBe(412);
    const missing = await call('PATCH', `/api/v1/admin/queues/${queue.id}`, { json: { name: 'Kultur' } });
    expect(missing.status).toBe(428);
  });
});

describe('the function mailboxes, as administrators configure them', () => {
  it('adds a mailbox with its routing rules, shows its sync state, and has it synced and subscribed to at once', async () => {
    // The hourly round that keeps Graph subscriptions, next due in an hour.
    const { db } = s.register.deps;
    const inAnHour = new Date(s.register.deps.now().getTime() + 3_600_000);
    await enqueueJob(db, { kind: SUBSCRIPTIONS_JOB, key: 'all', payload: {}, runAt: inAnHour }, s.register.deps.now());
    const registry = await newQueue('Registraturen');
    const permits = await newQueue('Bygglov', { unitId: s.register.unitIds['Stadsbyggnadskontoret'] });
    const res = await call('POST', '/api/v1/admin/function-mailboxes', {
      json: {
        address: ' Kommunen@Ekby.se ',
        displayName: 'Ekby kommun',
        unitId: s.register.unitIds['Kommunledningskontoret'],
        defaultDiaryId: s.register.diaryIds['KS'],
        defaultQueueId: registry.id,
        deadlineWorkingDays: 3,
        handledFolder: 'Hanterat',
        rules: [rule('Bygglov till Stadsbyggnadskontoret', [{ type: 'queue', queueId: permits.id }]), rule('Nyhetsbrev', [{ type: 'flagUnimportant' }], [{ type: 'bulk' }])],
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
    expect(res.body).toMatchObject({
      address: 'kommunen@ekby.se',
      unit: { name: 'Kommunledningskontoret' },
      defaultDiary: { prefix: 'KS' },
      defaultQueue: { id: registry.id, name: 'Registraturen' },
      deadlineWorkingDays: 3,
      handledFolder: 'Hanterat',
      sync: { syncedAt: null, error: null },
    });
    expect((res.body.rules as { name: string; enabled: boolean; stopProcessing: boolean }[]).map((r) => [r.name, r.enabled, r.stopProcessing])).toEqual([
      ['Bygglov till Stadsbyggnadskontoret', true, true],
      ['Nyhetsbrev', true, true],
    ]);
    const sync = await s.register.deps.db.select().from(jobs).where(and(eq(jobs.kind, SYNC_MAILBOX_JOB), eq(jobs.key, res.body.id as string)));
    expect(sync).toHaveLength(1);
    const [round] = await db.select().from(jobs).where(and(eq(jobs.kind, SUBSCRIPTIONS_JOB), eq(jobs.status, 'pending')));
    expect(round!.runAt.getTime()).toBeLessThan(inAnHour.getTime());
    expect(round!.runAt.getTime()).toBeLessThanOrEqual(s.register.deps.now().getTime());

    await setSyncState(s.register.deps.db, res.body.id as string, { syncedAt: new Date('2026-11-23T08:00:00Z'), error: 'GraphError: 503' });
    const [listed] = (await call('GET', '/api/v1/admin/function-mailboxes')).body.items as { address: string; sync: unknown }[];
    expect(listed).toMatchObject({ address: 'kommunen@ekby.se', sync: { syncedAt: '2026-11-23T08:00:00.000Z', error: 'GraphError: 503' } });
  });

  it('refuses a second mailbox with the same address in the organisation, naming the field', async () => {
    const queue = await newQueue('Kommunen igen');
    const res = await call('POST', '/api/v1/admin/function-mailboxes', { json: { address: 'KOMMUNEN@ekby.se', displayName: 'Dubblett', defaultQueueId: queue.id } });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ field: 'address', message: 'Det finns redan en funktionsbrevlåda med den adressen.' }]);
  });

  it('names each invalid rule field by its path, and each unknown queue, user, unit or diary, and stores nothing', async () => {
    const queue = await newQueue('Valideringen');
    const invalid = await call('POST', '/api/v1/admin/function-mailboxes', {
      json: {
        address: 'fel@ekby.se',
        displayName: 'Fel',
        defaultQueueId: queue.id,
        rules: [
          rule('Ok', [{ type: 'flagUnimportant' }]),
          rule('Dålig avsändare', [{ type: 'suggestCase' }], [{ type: 'senderDomain', domain: 'inte en domän' }]),
          { ...rule('Okänd åtgärd', [{ type: 'delete' }]), pattern: '.*' },
        ],
      },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['rules.1.conditions.0.domain', 'rules.2.actions.0.type', 'rules.2.pattern']);

    const unknown = await call('POST', '/api/v1/admin/function-mailboxes', {
      json: {
        address: 'fel@ekby.se',
        displayName: 'Fel',
        unitId: NOBODY,
        defaultDiaryId: NOBODY,
        defaultQueueId: queue.id,
        rules: [rule('Ok', [{ type: 'flagUnimportant' }]), rule('Till okänd', [{ type: 'queue', queueId: NOBODY }, { type: 'assign', userId: NOBODY }])],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { field: 'unitId', message: 'Enheten finns inte i organisationen.' },
      { field: 'defaultDiaryId', message: 'Diariet finns inte i organisationen.' },
      { field: 'rules.1.actions.0.queueId', message: 'Kön finns inte i organisationen.' },
      { field: 'rules.1.actions.1.userId', message: 'Användaren finns inte i organisationen.' },
    ]);
    const addresses = ((await call('GET', '/api/v1/admin/function-mailboxes')).body.items as { address: string }[]).map((m) => m.address);
    expect(addresses).not.toContain('fel@ekby.se');
  });

  it('changes the rules with If-Match, records before and after, and refuses a stale version', async () => {
    const queue = await newQueue('Överförmyndaren');
    const created = (
      await call('POST', '/api/v1/admin/function-mailboxes', {
        json: { address: 'overformyndaren@ekby.se', displayName: 'Överförmyndaren', defaultQueueId: queue.id, rules: [rule('Nyhetsbrev', [{ type: 'flagUnimportant' }], [{ type: 'bulk' }])] },
      })
    ).body as { id: string; version: string; rules: { id: string; name: string }[] };
    const second = rule('Karin tar Sjövik', [{ type: 'assign', userId: ids['karin'] }], [{ type: 'senderAddress', address: 'per@example.se' }]);
    const updated = await call('PATCH', `/api/v1/admin/function-mailboxes/${created.id}`, {
      json: { rules: [second, created.rules[0]], deadlineWorkingDays: 5 },
      headers: { 'if-match': `"${created.version}"` },
    });
    expect(updated.status).toBe(200);
    expect((updated.body.rules as { name: string }[]).map((r) => r.name)).toEqual(['Karin tar Sjövik', 'Nyhetsbrev']);
    expect(updated.body.assignees).toEqual([{ id: ids['karin'], name: 'Karin Lindqvist', email: 'karin.lindqvist@ekby.se' }]);
    expect(updated.body.deadlineWorkingDays).toBe(5);
    expect(updated.body.version).not.toBe(created.version);

    const stale = await call('PATCH', `/api/v1/admin/function-mailboxes/${created.id}`, { json: { deadlineWorkingDays: 1 }, headers: { 'if-match': `"${created.version}"` } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('GET', `/api/v1/admin/function-mailboxes/${created.id}`)).body.deadlineWorkingDays).toBe(5);

    const [recorded] = await s.register.deps.db
      .select({ before: events.before, after: events.after })
      .from(events)
      .where(eq(events.action, 'function_mailbox.updated'));
    expect(recorded!.before).toMatchObject({ mailbox: created.id, deadlineWorkingDays: 2 });
    expect(recorded!.after).toMatchObject({ mailbox: created.id, deadlineWorkingDays: 5 });
    expect((recorded!.after as { rules: { name: string }[] }).rules.map((r) => r.name)).toEqual(['Karin tar Sjövik', 'Nyhetsbrev']);
  });

  it('pauses a mailbox and resumes it, which has it synced and subscribed to at once', async () => {
    const queue = await newQueue('Färdtjänst');
    const created = (await call('POST', '/api/v1/admin/function-mailboxes', { json: { address: 'fardtjanst@ekby.se', displayName: 'Färdtjänst', defaultQueueId: queue.id } })).body as {
      id: string;
      version: string;
      active: boolean;
    };
    expect(created.active).toBe(true);
    const paused = await call('PATCH', `/api/v1/admin/function-mailboxes/${created.id}`, { json: { active: false }, headers: { 'if-match': `"${created.version}"` } });
    expect(paused.status).toBe(200);
    expect(paused.body.active).toBe(false);
    expect(paused.body.version).not.toBe(created.version);
    const { db } = s.register.deps;
    const syncNow = () => db.select().from(jobs).where(and(eq(jobs.kind, SYNC_MAILBOX_NOW_JOB), eq(jobs.key, created.id), eq(jobs.status, 'pending')));
    expect(await syncNow()).toHaveLength(0);

    const resumed = await call('PATCH', `/api/v1/admin/function-mailboxes/${created.id}`, { json: { active: true }, headers: { 'if-match': `"${paused.body.version}"` } });
    expect(resumed.body.active).toBe(true);
    expect(await syncNow()).toHaveLength(1);
    const recorded = await db.select({ after: events.after }).from(events).where(eq(events.action, 'function_mailbox.updated'));
    expect(recorded.map((e) => e.after)).toEqual(expect.arrayContaining([{ mailbox: created.id, active: false }, { mailbox: created.id, active: true }]));
  });

  it('removes a queue no mailbox uses with If-Match, and keeps one a mailbox sends to, saying which and what to do', async () => {
    const spare = await newQueue('Tillfällig', { memberIds: [ids['karin']] });
    const stale = await call('DELETE', `/api/v1/admin/queues/${spare.id}`, { headers: { 'if-match': '"0000000000000000"' } });
    expect(stale.status).toBe(412);
    const removed = await call('DELETE', `/api/v1/admin/queues/${spare.id}`, { headers: { 'if-match': `"${spare.version}"` } });
    expect(removed.status).toBe(204);
    const names = ((await call('GET', '/api/v1/admin/queues')).body.items as { name: string }[]).map((q) => q.name);
    expect(names).not.toContain('Tillfällig');
    const [recorded] = await s.register.deps.db.select({ before: events.before, after: events.after }).from(events).where(eq(events.action, 'queue.deleted'));
    expect(recorded).toEqual({ before: { queue: spare.id, name: 'Tillfällig', unitId: null, memberIds: [ids['karin']] }, after: null });

    const queues = (await call('GET', '/api/v1/admin/queues')).body.items as { id: string; name: string; version: string }[];
    const byDefault = queues.find((q) => q.name === 'Registraturen')!;
    const asDefault = await call('DELETE', `/api/v1/admin/queues/${byDefault.id}`, { headers: { 'if-match': `"${byDefault.version}"` } });
    expect(asDefault.status).toBe(409);
    expect(asDefault.headers.get('content-type')).toContain('application/problem+json');
    expect(asDefault.body.errors).toEqual([{ field: 'queue', message: 'Kön är standardkö för Ekby kommun. Välj en annan standardkö där först.' }]);
    const byRule = queues.find((q) => q.name === 'Bygglov')!;
    const inRule = await call('DELETE', `/api/v1/admin/queues/${byRule.id}`, { headers: { 'if-match': `"${byRule.version}"` } });
    expect(inRule.status).toBe(409);
    expect(inRule.body.errors).toEqual([{ field: 'queue', message: 'En regel i Ekby kommun lägger meddelanden i kön. Ändra regeln först.' }]);
    const asKarin = await call('DELETE', `/api/v1/admin/queues/${byRule.id}`, { as: 'karin', headers: { 'if-match': `"${byRule.version}"` } });
    expect(asKarin.status).toBe(403);
  });

  it('keeps the address: a different address is a different mailbox', async () => {
    const [mailbox] = (await call('GET', '/api/v1/admin/function-mailboxes')).body.items as { id: string; version: string }[];
    const res = await call('PATCH', `/api/v1/admin/function-mailboxes/${mailbox!.id}`, { json: { address: 'annan@ekby.se' }, headers: { 'if-match': `"${mailbox!.version}"` } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'address' })]);
  });

  it('refuses those who are not administrators, registrars included, reads too', async () => {
    const [mailbox] = (await call('GET', '/api/v1/admin/function-mailboxes')).body.items as { id: string; version: string; defaultQueue: { id: string } }[];
    for (const who of ['karin', 'sofia']) {
      expect((await call('GET', '/api/v1/admin/function-mailboxes', { as: who })).status).toBe(403);
      expect((await call('GET', '/api/v1/admin/queues', { as: who })).status).toBe(403);
      const change = await call('PATCH', `/api/v1/admin/function-mailboxes/${mailbox!.id}`, { as: who, json: { deadlineWorkingDays: 9 }, headers: { 'if-match': `"${mailbox!.version}"` } });
      expect(change.status).toBe(403);
      expect(change.body.detail).toBe('Bara administratörer kan ändra funktionsbrevlådor och köer.');
      expect((await call('PUT', `/api/v1/admin/queues/${mailbox!.defaultQueue.id}/members/${ids[who]}`, { as: who })).status).toBe(403);
    }
    expect((await call('GET', `/api/v1/admin/function-mailboxes/${mailbox!.id}`)).body.deadlineWorkingDays).not.toBe(9);
  });
});
