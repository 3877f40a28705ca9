import { Router, json } from 'express';
import { z } from 'zod';
import { AppError, t, type Locale } from '@diarium/core';
import type { DevIssuer } from '../../auth/dev-issuer.ts';
import { DEMO_USERS } from '../../demo/organisation.ts';
import { localeOf } from '../problem.ts';
import { parseInput } from '../validate.ts';
import { LANDING_SCRIPT, landingPage } from './landing-page.ts';

const TokenRequestSchema = z.strictObject({ user: z.email() });

/** Only while the dev issuer is on: demo users, tokens for them, and the start page. */
export function devRouter(issuer: DevIssuer): Router {
  const router = Router();

  router.get('/dev/users', (_req, res) => {
    res.json({
      items: DEMO_USERS.map((u) => ({ email: u.email, name: u.name, description: u.description, unit: u.unit, roles: u.roles })),
    });
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
