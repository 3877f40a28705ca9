import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../store/database.ts';
import { jobs } from '../store/schema.ts';

// The job table: enqueue inside the caller's transaction (so a job exists exactly when what
// asked for it was committed), claim with a lease, and settle only with the claim in hand.

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /** Enqueuing again while a job with the same kind and key is pending adds nothing. */
  key?: string;
}

export async function enqueueJob(db: Queryable, job: NewJob, now: Date): Promise<void> {
  await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key ?? null, payload: job.payload, runAt: job.runAt, createdAt: now })
    .onConflictDoNothing();
}

/**
 * Runs a pending job now instead of at its time (a new mailbox's subscription need not wait for
 * the hourly round). Nothing happens when no such job is pending, as when that work is not done here.
 */
export async function bringJobForward(db: Queryable, kind: string, key: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ runAt: now })
    .where(and(eq(jobs.kind, kind), eq(jobs.key, key), eq(jobs.status, 'pending'), sql`${jobs.runAt} > ${now.toISOString()}::timestamptz`));
}

/** Drops the pending jobs of a kind: the demo's seeded history is not news to tell anyone. */
export async function dropPendingJobs(db: Queryable, kind: string): Promise<void> {
  await db.delete(jobs).where(and(eq(jobs.kind, kind), eq(jobs.status, 'pending')));
}

/** A job taken by one runner: `attempts` counts this run, and proves the claim when settling. */
export interface ClaimedJob {
  id: number;
  kind: string;
  key: string | null;
  payload: unknown;
  attempts: number;
  createdAt: Date;
}

/**
 * Takes up to `limit` due jobs of the given kinds for this runner until `leaseUntil`, oldest
 * first. SKIP LOCKED lets runners in other processes take other jobs at the same moment instead
 * of waiting; a job whose lease ran out (its runner died) is due again. A runner takes only kinds
 * it can run, so processes with different work can share the table.
 */
export async function claimDueJobs(db: Queryable, now: Date, leaseUntil: Date, limit: number, kinds: readonly string[]): Promise<ClaimedJob[]> {
  if (kinds.length === 0) return [];
  const result = await db.execute(sql`
    update jobs set attempts = attempts + 1, locked_until = ${leaseUntil.toISOString()}::timestamptz
    where id in (
      select id from jobs
      where status = 'pending' and run_at <= ${now.toISOString()}::timestamptz
        and (locked_until is null or locked_until <= ${now.toISOString()}::timestamptz)
        and kind in (${sql.join(kinds.map((kind) => sql`${kind}`), sql`, `)})
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, kind, key, payload, attempts, created_at, run_at`);
  // UPDATE … RETURNING gives rows in the table's order, not the subquery's.
  return rowsOf<{ id: number | string; kind: string; key: string | null; payload: unknown; attempts: number; created_at: Date | string; run_at: Date | string }>(result)
    .map((r) => ({ id: Number(r.id), kind: r.kind, key: r.key, payload: r.payload, attempts: r.attempts, createdAt: new Date(r.created_at), runAt: new Date(r.run_at) }))
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id)
    .map(({ runAt: _runAt, ...job }) => job);
}

// Each settle applies only while the job is still this claim's: a runner whose lease ran out
// and whose job was taken again cannot overwrite what the newer run decides.
const claimed = (job: ClaimedJob) => and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.status, 'pending'));

export async function completeJob(db: Queryable, job: ClaimedJob, now: Date): Promise<void> {
  await db.update(jobs).set({ status: 'done', finishedAt: now, lockedUntil: null }).where(claimed(job));
}

export async function retryJob(db: Queryable, job: ClaimedJob, runAt: Date, error: string): Promise<void> {
  await db.update(jobs).set({ runAt, lockedUntil: null, lastError: error }).where(claimed(job));
}

/** Gives a claimed job back untried: due again at once, and this claim does not count as a try. */
export async function releaseJob(db: Queryable, job: ClaimedJob): Promise<void> {
  await db.update(jobs).set({ lockedUntil: null, attempts: sql`${jobs.attempts} - 1` }).where(claimed(job));
}

export async function failJob(db: Queryable, job: ClaimedJob, now: Date, error: string): Promise<void> {
  await db.update(jobs).set({ status: 'failed', finishedAt: now, lockedUntil: null, lastError: error }).where(claimed(job));
}
