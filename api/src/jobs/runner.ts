import type { Logger } from 'pino';
import type { Queryable } from '../store/database.ts';
import { claimDueJobs, completeJob, enqueueJob, failJob, releaseJob, retryJob, type ClaimedJob } from './queue.ts';

/** How a kind of job is retried: exponential backoff from `baseMs` up to `maxMs` between tries. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** Give up after this many tries… */
  maxAttempts?: number;
  /** …or once this long has passed since the job was enqueued, whichever comes first. */
  giveUpAfterMs?: number;
}

export interface JobHandler {
  policy: RetryPolicy;
  /** Does the work; a throw is a failed try. Must be safe to run again: a lease can run out mid-run. */
  run(payload: unknown, job: ClaimedJob): Promise<void>;
  /** Work that recurs (a mailbox's sync): once done, the same job is due again this much later. */
  repeatEveryMs?: number;
  /** Called once when the job is given up, to make the failure visible where users look. */
  onFailed?(payload: unknown, error: string): Promise<void>;
}

/** A try that did not fail but must wait (a sent mail not in Sent Items yet): retried, not logged as an error. */
export class NotYet extends Error {
  override readonly name = 'NotYet';
}

export interface JobRunnerOptions {
  db: Queryable;
  now: () => Date;
  handlers: Record<string, JobHandler>;
  logger: Logger;
  /** How long a claim holds before another runner may take the job up again. */
  leaseMs?: number;
  batchSize?: number;
}

export interface JobRunner {
  /** Claims and runs the jobs that are due now; resolves with how many ran. */
  runDue(): Promise<number>;
  /** Runs due jobs every `intervalMs` until stopped. */
  start(intervalMs: number): void;
  /** Stops polling, lets the job under way finish, and hands back the claimed jobs not yet started. */
  stop(): Promise<void>;
}

/** The delay before try number `attempts + 1`. */
export function backoff(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, now, handlers, logger } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let stopping = false;

  async function runOne(job: ClaimedJob): Promise<void> {
    // Claimed by kind, so there is one.
    const handler = handlers[job.kind]!;
    try {
      await handler.run(job.payload, job);
      const at = now();
      await completeJob(db, job, at);
      if (handler.repeatEveryMs !== undefined) {
        const again = { kind: job.kind, payload: job.payload as Record<string, unknown>, runAt: new Date(at.getTime() + handler.repeatEveryMs) };
        await enqueueJob(db, job.key ? { ...again, key: job.key } : again, at);
      }
    } catch (error) {
      // Only the error's name and message: messages here come from our own code and never hold mail content.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const at = now();
      const delay = backoff(handler.policy, job.attempts);
      const expired =
        (handler.policy.maxAttempts !== undefined && job.attempts >= handler.policy.maxAttempts) ||
        (handler.policy.giveUpAfterMs !== undefined && at.getTime() + delay - job.createdAt.getTime() > handler.policy.giveUpAfterMs);
      if (expired) {
        await failJob(db, job, at, reason);
        logger.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, reason }, 'job failed for good');
        await handler.onFailed?.(job.payload, reason).catch((err: unknown) => logger.error({ err, jobId: job.id }, 'job failure could not be recorded'));
      } else {
        await retryJob(db, job, new Date(at.getTime() + delay), reason);
        if (!(error instanceof NotYet)) logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, reason }, 'job failed, will retry');
      }
    }
  }

  async function runDue(): Promise<number> {
    const at = now();
    const claimedJobs = await claimDueJobs(db, at, new Date(at.getTime() + leaseMs), options.batchSize ?? 10, Object.keys(handlers));
    let ran = 0;
    for (const job of claimedJobs) {
      // Stopping: what was claimed but not started goes back at once, not when the lease runs out.
      if (stopping) await releaseJob(db, job);
      else {
        await runOne(job);
        ran++;
      }
    }
    return ran;
  }

  const tick = () => {
    if (running) return;
    running = runDue()
      .catch((err: unknown) => {
        logger.warn({ err }, 'job runner could not claim jobs');
        return 0;
      })
      .finally(() => {
        running = null;
      });
  };

  return {
    runDue,
    start(intervalMs) {
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}
