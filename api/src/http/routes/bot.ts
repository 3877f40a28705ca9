import express, { Router } from 'express';
import type { BotEndpoint } from '@diarium/bot';

/** /api/messages: where the Bot Connector (or, locally, the simulated chat) delivers Teams activities. */
export function botRouter(endpoint: BotEndpoint): Router {
  const router = Router();
  router.post('/api/messages', express.json({ limit: '256kb' }), async (req, res) => {
    await endpoint.process(req, res);
  });
  return router;
}
