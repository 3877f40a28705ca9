import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAppError } from '@diarium/core';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer, type DevIssuer } from './dev-issuer.ts';
import { authenticate, identityOf } from './middleware.ts';
import { createTokenValidator } from './token-validator.ts';

const TENANT = '3f2a8c1e-5b7d-4e9f-a1c3-0d6e8b2f4a71';
const karin = { objectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Karin Lindqvist', email: 'karin.lindqvist@kommun.se' };

let issuer: DevIssuer;
let server: Server;
let meUrl: string;

// Stands in for the HTTP edge's error table: just enough to see code, reason and status.
const writeError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const code = isAppError(error) ? error.code : 'internal';
  const status = code === 'unauthenticated' ? 401 : code === 'forbidden' ? 403 : 500;
  res.status(status).json({ code, reason: isAppError(error) ? error.params.reason : undefined });
};

beforeAll(async () => {
  issuer = await createDevIssuer({ issuer: 'http://localhost/dev-issuer', audience: 'api://diarium-dev', tenantId: TENANT });
  const validator = createTokenValidator({
    getKey: issuer.getKey,
    issuers: [issuer.issuer],
    audiences: [issuer.audience],
    tenantId: TENANT,
    requiredScope: 'access_as_user',
    appRole: 'Diarium.Access',
  });
  const app = express();
  app.get('/me', authenticate(validator), (_req, res) => {
    res.json(identityOf(res));
  });
  app.use(writeError);
  server = app.listen(0);
  await once(server, 'listening');
  meUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/me`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

async function getMe(authorization?: string) {
  const response = await fetch(meUrl, { headers: authorization === undefined ? {} : { authorization } });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), body: await response.json() };
}

describe('authenticate', () => {
  it('lets a request with a valid bearer token through, with the caller as its identity', async () => {
    const token = await issuer.signToken(karin);

    expect(await getMe(`Bearer ${token}`)).toEqual({
      status: 200,
      challenge: null,
      body: { kind: 'user', tenantId: TENANT, objectId: karin.objectId, name: karin.name, email: karin.email, scopes: ['access_as_user'] },
    });
  });

  it('reads the scheme case-insensitively', async () => {
    const token = await issuer.signToken(karin);

    expect((await getMe(`bearer ${token}`)).status).toBe(200);
  });

  it('answers 401 with a bare Bearer challenge when there is no Authorization header', async () => {
    expect(await getMe()).toEqual({
      status: 401,
      challenge: 'Bearer',
      body: { code: 'unauthenticated', reason: 'missing_token' },
    });
  });

  it('answers 401 with a bare Bearer challenge to Basic credentials', async () => {
    expect(await getMe(`Basic ${Buffer.from('karin:hemligt').toString('base64')}`)).toEqual({
      status: 401,
      challenge: 'Bearer',
      body: { code: 'unauthenticated', reason: 'missing_token' },
    });
  });

  it('answers 401 invalid_token to anything but exactly one token after Bearer', async () => {
    const token = await issuer.signToken(karin);

    for (const authorization of ['Bearer', `Bearer ${token} ${token}`]) {
      expect(await getMe(authorization)).toEqual({
        status: 401,
        challenge: 'Bearer error="invalid_token"',
        body: { code: 'unauthenticated', reason: 'malformed_header' },
      });
    }
  });

  it('answers 401 invalid_token to a token that is not a JWT', async () => {
    expect(await getMe('Bearer not-a-token')).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_token"',
      body: { code: 'unauthenticated', reason: 'malformed' },
    });
  });

  it('answers 401 invalid_token to an expired token', async () => {
    const token = await issuer.signToken(karin, { expiresInSeconds: -120 });

    expect(await getMe(`Bearer ${token}`)).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_token"',
      body: { code: 'unauthenticated', reason: 'expired' },
    });
  });

  it('answers 403 insufficient_scope to a valid token without access_as_user', async () => {
    const token = await issuer.signToken(karin, { scopes: ['User.Read'] });

    expect(await getMe(`Bearer ${token}`)).toEqual({
      status: 403,
      challenge: 'Bearer error="insufficient_scope"',
      body: { code: 'forbidden', reason: 'insufficient_scope' },
    });
  });
});
