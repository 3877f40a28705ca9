import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type DatabaseHandle } from '../store/database.ts';
import { openTestDatabase } from '../store/test-database.ts';
import { claimDueJobs, completeJob, enqueueJob } from './queue.ts';
import { backoff, createJobRunner, NotYet, type JobHandler } from './runner.ts';

const T0 = new Date('2026-11-23T08:00:00Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await handle.db.execute(sql`delete from jobs`);
});

const silent = pino({ level: 'silent' });

function runner(now: Date, handlers: Record<string, JobHandler>) {
  return createJobRunner({ db: handle.db, now: () => now, handlers, logger: silent, leaseMs: 5 * MINUTE });
}

async function table() {
  return rowsOf<{ kind: string; status: string; attempts: number; last_error: string | null; run_at: Date | string }>(
    await handle.db.execute(sql`select kind, status, attempts, last_error, run_at from jobs order by id`),
  ).map((r) => ({ ...r, run_at: new Date(r.run_at).toISOString() }));
}

const policy = { baseMs: MINUTE, maxMs: 60 * MINUTE, maxAttempts: 3 };

describe('background jobs', () => {
  it('runs a job when it is due, not before, and records it done', async () => {
    const seen: unknown[] = [];
    const handlers = { greet: { policy, run: async (payload: unknown) => void seen.push(payload) } };
    await enqueueJob(handle.db, { kind: 'greet', payload: { to: 'Karin' }, runAt: at(MINUTE) }, T0);

    expect(await runner(T0, handlers).runDue()).toBe(0);
    expect(await runner(at(MINUTE), handlers).runDue()).toBe(1);
    expect(await runner(at(2 * MINUTE), handlers).runDue()).toBe(0);

    expect(seen).toEqual([{ to: 'Karin' }]);
    expect(await table()).toEqual([expect.objectContaining({ status: 'done', attempts: 1, last_error: null })]);
  });

  it('retries a failing job with growing waits, keeping the error visible, and fails it for good after the last try', async () => {
    const failures: string[] = [];
    const handlers = {
      flaky: {
        policy,
        run: async () => {
          throw new Error('Graph set categories: 503 ServiceNotAvailable');
        },
        onFailed: async (_payload: unknown, error: string) => void failures.push(error),
      },
    };
    await enqueueJob(handle.db, { kind: 'flaky', payload: {}, runAt: T0 }, T0);

    await runner(T0, handlers).runDue();
    expect(await table()).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 1, last_error: 'Error: Graph set categories: 503 ServiceNotAvailable', run_at: at(MINUTE).toISOString() }),
    ]);
    await runner(at(MINUTE), handlers).runDue();
    expect((await table())[0]).toMatchObject({ status: 'pending', attempts: 2, run_at: at(3 * MINUTE).toISOString() });
    await runner(at(3 * MINUTE), handlers).runDue();

    expect((await table())[0]).toMatchObject({ status: 'failed', attempts: 3, last_error: 'Error: Graph set categories: 503 ServiceNotAvailable' });
    expect(failures).toEqual(['Error: Graph set categories: 503 ServiceNotAvailable']);
    expect(await runner(at(24 * 60 * MINUTE), handlers).runDue()).toBe(0);
  });

  it('gives up a job that keeps waiting once its time is out', async () => {
    const handlers = {
      outgoing: {
        policy: { baseMs: MINUTE, maxMs: 60 * MINUTE, giveUpAfterMs: 24 * 60 * MINUTE },
        run: async () => {
          throw new NotYet('not sent yet');
        },
      },
    };
    await enqueueJob(handle.db, { kind: 'outgoing', payload: {}, runAt: T0 }, T0);
    await runner(at(10 * 60 * MINUTE), handlers).runDue();
    expect((await table())[0]).toMatchObject({ status: 'pending', last_error: 'NotYet: not sent yet' });
    await runner(at(24 * 60 * MINUTE), handlers).runDue();
    expect((await table())[0]).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('lets two runners at once take a job only once', async () => {
    let runs = 0;
    const handlers = {
      slow: {
        policy,
        run: async () => {
          runs += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        },
      },
    };
    for (let i = 0; i < 5; i++) await enqueueJob(handle.db, { kind: 'slow', payload: { i }, runAt: T0 }, T0);

    const counts = await Promise.all([runner(T0, handlers).runDue(), runner(T0, handlers).runDue(), runner(T0, handlers).runDue()]);

    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(runs).toBe(5);
    expect((await table()).every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  });

  it('takes up a job again when the runner that claimed it died, and the dead claim cannot settle it', async () => {
    const handlers = { work: { policy, run: async () => undefined } };
    await enqueueJob(handle.db, { kind: 'work', payload: {}, runAt: T0 }, T0);
    const [lost] = await claimDueJobs(handle.db, T0, at(5 * MINUTE), 10, ['work']);
    expect(lost).toBeDefined();

    expect(await runner(at(MINUTE), handlers).runDue()).toBe(0);
    expect(await runner(at(6 * MINUTE), handlers).runDue()).toBe(1);
    await completeJob(handle.db, lost!, at(7 * MINUTE));

    expect(await table()).toEqual([expect.objectContaining({ status: 'done', attempts: 2 })]);
  });

  it('adds a keyed job once while it is pending', async () => {
    await enqueueJob(handle.db, { kind: 'mark', key: 'mail-1', payload: {}, runAt: T0 }, T0);
    await enqueueJob(handle.db, { kind: 'mark', key: 'mail-1', payload: {}, runAt: T0 }, T0);
    expect(await table()).toHaveLength(1);
    await runner(T0, { mark: { policy, run: async () => undefined } }).runDue();
    await enqueueJob(handle.db, { kind: 'mark', key: 'mail-1', payload: {}, runAt: T0 }, T0);
    expect((await table()).map((j) => j.status)).toEqual(['done', 'pending']);
  });

  it('waits twice as long after each failed try, up to the most', () => {
    expect([1, 2, 3, 4, 7, 12].map((n) => backoff(policy, n) / MINUTE)).toEqual([1, 2, 4, 8, 60, 60]);
  });

  it('finishes the job under way when stopped', async () => {
    let finished = false;
    await enqueueJob(handle.db, { kind: 'long', payload: {}, runAt: T0 }, T0);
    const r = runner(T0, {
      long: {
        policy,
        run: async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          finished = true;
        },
      },
    });
    r.start(10);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await r.stop();
    expect(finished).toBe(true);
    expect((await table())[0]).toMatchObject({ status: 'done' });
  });
});

describe('recurring work', () => {
  it('is due again its interval after it was done, once, and a failed try is retried as any other', async () => {
    let runs = 0;
    const handlers = { sync: { policy, repeatEveryMs: 5 * MINUTE, run: async () => void runs++ } };
    await enqueueJob(handle.db, { kind: 'sync', key: 'mailbox-1', payload: { mailboxId: 'm1' }, runAt: T0 }, T0);
    expect(await runner(T0, handlers).runDue()).toBe(1);
    expect(await runner(at(4 * MINUTE), handlers).runDue()).toBe(0);
    expect(await runner(at(5 * MINUTE), handlers).runDue()).toBe(1);
    expect(runs).toBe(2);
    expect((await table()).map((j) => [j.status, j.run_at])).toEqual([
      ['done', T0.toISOString()],
      ['done', at(5 * MINUTE).toISOString()],
      ['pending', at(10 * MINUTE).toISOString()],
    ]);
  });
});

describe('runners with different work', () => {
  it('take only the kinds of job they can run, and leave the others waiting for a runner that can', async () => {
    const seen: string[] = [];
    await enqueueJob(handle.db, { kind: 'mail', payload: {}, runAt: T0 }, T0);
    await enqueueJob(handle.db, { kind: 'notice', payload: {}, runAt: T0 }, T0);
    expect(await runner(T0, { notice: { policy, run: async () => void seen.push('notice') } }).runDue()).toBe(1);
    expect(seen).toEqual(['notice']);
    expect((await table()).map((j) => [j.kind, j.status, j.attempts])).toEqual([
      ['mail', 'pending', 0],
      ['notice', 'done', 1],
    ]);
  });
});

describe('stopping a job runner', () => {
  it('lets the job under way finish and gives the claimed rest back at once, none run twice', async () => {
    const ran: string[] = [];
    let release!: () => void;
    const firstBlocks = new Promise<void>((resolve) => (release = resolve));
    const handlers = {
      notice: {
        policy,
        run: async (payload: unknown) => {
          const name = (payload as { to: string }).to;
          if (name === 'Karin') await firstBlocks;
          ran.push(name);
        },
      },
    };
    for (const [i, to] of ['Karin', 'Johan', 'Amira'].entries()) {
      await enqueueJob(handle.db, { kind: 'notice', payload: { to }, runAt: at(i) }, T0);
    }
    const first = runner(at(MINUTE), handlers);
    const running = first.runDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = first.stop();
    release();
    expect(await running).toBe(1);
    await stopped;
    expect(ran).toEqual(['Karin']);
    // The others are due again now, not after the lease, and their untried claim did not count.
    expect((await table()).map((j) => [j.status, j.attempts])).toEqual([
      ['done', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(await runner(at(MINUTE), handlers).runDue()).toBe(2);
    expect(ran).toEqual(['Karin', 'Johan', 'Amira']);
  });
});
