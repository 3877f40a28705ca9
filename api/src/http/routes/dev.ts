import { Router, json, raw, type Request as ExpressRequest } from 'express';
import { z } from 'zod';
import { AppError, t, type Locale } from '@diarium/core';
import type { DevIssuer } from '../../auth/dev-issuer.ts';
import { createConnectorEmulator, DEV_CONNECTOR_PATH } from '../../dev/bot-connector.ts';
import type { GraphEmulator } from '../../dev/graph/emulator.ts';
import { DEMO_USERS } from '../../demo/organisation.ts';
import { DEMO_GENERAL_CHANNEL, DEMO_TEAM } from '../../demo/teams.ts';
import { localeOf } from '../problem.ts';
import { parseInput } from '../validate.ts';
import { LANDING_SCRIPT, landingPage } from './landing-page.ts';

const TokenRequestSchema = z.strictObject({ user: z.email() });

/** Only while the dev issuer is on: demo users, tokens for them, the emulated Graph, and the start page. */
export function devRouter(issuer: DevIssuer, graph: GraphEmulator | null): Router {
  const router = Router();

  if (graph) {
    // The emulated Microsoft Graph with the demo mailboxes (see dev/graph/emulator.ts for what it answers).
    router.use('/dev/graph/v1.0', raw({ type: () => true, limit: '5mb' }), async (req, res) => {
      const response = await graph.handle(toFetchRequest(req));
      res.status(response.status);
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  }

  // Where the bot's proactive messages go in local emulation, read back by the simulated chat.
  const connector = createConnectorEmulator();
  router.use(DEV_CONNECTOR_PATH, raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const response = await connector.handle(toFetchRequest(req), req.path);
    res.status(response.status);
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  });

  router.get('/dev/users', (_req, res) => {
    res.json({
      items: DEMO_USERS.map((u) => ({ email: u.email, name: u.name, objectId: u.objectId, description: u.description, unit: u.unit, roles: u.roles })),
    });
  });

  // The simulated Teams of `npm start` lists the demo team's channels.
  router.get('/dev/teams.json', (_req, res) => {
    res.json({ items: [{ id: DEMO_TEAM.id, displayName: DEMO_TEAM.displayName, channels: [DEMO_TEAM.channel, DEMO_GENERAL_CHANNEL] }] });
  });

  router.post('/dev/token', json({ limit: '4kb' }), async (req, res) => {
    const { user } = parseInput(TokenRequestSchema, req.body, localeOf(req));
    const demo = DEMO_USERS.find((u) => u.email === user.toLowerCase());
    if (!demo) {
      throw new AppError('validation_failed', 'Not a demo user', { fields: [{ field: 'user', message: 'field.demoUser.unknown' }] });
    }
    const expiresIn = 3600;
    const token = await issuer.signToken(demo, { expiresInSeconds: expiresIn });
    res.set('Cache-Control', 'no-store').json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
  });

  router.get('/dev/jwks.json', (_req, res) => {
    res.json(issuer.jwks);
  });

  router.get('/dev/landing.js', (_req, res) => {
    res.type('text/javascript').send(LANDING_SCRIPT);
  });

  router.get('/', (req, res) => {
    const locale: Locale = localeOf(req);
    res.type('html').send(landingPage(locale, (key) => t(locale, key)));
  });

  return router;
}

/** An Express request as a Fetch API Request, for the emulated Graph. */
function toFetchRequest(req: ExpressRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const body = req.method === 'GET' || req.method === 'HEAD' || !Buffer.isBuffer(req.body) ? undefined : new Uint8Array(req.body);
  return new Request(new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`), {
    method: req.method,
    headers,
    ...(body ? { body } : {}),
  });
}
