import { Router } from 'express';
import type { Deps } from '../../services/context.ts';

export interface Readiness {
  draining: boolean;
  ping(): Promise<void>;
}

/** /healthz: the process answers. /readyz: the database and file store answer, and we are not draining. */
export function healthRouter(deps: Pick<Deps, 'blobs'>, readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (readiness.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const checks = await Promise.allSettled([readiness.ping(), deps.blobs.check()]);
    const [database, files] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'failing'));
    res.status(database === 'ok' && files === 'ok' ? 200 : 503).json({ status: database === 'ok' && files === 'ok' ? 'ok' : 'failing', database, files });
  });
  return router;
}
