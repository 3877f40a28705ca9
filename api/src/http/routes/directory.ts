import { Router } from 'express';
import type { Deps } from '../../services/context.ts';
import { getMe, listDiaries, listUnits } from '../../services/directory.ts';
import { getMyWork } from '../../services/my-work.ts';
import { actorOf } from '../context.ts';

/** /me, /me/work, /diaries and /units: who I am, what waits for me, and what the organisation has. */
export function directoryRouter(deps: Deps): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    res.json(await getMe(deps, actorOf(res)));
  });
  router.get('/me/work', async (_req, res) => {
    res.set('Cache-Control', 'private, no-store');
    res.json(await getMyWork(deps, actorOf(res)));
  });
  router.get('/diaries', async (_req, res) => {
    res.json({ items: await listDiaries(deps, actorOf(res)) });
  });
  router.get('/units', async (_req, res) => {
    res.json({ items: await listUnits(deps, actorOf(res)) });
  });
  return router;
}
