import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startApiProcess, tokenFor } from './support/api-process.ts';
import { sleep, waitFor } from './support/mail-folder.ts';
import { createPostgresDatabase } from './support/postgres.ts';
import { startPrivatePostgres } from './support/private-postgres.ts';
import { startTcpProxy } from './support/tcp-proxy.ts';

// PostgreSQL restarting under an API process that is serving light load. The shared server is
// not touched (other test files use it meanwhile): a TCP proxy on loopback stands between the
// one API process and its database, and cuts every connection and refuses new ones for a few
// seconds, as a restart does; and a server of the test's own is stopped and started for real. Requests then fail cleanly and quickly (503 problem+json, never
// a 500 or a hang), /readyz says so, and service comes back by itself in the same process.

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** How long one request may take, whatever the database does: longer counts as a hang. */
const REQUEST_BOUND_MS = 5_000;
const TICK_MS = 100;
const HEALTHY_BEFORE_MS = 2_500;
const OUTAGE_MS = 3_000;
const AFTER_MS = 4_000;
/** Within this long after the database is back, requests succeed again. */
const RECOVERY_BOUND_MS = 3_000;

interface Outcome {
  what: 'search' | 'register' | 'readyz';
  startedAt: number;
  endedAt: number;
  /** The HTTP status, or what went wrong without one. */
  status: number | 'timeout' | 'network';
  contentType: string;
  body: unknown;
}

/** Asks the API, bounded in time, and keeps what came back, or that nothing did. */
function caller(apiUrl: string, token: string) {
  return async (what: Outcome['what'], path: string, init: RequestInit = {}): Promise<Outcome> => {
    const startedAt = Date.now();
    try {
      const res = await fetch(`${apiUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        signal: AbortSignal.timeout(REQUEST_BOUND_MS),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: kept as text for the failure message.
      }
      return { what, startedAt, endedAt: Date.now(), status: res.status, contentType: res.headers.get('content-type') ?? '', body };
    } catch (error) {
      const status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      return { what, startedAt, endedAt: Date.now(), status, contentType: '', body: String(error) };
    }
  };
}

/** Whether a connection other than `watcher`'s is inside a transaction that has written. */
async function transactionUnderWay(watcher: pg.Client, database: string): Promise<boolean> {
  const { rows } = await watcher.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
     where datname = $1 and pid <> pg_backend_pid() and (state like 'idle in transaction%' or backend_xid is not null)`,
    [database],
  );
  return rows[0]!.n > 0;
}

describe('the database restarting under light load', () => {
  it('gives 503 problem+json while it is away, says so on /readyz, and serves again by itself once it is back', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const server = new URL(database.url);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const dataDir = await mkdtemp(join(tmpdir(), 'diarium-db-restart-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    // Serving and running jobs both, so that a job runner meeting the outage is part of it too.
    const api = await startApiProcess({
      DATABASE_URL: viaProxy.toString(),
      DATABASE_POOL_SIZE: '4',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'http://localhost:3000',
      HOST: '127.0.0.1',
      DEMO_CASES: '20',
      MAIL_SOURCE: 'directory',
      JOB_POLL_MS: '200',
      MAILBOX_SYNC_SECONDS: '5',
    });
    cleanups.push(() => api.stop());
    const pid = api.child.pid;
    expect(new URL(api.url).hostname).toBe('127.0.0.1');
    const token = await tokenFor(api.url, 'karin.lindqvist@ekby.se');
    expect(proxy.connections()).toBeGreaterThan(0);

    const call = caller(api.url, token);

    // Watching the server directly, not through the proxy.
    const watcher = new pg.Client({ connectionString: database.url });
    await watcher.connect();
    cleanups.push(() => watcher.end());

    // Light load: every tick a search, a registration and a readiness probe, for a bounded time.
    const outcomes: Outcome[] = [];
    const inFlight: Promise<void>[] = [];
    const start = Date.now();
    let cutAt = 0;
    let restoredAt = 0;
    let cutMidTransaction = false;
    const ticks = Math.ceil((HEALTHY_BEFORE_MS + OUTAGE_MS + AFTER_MS) / TICK_MS);
    const record = (p: Promise<Outcome>) => inFlight.push(p.then((o) => void outcomes.push(o)));
    const register = (n: number | string) =>
      record(call('register', '/api/v1/cases', { method: 'POST', body: JSON.stringify({ diary: 'KS', title: `Skrivelse om gatubelysning ${n}` }) }));
    for (let tick = 0; tick < ticks; tick++) {
      const elapsed = Date.now() - start;
      if (!cutAt && elapsed >= HEALTHY_BEFORE_MS) {
        // Cut in the middle of a registration's transaction (seen from the server's side), so that a
        // connection checked out of the pool goes too, not only idle ones.
        for (let k = 0; k < 8; k++) register(`före avbrottet ${k}`);
        cutMidTransaction = await waitFor('a registration in its transaction', () => transactionUnderWay(watcher, database.name), { withinMs: 2_000, everyMs: 1 }).then(
          () => true,
          () => false,
        );
        proxy.cut();
        cutAt = Date.now();
      }
      if (cutAt && !restoredAt && elapsed >= HEALTHY_BEFORE_MS + OUTAGE_MS) {
        proxy.restore();
        restoredAt = Date.now();
      }
      record(call('search', `/api/v1/cases?q=${encodeURIComponent(tick % 2 ? 'bygglov' : 'skrivelse')}&limit=5`));
      register(tick);
      record(call('readyz', '/readyz'));
      await sleep(TICK_MS);
    }
    await Promise.all(inFlight);
    expect(restoredAt).toBeGreaterThan(cutAt);
    expect(cutMidTransaction).toBe(true);

    const describeOutcome = (o: Outcome) => `${o.what} +${o.startedAt - start}ms→+${o.endedAt - start}ms ${o.status} ${JSON.stringify(o.body).slice(0, 200)}`;
    const api2xx = (o: Outcome) => typeof o.status === 'number' && o.status < 300;

    // Never a 500, a hang or a dropped connection: success, or 503 as problem+json saying the service is unavailable.
    const unclean = outcomes.filter((o) => {
      if (o.what === 'readyz') return !(o.status === 200 || o.status === 503);
      if (api2xx(o)) return false;
      const problem = o.body as { status?: number; code?: string };
      return !(o.status === 503 && o.contentType.startsWith('application/problem+json') && problem.status === 503 && problem.code === 'unavailable');
    });
    expect(unclean.map(describeOutcome)).toEqual([]);
    expect(Math.max(...outcomes.map((o) => o.endedAt - o.startedAt))).toBeLessThan(REQUEST_BOUND_MS);

    // Before the cut, all was well.
    const before = outcomes.filter((o) => o.endedAt < cutAt);
    expect(before.length).toBeGreaterThan(20);
    expect(before.filter((o) => !api2xx(o)).map(describeOutcome)).toEqual([]);

    // While the database was away (asked after the cut, answered before it came back): 503 every time.
    const during = outcomes.filter((o) => o.startedAt > cutAt + 200 && o.endedAt < restoredAt);
    expect(during.length).toBeGreaterThan(30);
    expect(during.filter((o) => o.status !== 503).map(describeOutcome)).toEqual([]);
    expect(during.filter((o) => o.what === 'readyz').every((o) => (o.body as { database?: string }).database === 'failing')).toBe(true);

    // Back by itself: everything asked once the pool has had a moment succeeds, in the same process.
    const after = outcomes.filter((o) => o.startedAt > restoredAt + RECOVERY_BOUND_MS);
    expect(after.length).toBeGreaterThan(15);
    expect(after.filter((o) => !api2xx(o)).map(describeOutcome)).toEqual([]);
    const firstBack = Math.min(...outcomes.filter((o) => o.startedAt >= restoredAt && o.what === 'register' && api2xx(o)).map((o) => o.startedAt));
    expect(firstBack - restoredAt).toBeLessThan(RECOVERY_BOUND_MS);
    expect(api.child.exitCode).toBeNull();
    expect(api.child.pid).toBe(pid);
    expect(api.output()).not.toMatch(/uncaught|unhandled/i);
    await waitFor('/readyz to say ok', async () => (await fetch(`${api.url}/readyz`)).status === 200, { withinMs: 5_000 });

    // The register is whole: every registration answered 201 is there, and KS's numbers have no gap.
    const { rows } = await watcher.query<{ case_number: string; sequence: number; year: number }>(
      `select c.case_number, c.sequence, c.year from cases c join diaries d on d.id = c.diary_id where d.prefix = 'KS' order by c.year, c.sequence`,
    );
    const registered = outcomes.filter((o) => o.what === 'register' && o.status === 201).map((o) => (o.body as { caseNumber: string }).caseNumber);
    const stored = new Set(rows.map((r) => r.case_number));
    expect(registered.filter((n) => !stored.has(n))).toEqual([]);
    for (const year of new Set(rows.map((r) => r.year))) {
      const sequences = rows.filter((r) => r.year === year).map((r) => r.sequence);
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    }

    expect(await api.stop()).toBe(0);
  });
  it('comes back by itself after a real restart of its PostgreSQL server, answering 503 while it was down', async () => {
    const server = await startPrivatePostgres();
    cleanups.push(() => server.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'diarium-db-restart-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const api = await startApiProcess({
      DATABASE_URL: server.url,
      DATABASE_POOL_SIZE: '4',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'http://localhost:3000',
      HOST: '127.0.0.1',
      DEMO_CASES: '5',
      JOB_POLL_MS: '200',
    });
    cleanups.push(() => api.stop());
    const pid = api.child.pid;
    const call = caller(api.url, await tokenFor(api.url, 'karin.lindqvist@ekby.se'));
    const register = (n: number) => call('register', '/api/v1/cases', { method: 'POST', body: JSON.stringify({ diary: 'KS', title: `Skrivelse om parkering ${n}` }) });

    expect((await register(0)).status).toBe(201);
    await server.stop();
    // Down: a registration and the readiness probe say so, quickly and cleanly.
    const down = await Promise.all([register(1), call('readyz', '/readyz')]);
    expect(down.map((o) => o.status)).toEqual([503, 503]);
    expect(down[0]!.contentType).toMatch(/^application\/problem\+json/);
    expect((down[0]!.body as { code: string }).code).toBe('unavailable');
    expect(Math.max(...down.map((o) => o.endedAt - o.startedAt))).toBeLessThan(REQUEST_BOUND_MS);

    await server.start();
    // Up again: the same process serves, with connections of the new server's.
    const back = await waitFor('a registration to succeed again', async () => ((await register(2)).status === 201 ? true : null), { withinMs: 10_000, everyMs: 200 });
    expect(back).toBe(true);
    expect((await call('readyz', '/readyz')).status).toBe(200);
    expect(api.child.pid).toBe(pid);
    expect(api.child.exitCode).toBeNull();
    expect(await api.stop()).toBe(0);
  });
});
