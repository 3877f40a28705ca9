import { Router } from 'express';
import { z } from 'zod';
import { BulkQueueActionSchema, BulkQueueRegistrationSchema, IdSchema, QueueItemActionSchema, QueueItemQuerySchema, RegisterQueueItemSchema } from '@diarium/core';
import type { MailSource } from '../../ingest/mail-source.ts';
import type { Deps } from '../../services/context.ts';
import { readQueueItemMail, registerQueueItem } from '../../services/register-queue-item.ts';
import { registerQueueItems } from '../../services/register-queue-items.ts';
import { actOnQueueItems, getQueueItem, listMyQueues, listQueueItemEvents, listQueueItems } from '../../services/queues.ts';
import { actorOf } from '../context.ts';
import { etagOf, versionFromIfMatch } from '../etag.ts';
import { localeOf, toProblem } from '../problem.ts';
import { parseInput } from '../validate.ts';

const QueueParams = z.object({ queueId: IdSchema });
const ItemParams = z.object({ itemId: IdSchema });

/**
 * The function mailboxes' queues: /queues (mine, with what waits), /queues/{id}/items, the
 * actions on one item (If-Match, its version) or on many at once (all or none), and the
 * registration of one item, or of several into one case.
 */
export function queuesRouter(deps: Deps, options: { mailSource: MailSource | null; maxUploadBytes: number }): Router {
  const router = Router();
  const mailDeps = { ...deps, ...options };
  router.get('/queues', async (_req, res) => {
    res.set('Cache-Control', 'private, no-store');
    res.json({ items: await listMyQueues(deps, actorOf(res)) });
  });
  router.get('/queues/:queueId/items', async (req, res) => {
    const { queueId } = parseInput(QueueParams, req.params, localeOf(req));
    const query = parseInput(QueueItemQuerySchema, req.query, localeOf(req));
    res.set('Cache-Control', 'private, no-store');
    res.json(await listQueueItems(deps, actorOf(res), queueId, query));
  });
  router.get('/queue-items/:itemId', async (req, res) => {
    const { itemId } = parseInput(ItemParams, req.params, localeOf(req));
    const item = await getQueueItem(deps, actorOf(res), itemId);
    res.set('ETag', etagOf(item.version)).json(item);
  });
  router.post('/queue-items/:itemId/actions', async (req, res) => {
    const { itemId } = parseInput(ItemParams, req.params, localeOf(req));
    const version = versionFromIfMatch(req.get('If-Match'));
    const action = parseInput(QueueItemActionSchema, req.body, localeOf(req));
    const [item] = await actOnQueueItems(deps, actorOf(res), [{ id: itemId, version }], action);
    res.set('ETag', etagOf(item!.version)).json(item);
  });
  router.get('/queue-items/:itemId/events', async (req, res) => {
    const { itemId } = parseInput(ItemParams, req.params, localeOf(req));
    res.set('Cache-Control', 'private, no-store');
    res.json({ items: await listQueueItemEvents(deps, actorOf(res), itemId) });
  });
  router.get('/queue-items/:itemId/mail', async (req, res) => {
    const { itemId } = parseInput(ItemParams, req.params, localeOf(req));
    res.set('Cache-Control', 'private, no-store');
    res.json(await readQueueItemMail(mailDeps, actorOf(res), itemId));
  });
  router.post('/queue-items/:itemId/registration', async (req, res) => {
    const { itemId } = parseInput(ItemParams, req.params, localeOf(req));
    const version = versionFromIfMatch(req.get('If-Match'));
    const input = parseInput(RegisterQueueItemSchema, req.body, localeOf(req));
    const { outcome, value } = await registerQueueItem(mailDeps, actorOf(res), itemId, version, input);
    res.status(outcome === 'created' ? 201 : 200).set('ETag', etagOf(value.item.version)).json(value);
  });
  router.post('/queue-items/registrations', async (req, res) => {
    const locale = localeOf(req);
    const input = parseInput(BulkQueueRegistrationSchema, req.body, locale);
    const done = await registerQueueItems(mailDeps, actorOf(res), input);
    const requestId = String(req.id ?? '');
    res.json({
      case: done.case,
      items: done.items.map(({ error, ...outcome }) => {
        if (!error) return { ...outcome, problem: null };
        const { status, title, detail } = toProblem(error, locale, req.originalUrl, requestId);
        return { ...outcome, problem: { status, title, detail: detail ?? null } };
      }),
    });
  });
  router.post('/queue-items/actions', async (req, res) => {
    const { itemIds, action } = parseInput(BulkQueueActionSchema, req.body, localeOf(req));
    res.json({ items: await actOnQueueItems(deps, actorOf(res), [...new Set(itemIds)].map((id) => ({ id })), action) });
  });
  return router;
}
