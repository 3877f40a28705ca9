import { Router } from 'express';
import { z } from 'zod';
import { AppError, CreateFunctionMailboxSchema, CreateQueueSchema, IdSchema, UpdateFunctionMailboxSchema, UpdateQueueSchema } from '@diarium/core';
import type { Deps } from '../../services/context.ts';
import {
  createFunctionMailbox,
  createQueue,
  deleteQueue,
  getFunctionMailboxConfig,
  listFunctionMailboxConfigs,
  listQueueConfigs,
  setQueueMembership,
  updateFunctionMailbox,
  updateQueue,
} from '../../services/mailbox-admin.ts';
import { actorOf } from '../context.ts';
import { localeOf } from '../problem.ts';
import { parseInput } from '../validate.ts';

const MailboxParams = z.object({ mailboxId: IdSchema });
const QueueParams = z.object({ queueId: IdSchema });
const MemberParams = z.object({ queueId: IdSchema, userId: IdSchema });

/** The ETag of a configuration: its opaque version, `"3f9a…"`. */
const etagOf = (version: string) => `"${version}"`;

/** The version an If-Match names; 428 when there is none, 400 when it is not one of ours. */
function versionFromIfMatch(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new AppError('precondition_required', 'PATCH without If-Match', {
      fields: [{ field: 'If-Match', message: 'problem.precondition_required.detail' }],
    });
  }
  const match = /^\s*(?:W\/)?"([0-9a-f]{16})"\s*$/u.exec(header);
  if (!match) throw new AppError('validation_failed', 'Malformed If-Match', { fields: [{ field: 'If-Match', message: 'field.ifMatch.config' }] });
  return match[1]!;
}

/**
 * The configuration of function mailboxes and queues, for the organisation's administrators:
 * /admin/function-mailboxes and /admin/queues, changed (and a queue removed) with If-Match; members one by one.
 */
export function mailboxAdminRouter(deps: Deps): Router {
  const router = Router();
  router.use('/admin', (_req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    next();
  });

  router.get('/admin/function-mailboxes', async (_req, res) => {
    res.json({ items: await listFunctionMailboxConfigs(deps, actorOf(res)) });
  });
  router.post('/admin/function-mailboxes', async (req, res) => {
    const input = parseInput(CreateFunctionMailboxSchema, req.body, localeOf(req));
    const mailbox = await createFunctionMailbox(deps, actorOf(res), input);
    res.status(201).set({ ETag: etagOf(mailbox.version), Location: `/api/v1/admin/function-mailboxes/${mailbox.id}` }).json(mailbox);
  });
  router.get('/admin/function-mailboxes/:mailboxId', async (req, res) => {
    const { mailboxId } = parseInput(MailboxParams, req.params, localeOf(req));
    const mailbox = await getFunctionMailboxConfig(deps, actorOf(res), mailboxId);
    res.set('ETag', etagOf(mailbox.version)).json(mailbox);
  });
  router.patch('/admin/function-mailboxes/:mailboxId', async (req, res) => {
    const { mailboxId } = parseInput(MailboxParams, req.params, localeOf(req));
    const version = versionFromIfMatch(req.get('If-Match'));
    const patch = parseInput(UpdateFunctionMailboxSchema, req.body, localeOf(req));
    const mailbox = await updateFunctionMailbox(deps, actorOf(res), mailboxId, version, patch);
    res.set('ETag', etagOf(mailbox.version)).json(mailbox);
  });

  router.get('/admin/queues', async (_req, res) => {
    res.json({ items: await listQueueConfigs(deps, actorOf(res)) });
  });
  router.post('/admin/queues', async (req, res) => {
    const input = parseInput(CreateQueueSchema, req.body, localeOf(req));
    const queue = await createQueue(deps, actorOf(res), input);
    res.status(201).set({ ETag: etagOf(queue.version), Location: `/api/v1/admin/queues/${queue.id}` }).json(queue);
  });
  router.patch('/admin/queues/:queueId', async (req, res) => {
    const { queueId } = parseInput(QueueParams, req.params, localeOf(req));
    const version = versionFromIfMatch(req.get('If-Match'));
    const patch = parseInput(UpdateQueueSchema, req.body, localeOf(req));
    const queue = await updateQueue(deps, actorOf(res), queueId, version, patch);
    res.set('ETag', etagOf(queue.version)).json(queue);
  });
  router.delete('/admin/queues/:queueId', async (req, res) => {
    const { queueId } = parseInput(QueueParams, req.params, localeOf(req));
    const version = versionFromIfMatch(req.get('If-Match'));
    await deleteQueue(deps, actorOf(res), queueId, version);
    res.status(204).end();
  });
  router.put('/admin/queues/:queueId/members/:userId', async (req, res) => {
    const { queueId, userId } = parseInput(MemberParams, req.params, localeOf(req));
    const queue = await setQueueMembership(deps, actorOf(res), queueId, userId, true);
    res.set('ETag', etagOf(queue.version)).json(queue);
  });
  router.delete('/admin/queues/:queueId/members/:userId', async (req, res) => {
    const { queueId, userId } = parseInput(MemberParams, req.params, localeOf(req));
    const queue = await setQueueMembership(deps, actorOf(res), queueId, userId, false);
    res.set('ETag', etagOf(queue.version)).json(queue);
  });
  return router;
}
