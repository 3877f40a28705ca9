import { isAppError } from '@diarium/core';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEntraKeySource, entraAudiences, entraIssuers, type EntraKeySourceOptions } from './entra.ts';
import { createTokenValidator, type TokenValidator } from './token-validator.ts';

const TENANT = '3f2a8c1e-5b7d-4e9f-a1c3-0d6e8b2f4a71';
const API_CLIENT_ID = 'c4e6a2b8-1d3f-4b5a-9c7e-8f0a2b4d6e13';
const JWKS_URL = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;

/** One of the tenant's signing keys: the private half signs, the public half is published. */
interface TenantKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function tenantKey(kid: string): Promise<TenantKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, use: 'sig' } };
}

// What Entra's keys endpoint serves at the moment, and how often it was asked.
let published: TenantKey[] = [];
let jwksFetches = 0;

const server = setupServer(
  http.get(JWKS_URL, () => {
    jwksFetches += 1;
    return HttpResponse.json({ keys: published.map((key) => key.publicJwk) });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  published = [];
  jwksFetches = 0;
});
afterAll(() => server.close());

function entraValidator(options: EntraKeySourceOptions = {}): TokenValidator {
  return createTokenValidator({
    getKey: createEntraKeySource(TENANT, options),
    issuers: entraIssuers(TENANT, 2),
    audiences: entraAudiences(API_CLIENT_ID),
    tenantId: TENANT,
    requiredScope: 'access_as_user',
    appRole: 'Diarium.Access',
  });
}

/** A v2.0 delegated token for Diarium, as Entra signs it now. */
async function entraToken(key: TenantKey): Promise<string> {
  return new SignJWT({
    tid: TENANT,
    oid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
    azp: '5e7a9c1b-3d5f-4e7a-8b9c-0d1e2f3a4b5c',
    name: 'Karin Lindqvist',
    preferred_username: 'karin.lindqvist@kommun.se',
    scp: 'access_as_user',
    ver: '2.0',
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(API_CLIENT_ID)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime('1h')
    .sign(key.privateKey);
}

async function refusal(validator: TokenValidator, token: string): Promise<{ code: string; reason: unknown }> {
  const error: unknown = await validator.validate(token).then(
    () => new Error('the token was accepted'),
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw error;
  return { code: error.code, reason: error.params.reason };
}

describe('entraIssuers and entraAudiences', () => {
  it("name the tenant's v1.0 and v2.0 issuers and the API's audiences as Entra writes them", () => {
    expect(entraIssuers(TENANT, 2)).toEqual([`https://login.microsoftonline.com/${TENANT}/v2.0`]);
    expect(entraIssuers(TENANT, 1)).toEqual([`https://sts.windows.net/${TENANT}/`]);
    expect(entraAudiences(API_CLIENT_ID)).toEqual([API_CLIENT_ID, `api://${API_CLIENT_ID}`]);
    expect(entraAudiences(API_CLIENT_ID, `api://diarium.kommun.se/${API_CLIENT_ID}`)).toEqual([
      API_CLIENT_ID,
      `api://diarium.kommun.se/${API_CLIENT_ID}`,
    ]);
  });
});

describe('createEntraKeySource', () => {
  it("validates a token signed with a key from the tenant's published JWKS, fetching it once", async () => {
    const current = await tenantKey('entra-key-2026-02');
    published = [current];
    const validator = entraValidator();

    await expect(validator.validate(await entraToken(current))).resolves.toMatchObject({ kind: 'user', tenantId: TENANT });
    await expect(validator.validate(await entraToken(current))).resolves.toMatchObject({ kind: 'user' });
    expect(jwksFetches).toBe(1);
  });

  it('picks up a rotated key, refetching at most once per 30 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
    const old = await tenantKey('entra-key-2026-02');
    const rotated = await tenantKey('entra-key-2026-03');
    published = [old];
    const validator = entraValidator();
    await validator.validate(await entraToken(old));

    published = [old, rotated];
    // Just after a fetch, an unknown kid does not send us back to Entra: junk tokens cannot flood it.
    expect(await refusal(validator, await entraToken(rotated))).toEqual({ code: 'unauthenticated', reason: 'unknown_key' });
    expect(jwksFetches).toBe(1);

    vi.setSystemTime(new Date('2026-03-02T09:00:31Z'));
    await expect(validator.validate(await entraToken(rotated))).resolves.toMatchObject({ kind: 'user' });
    expect(jwksFetches).toBe(2);
  });

  it('still refuses a kid that the refetched JWKS does not have either', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
    const current = await tenantKey('entra-key-2026-02');
    const stranger = await tenantKey('not-a-tenant-key');
    published = [current];
    const validator = entraValidator();
    await validator.validate(await entraToken(current));

    vi.setSystemTime(new Date('2026-03-02T09:00:31Z'));
    expect(await refusal(validator, await entraToken(stranger))).toEqual({ code: 'unauthenticated', reason: 'unknown_key' });
    expect(jwksFetches).toBe(2);
  });

  it('reports an unreachable keys endpoint as unavailable, not as a bad token', async () => {
    const current = await tenantKey('entra-key-2026-02');
    server.use(http.get(JWKS_URL, () => new HttpResponse(null, { status: 503 })));

    expect(await refusal(entraValidator(), await entraToken(current))).toEqual({
      code: 'unavailable',
      reason: 'key_source_unavailable',
    });
  });

  it('fetches from another keys URL when told to (a sovereign cloud)', async () => {
    const usGovUrl = `https://login.microsoftonline.us/${TENANT}/discovery/v2.0/keys`;
    const current = await tenantKey('entra-key-2026-02');
    server.use(http.get(usGovUrl, () => HttpResponse.json({ keys: [current.publicJwk] })));

    await expect(entraValidator({ jwksUrl: usGovUrl }).validate(await entraToken(current))).resolves.toMatchObject({
      kind: 'user',
    });
    expect(jwksFetches).toBe(0);
  });
});
