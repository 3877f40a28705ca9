import { randomBytes } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { graphFailure } from '../graph/graph-errors.ts';
import type { Deps } from '../services/context.ts';
import {
  deleteGraphSubscription,
  latestGraphSubscription,
  saveGraphSubscription,
  type FunctionMailboxRow,
} from '../store/function-mailboxes.ts';

/** Where Graph posts: change notifications, and lifecycle events (both answer the validation handshake). */
export interface NotificationUrls {
  notificationUrl: string;
  lifecycleNotificationUrl: string;
}

// Graph lets a subscription to Outlook messages live at most 10 080 minutes; ask for a little less.
const LIFETIME_MS = 10_000 * 60_000;

const Subscription = z.object({ id: z.string(), expirationDateTime: z.string() });

/**
 * Keeps a change-notification subscription on the mailbox's inbox: creates one when there is
 * none, renews it once half its life has passed (or when asked: reauthorizationRequired), and
 * creates it again when Graph no longer knows it. Each has its own random clientState, which
 * every notification must carry.
 */
export async function ensureSubscription(
  deps: Pick<Deps, 'db' | 'now'>,
  graph: Client,
  mailbox: FunctionMailboxRow,
  urls: NotificationUrls,
  options: { renew?: boolean } = {},
): Promise<'created' | 'renewed' | 'kept'> {
  const now = deps.now();
  const current = await latestGraphSubscription(deps.db, mailbox.id);
  if (current && current.expiresAt > now) {
    const halfLife = (current.expiresAt.getTime() - current.createdAt.getTime()) / 2;
    if (!options.renew && current.expiresAt.getTime() - now.getTime() > halfLife) return 'kept';
    try {
      const renewed = Subscription.parse(
        await graph.api(`/subscriptions/${encodeURIComponent(current.id)}`).patch({ expirationDateTime: new Date(now.getTime() + LIFETIME_MS).toISOString() }),
      );
      await saveGraphSubscription(deps.db, { ...current, expiresAt: new Date(renewed.expirationDateTime) });
      return 'renewed';
    } catch (error) {
      if ((error as { statusCode?: unknown }).statusCode !== 404) throw graphFailure(error, 'subscription renewal');
      // Gone at Graph's end (removed, or expired meanwhile): make a new one.
    }
  }
  if (current) await deleteGraphSubscription(deps.db, current.id);
  const clientState = randomBytes(32).toString('base64url');
  let created;
  try {
    created = Subscription.parse(
      await graph
        .api('/subscriptions')
        .header('Prefer', 'IdType="ImmutableId"')
        .post({
          changeType: 'created',
          ...urls,
          resource: `users/${mailbox.address}/mailFolders('inbox')/messages`,
          expirationDateTime: new Date(now.getTime() + LIFETIME_MS).toISOString(),
          clientState,
        }),
    );
  } catch (error) {
    throw graphFailure(error, 'subscription');
  }
  await saveGraphSubscription(deps.db, {
    id: created.id,
    orgId: mailbox.orgId,
    mailboxId: mailbox.id,
    clientState,
    expiresAt: new Date(created.expirationDateTime),
    createdAt: now,
  });
  return 'created';
}
