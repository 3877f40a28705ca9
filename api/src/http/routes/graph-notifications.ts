import { timingSafeEqual } from 'node:crypto';
import { Router, json, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '@diarium/core';
import { requestMailboxSync, requestSubscriptionRenewal } from '../../jobs/ingest-jobs.ts';
import type { Deps } from '../../services/context.ts';
import { findGraphSubscription } from '../../store/function-mailboxes.ts';

export const GRAPH_NOTIFICATIONS_PATH = '/api/v1/graph/notifications';
export const GRAPH_LIFECYCLE_PATH = '/api/v1/graph/lifecycle';

const Notifications = z.object({
  value: z
    .array(
      z.object({
        subscriptionId: z.string().max(200),
        clientState: z.string().max(500).nullish(),
        changeType: z.string().max(100).optional(),
        lifecycleEvent: z.enum(['reauthorizationRequired', 'missed', 'subscriptionRemoved']).optional(),
      }),
    )
    .max(1_000),
});

/**
 * Where Microsoft Graph posts change notifications and lifecycle events for the function
 * mailboxes. Graph does not sign in as a user: each notification must carry the clientState
 * of a subscription Diarium made, or it is refused and logged. A notification only asks for a
 * sync; what arrived is read by the sync, never taken from the notification.
 */
export function graphNotificationsRouter(deps: Pick<Deps, 'db' | 'now'>, logger: Logger): Router {
  const router = Router();
  const body = json({ limit: '1mb', type: () => true });

  async function receive(req: Request, res: Response, kind: 'change' | 'lifecycle') {
    if (handshake(req, res)) return;
    const parsed = Notifications.safeParse(req.body);
    if (!parsed.success) throw new AppError('validation_failed', 'Not a Graph notification', { fields: [{ field: 'value', message: 'field.json' }] });
    let accepted = 0;
    for (const notification of parsed.data.value) {
      const subscription = await findGraphSubscription(deps.db, notification.subscriptionId);
      if (!subscription || !sameSecret(subscription.clientState, notification.clientState ?? '')) {
        // Who sent it is unknown; say only that it was refused, and for which subscription id.
        logger.warn({ subscriptionId: notification.subscriptionId.slice(0, 100), known: subscription !== null, kind }, 'Graph notification refused: unknown subscription or wrong clientState');
        continue;
      }
      accepted++;
      const now = deps.now();
      switch (notification.lifecycleEvent) {
        case 'reauthorizationRequired':
          await requestSubscriptionRenewal(deps.db, subscription.mailboxId, now);
          break;
        case 'subscriptionRemoved':
          await requestSubscriptionRenewal(deps.db, subscription.mailboxId, now);
          await requestMailboxSync(deps.db, subscription.mailboxId, now);
          break;
        default:
          // A change, or missed ones: the sync finds what arrived.
          await requestMailboxSync(deps.db, subscription.mailboxId, now);
      }
    }
    if (accepted === 0 && parsed.data.value.length > 0) throw new AppError('forbidden', 'No notification carried a known clientState');
    res.status(202).end();
  }

  router.post(GRAPH_NOTIFICATIONS_PATH, body, (req, res) => receive(req, res, 'change'));
  router.post(GRAPH_LIFECYCLE_PATH, body, (req, res) => receive(req, res, 'lifecycle'));
  return router;
}

/** Graph's validation handshake: echo `validationToken` as plain text, within ten seconds. */
function handshake(req: Request, res: Response): boolean {
  const token = req.query['validationToken'];
  if (token === undefined) return false;
  if (typeof token !== 'string' || token.length > 2_000) {
    throw new AppError('validation_failed', 'Bad validationToken', { fields: [{ field: 'validationToken', message: 'field.json' }] });
  }
  res.status(200).type('text/plain').set('X-Content-Type-Options', 'nosniff').send(token);
  return true;
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
