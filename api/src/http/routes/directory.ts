import { Router } from 'express';
import type { Deps } from '../../services/context.ts';
import { getMe, listDiaries, listUnits } from '../../services/directory.ts';
import { actorOf } from '../context.ts';

/** /me, /diaries and /units: who I am and what the organisation has. */
export function directoryRouter(deps: Deps): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    res.json(await getMe(deps, actorOf(res)));
  });
  router.get('/diaries', async (_req, res) => {
    res.json({ items: await listDiaries(deps, actorOf(res)) });
  });
  router.get('/units', async (_req, res) => {
    res.json({ items: await listUnits(deps, actorOf(res)) });
  });
  return router;
}
