import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import { z } from 'zod';
import { isAppError } from '@diarium/core';
import { SyncStateLost, type MailSource } from '../ingest/mail-source.ts';
import { ensureSubscription, type NotificationUrls } from '../ingest/subscriptions.ts';
import { syncMailbox } from '../ingest/sync-mailbox.ts';
import type { Deps } from '../services/context.ts';
import { giveUpQueueItemMark, MARK_QUEUE_ITEM_JOB, markQueueItem } from '../services/mark-queue-item.ts';
import type { Queryable } from '../store/database.ts';
import { findFunctionMailbox, listFunctionMailboxes, setSyncState } from '../store/function-mailboxes.ts';
import { bringJobForward, enqueueJob } from './queue.ts';
import type { JobHandler } from './runner.ts';

/** Each mailbox's sync, again every MAILBOX_SYNC_SECONDS: the safety net under Graph's notifications. */
export const SYNC_MAILBOX_JOB = 'ingest.sync-mailbox';
/** A sync asked for now (a change notification, a missed one); bursts of them become one. */
export const SYNC_MAILBOX_NOW_JOB = 'ingest.sync-mailbox-now';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const Payload = z.object({ mailboxId: z.uuid() });
const ItemPayload = z.object({ itemId: z.uuid() });

export function ingestJobHandlers(deps: Pick<Deps, 'db' | 'now'>, options: { source: MailSource; logger: Logger; syncEveryMs: number }): Record<string, JobHandler> {
  const run = async (payload: unknown) => {
    const { mailboxId } = Payload.parse(payload);
    try {
      const outcome = await syncMailbox(deps, options.source, mailboxId, { logger: options.logger });
      if (outcome.added > 0 || outcome.resynced) options.logger.info({ mailboxId, ...outcome }, 'function mailbox synced');
    } catch (error) {
      // The mailbox shows why it is behind; the job tries again, backing off, until it works.
      const reason = error instanceof SyncStateLost ? 'sync state lost twice in a row' : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await setSyncState(deps.db, mailboxId, { error: reason.slice(0, 500) });
      throw error;
    }
  };
  // No giving up: a mailbox is synced again until Graph answers, and nothing in it is lost meanwhile.
  const policy = { baseMs: 30_000, maxMs: 15 * MINUTE };
  return {
    [SYNC_MAILBOX_JOB]: { policy, repeatEveryMs: options.syncEveryMs, run },
    [SYNC_MAILBOX_NOW_JOB]: { policy, run },
    [MARK_QUEUE_ITEM_JOB]: {
      // Tried for a day; then the item's history says the mailbox could not be marked.
      policy: { baseMs: 30_000, maxMs: HOUR, giveUpAfterMs: 24 * HOUR },
      async run(payload) {
        try {
          await markQueueItem(deps, options.source, ItemPayload.parse(payload).itemId);
        } catch (error) {
          // A mail deleted since it was handled has nothing left to mark.
          if (isAppError(error) && error.code === 'mail_not_found') return;
          throw error;
        }
      },
      onFailed: (payload, reason) => giveUpQueueItemMark(deps, ItemPayload.parse(payload).itemId, reason),
    },
  };
}

/** Keeps each mailbox's Graph subscription alive (hourly; renewed once half its life has passed). */
export const SUBSCRIPTIONS_JOB = 'ingest.subscriptions';
/** Renews, or makes anew, one mailbox's subscription: Graph asked (reauthorizationRequired) or removed it. */
export const SUBSCRIPTION_RENEW_JOB = 'ingest.subscription-renew';

/**
 * The subscription jobs, when Graph is the mail source and Diarium can be reached from it. A
 * mailbox whose subscription cannot be made is still synced every MAILBOX_SYNC_SECONDS.
 */
export function subscriptionJobHandlers(
  deps: Pick<Deps, 'db' | 'now'>,
  options: { graph: () => Client; urls: NotificationUrls; logger: Logger },
): Record<string, JobHandler> {
  const policy = { baseMs: MINUTE, maxMs: 30 * MINUTE };
  return {
    [SUBSCRIPTIONS_JOB]: {
      policy,
      repeatEveryMs: 60 * MINUTE,
      async run() {
        // A paused mailbox's subscription is left to run out; its notifications find nothing to read.
        for (const mailbox of (await listFunctionMailboxes(deps.db)).filter((m) => m.active)) {
          const done = await ensureSubscription(deps, options.graph(), mailbox, options.urls).catch((error: unknown) => {
            options.logger.warn({ mailbox: mailbox.address, err: error }, 'could not keep the Graph subscription; the mailbox is still synced on a timer');
            return null;
          });
          if (done && done !== 'kept') options.logger.info({ mailbox: mailbox.address, done }, 'Graph subscription');
        }
      },
    },
    [SUBSCRIPTION_RENEW_JOB]: {
      policy,
      async run(payload) {
        const mailbox = await findFunctionMailbox(deps.db, Payload.parse(payload).mailboxId);
        if (mailbox?.active) await ensureSubscription(deps, options.graph(), mailbox, options.urls, { renew: true });
      },
    },
  };
}

export async function scheduleSubscriptions(db: Queryable, now: Date): Promise<void> {
  await enqueueJob(db, { kind: SUBSCRIPTIONS_JOB, key: 'all', payload: {}, runAt: now }, now);
}

/** A new mailbox gets its subscription in the next round, now, where subscriptions are kept at all. */
export async function hastenSubscriptions(db: Queryable, now: Date): Promise<void> {
  await bringJobForward(db, SUBSCRIPTIONS_JOB, 'all', now);
}

export async function requestSubscriptionRenewal(db: Queryable, mailboxId: string, now: Date): Promise<void> {
  await enqueueJob(db, { kind: SUBSCRIPTION_RENEW_JOB, key: mailboxId, payload: { mailboxId }, runAt: now }, now);
}

/** Makes sure every function mailbox has its recurring sync (once: the key holds one pending). */
export async function scheduleMailboxSyncs(db: Queryable, now: Date): Promise<void> {
  for (const mailbox of await listFunctionMailboxes(db)) {
    await enqueueJob(db, { kind: SYNC_MAILBOX_JOB, key: mailbox.id, payload: { mailboxId: mailbox.id }, runAt: now }, now);
  }
}

/** Asks for a mailbox to be synced at once: a change notification, or a missed one. */
export async function requestMailboxSync(db: Queryable, mailboxId: string, now: Date): Promise<void> {
  await enqueueJob(db, { kind: SYNC_MAILBOX_NOW_JOB, key: mailboxId, payload: { mailboxId }, runAt: now }, now);
}
