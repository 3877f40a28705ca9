import { Router, type Request, type Response } from 'express';
import { AppError, BindChannelTabSchema, ChannelRefSchema, FileFromDriveSchema } from '@diarium/core';
import { accessTokenOf, identityOf } from '../../auth/middleware.ts';
import type { GraphAccess } from '../../graph/graph-access.ts';
import { bindChannelTab, getChannelTab, listChannelFiles, unbindChannelTab, type ChannelRef } from '../../services/channel-tabs.ts';
import type { Deps, MailDeps } from '../../services/context.ts';
import { fileFromDrive } from '../../services/file-from-drive.ts';
import { actorOf } from '../context.ts';
import { idempotencyClaim } from '../idempotency.ts';
import { localeOf } from '../problem.ts';
import { parseInput } from '../validate.ts';
import { requireJson } from './cases.ts';

const channelOf = (req: Request): ChannelRef => parseInput(ChannelRefSchema, { teamId: req.params.teamId, channelId: req.params.channelId }, localeOf(req));

/** /channel-tabs: the case a Teams channel tab shows and the channel's files; /cases/{ref}/documents/from-drive: filing them. */
export function channelTabsRouter(deps: Deps, options: { graph: GraphAccess | null; maxUploadBytes: number }): Router {
  const router = Router();
  const graphDeps = (): MailDeps => {
    if (!options.graph) throw new AppError('unavailable', 'Graph access is not configured', { detail: 'files.graph.off' });
    return { ...deps, graph: options.graph, maxUploadBytes: options.maxUploadBytes };
  };
  const callerOf = (res: Response) => ({ assertion: accessTokenOf(res), objectId: identityOf(res).objectId });

  router.get('/channel-tabs/:teamId/:channelId', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    res.json(await getChannelTab(deps, actorOf(res), channelOf(req)));
  });

  router.put('/channel-tabs/:teamId/:channelId', async (req, res) => {
    requireJson(req);
    const channel = channelOf(req);
    const input = parseInput(BindChannelTabSchema, req.body, localeOf(req));
    const result = await bindChannelTab(deps, actorOf(res), channel, input.caseRef);
    res.status(result.outcome === 'created' ? 201 : 200).json(result.value);
  });

  router.delete('/channel-tabs/:teamId/:channelId', async (req, res) => {
    await unbindChannelTab(deps, actorOf(res), channelOf(req));
    res.status(204).end();
  });

  router.get('/channel-tabs/:teamId/:channelId/files', async (req, res) => {
    const d = graphDeps();
    const items = await listChannelFiles(d, actorOf(res), d.graph.asUser(accessTokenOf(res), { files: true }), channelOf(req));
    res.set('Cache-Control', 'private, no-store');
    res.json({ items });
  });

  router.post('/cases/:ref/documents/from-drive', async (req, res) => {
    requireJson(req);
    const input = parseInput(FileFromDriveSchema, req.body, localeOf(req));
    const result = await fileFromDrive(graphDeps(), actorOf(res), callerOf(res), req.params.ref!, input, idempotencyClaim(req, input));
    res.status(result.outcome === 'created' ? 201 : 200).json(result.value);
  });

  return router;
}
