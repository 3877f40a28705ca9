import { isAppError } from '@diarium/core';
import {
  base64url,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from './dev-issuer.ts';
import { entraAudiences, entraIssuers } from './entra.ts';
import { createTokenValidator, type TokenValidator, type TokenValidatorOptions } from './token-validator.ts';

const TENANT = '3f2a8c1e-5b7d-4e9f-a1c3-0d6e8b2f4a71';
const OTHER_TENANT = '9b1d4e7a-2c5f-4a8b-b3d6-1e9f7c0a5d28';
const API_CLIENT_ID = 'c4e6a2b8-1d3f-4b5a-9c7e-8f0a2b4d6e13';
const CLIENT_APP_ID = '5e7a9c1b-3d5f-4e7a-8b9c-0d1e2f3a4b5c';
const USER_OID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SERVICE_PRINCIPAL_OID = '7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f';
const KID = 'tenant-key-1';
const NOW = new Date('2026-03-02T09:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

let tenantKey: CryptoKey;
let forgerKey: CryptoKey;
let tenantKeys: JWTVerifyGetKey;
let validator: TokenValidator;

function validatorWith(overrides: Partial<TokenValidatorOptions> = {}): TokenValidator {
  return createTokenValidator({
    getKey: tenantKeys,
    issuers: entraIssuers(TENANT, 2),
    audiences: entraAudiences(API_CLIENT_ID),
    tenantId: TENANT,
    requiredScope: 'access_as_user',
    appRole: 'Diarium.Access',
    now: () => NOW,
    ...overrides,
  });
}

beforeAll(async () => {
  const tenant = await generateKeyPair('RS256');
  tenantKey = tenant.privateKey;
  forgerKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk = { ...(await exportJWK(tenant.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  tenantKeys = createLocalJWKSet({ keys: [publicJwk] });
  validator = validatorWith();
});

/** What Entra puts in a v2.0 token a client got for a signed-in user. */
function delegatedClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: API_CLIENT_ID,
    tid: TENANT,
    oid: USER_OID,
    sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
    azp: CLIENT_APP_ID,
    name: 'Karin Lindqvist',
    preferred_username: 'karin.lindqvist@kommun.se',
    scp: 'access_as_user',
    ver: '2.0',
    iat: nowSeconds - 300,
    nbf: nowSeconds - 300,
    exp: nowSeconds + 3300,
    ...overrides,
  };
}

/** What Entra puts in a v2.0 client-credentials token: the service principal is the subject. */
function appClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    ...delegatedClaims(),
    oid: SERVICE_PRINCIPAL_OID,
    sub: SERVICE_PRINCIPAL_OID,
    name: undefined,
    preferred_username: undefined,
    scp: undefined,
    roles: ['Diarium.Access'],
    idtyp: 'app',
    ...overrides,
  };
}

async function sign(claims: JWTPayload, options: { key?: CryptoKey; kid?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID, typ: 'JWT' })
    .sign(options.key ?? tenantKey);
}

/** How the validator refused the token: what the HTTP edge and the logs will see. */
async function refusal(token: string, using: TokenValidator = validator): Promise<{ code: string; reason: unknown }> {
  try {
    await using.validate(token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { code: error.code, reason: error.params.reason };
  }
  throw new Error('the token was accepted');
}

describe('createTokenValidator accepts', () => {
  it('a delegated token with access_as_user, as the user it names, with all granted scopes', async () => {
    const token = await sign(delegatedClaims({ scp: 'User.Read access_as_user' }));

    expect(await validator.validate(token)).toEqual({
      kind: 'user',
      tenantId: TENANT,
      objectId: USER_OID,
      name: 'Karin Lindqvist',
      email: 'karin.lindqvist@kommun.se',
      scopes: ['User.Read', 'access_as_user'],
    });
  });

  it('an app-only token with the Diarium.Access role, as the calling application', async () => {
    const token = await sign(appClaims({ roles: ['Mail.Sync', 'Diarium.Access'] }));

    expect(await validator.validate(token)).toEqual({
      kind: 'app',
      tenantId: TENANT,
      objectId: SERVICE_PRINCIPAL_OID,
      appId: CLIENT_APP_ID,
      roles: ['Mail.Sync', 'Diarium.Access'],
    });
  });

  it("a dev issuer's token, checked by the very same rules", async () => {
    const dev = await createDevIssuer({ issuer: 'http://localhost:3000/dev', audience: 'api://diarium-dev', tenantId: TENANT });
    const devValidator = validatorWith({
      getKey: dev.getKey,
      issuers: [dev.issuer],
      audiences: [dev.audience],
      now: () => new Date(),
    });
    const token = await dev.signToken({ objectId: USER_OID, name: 'Karin Lindqvist', email: 'karin@kommun.se' });

    expect(await devValidator.validate(token)).toMatchObject({ kind: 'user', objectId: USER_OID, scopes: ['access_as_user'] });
  });

  it('v1.0 tokens when the v1.0 issuer is configured: the user named by upn, the app by appid', async () => {
    const v1 = validatorWith({ issuers: entraIssuers(TENANT, 1) });
    const v1Claims = { iss: `https://sts.windows.net/${TENANT}/`, aud: `api://${API_CLIENT_ID}`, ver: '1.0' };
    const userToken = await sign(
      delegatedClaims({ ...v1Claims, azp: undefined, appid: CLIENT_APP_ID, preferred_username: undefined, upn: 'karin@kommun.se' }),
    );
    // Without the idtyp optional claim: recognised as app-only because the subject is the service principal.
    const appToken = await sign(appClaims({ ...v1Claims, azp: undefined, appid: CLIENT_APP_ID, idtyp: undefined }));

    expect(await v1.validate(userToken)).toMatchObject({ kind: 'user', email: 'karin@kommun.se' });
    expect(await v1.validate(appToken)).toMatchObject({ kind: 'app', appId: CLIENT_APP_ID });
  });

  it('a token that expired less than the clock tolerance (60 s) ago', async () => {
    const token = await sign(delegatedClaims({ exp: nowSeconds - 59 }));

    expect(await validator.validate(token)).toMatchObject({ kind: 'user' });
  });

  it('the name falls back to the email when the token has no name', async () => {
    const token = await sign(delegatedClaims({ name: undefined }));

    expect(await validator.validate(token)).toMatchObject({ name: 'karin.lindqvist@kommun.se' });
  });
});

describe('createTokenValidator refuses as unauthenticated', () => {
  it('an unsigned token (alg: none)', async () => {
    const encode = (part: object) => base64url.encode(JSON.stringify(part));
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(delegatedClaims())}.`;

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'algorithm_not_allowed' });
  });

  it('a token signed with HS256 and a shared secret', async () => {
    const secret = new TextEncoder().encode('anyone-can-make-up-a-secret-like-this-one');
    const token = await new SignJWT(delegatedClaims()).setProtectedHeader({ alg: 'HS256', kid: KID }).sign(secret);

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'algorithm_not_allowed' });
  });

  it('a token for another API (Microsoft Graph)', async () => {
    const token = await sign(delegatedClaims({ aud: '00000003-0000-0000-c000-000000000000' }));

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'wrong_audience' });
  });

  it("a token from another tenant's issuer", async () => {
    const token = await sign(delegatedClaims({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }));

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'wrong_issuer' });
  });

  it('a v1.0 token when only the v2.0 issuer is configured', async () => {
    const token = await sign(delegatedClaims({ iss: `https://sts.windows.net/${TENANT}/` }));

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'wrong_issuer' });
  });

  it("a token whose tid is another tenant's, even from our issuer", async () => {
    const token = await sign(delegatedClaims({ tid: OTHER_TENANT }));

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'wrong_tenant' });
  });

  it('a token that expired more than the clock tolerance ago', async () => {
    const token = await sign(delegatedClaims({ exp: nowSeconds - 61 }));

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'expired' });
  });

  it('a token not valid until later (nbf beyond the tolerance)', async () => {
    const token = await sign(delegatedClaims({ nbf: nowSeconds + 120 }));

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'not_yet_valid' });
  });

  it('a token without exp, which would never expire', async () => {
    const token = await sign(delegatedClaims({ exp: undefined }));

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'missing_claim' });
  });

  it('a token without oid, which names nobody', async () => {
    const token = await sign(delegatedClaims({ oid: undefined }));

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'invalid_claims' });
  });

  it('a token whose kid is not among the signing keys', async () => {
    const token = await sign(delegatedClaims(), { key: forgerKey, kid: 'some-other-key' });

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'unknown_key' });
  });

  it("a token signed by another key under the tenant key's kid", async () => {
    const token = await sign(delegatedClaims(), { key: forgerKey, kid: KID });

    expect(await refusal(token)).toEqual({ code: 'unauthenticated', reason: 'bad_signature' });
  });

  it('a genuine token whose claims were changed after signing', async () => {
    const [header, , signature] = (await sign(delegatedClaims({ scp: 'User.Read' }))).split('.');
    const payload = base64url.encode(JSON.stringify(delegatedClaims({ scp: 'access_as_user' })));

    expect(await refusal(`${header}.${payload}.${signature}`)).toEqual({ code: 'unauthenticated', reason: 'bad_signature' });
  });

  it('a string that is not a JWT at all', async () => {
    expect(await refusal('not-a-token')).toEqual({ code: 'unauthenticated', reason: 'malformed' });
    expect(await refusal('')).toEqual({ code: 'unauthenticated', reason: 'malformed' });
  });

  it('without ever writing the token into the error', async () => {
    const token = await sign(delegatedClaims({ exp: nowSeconds - 3600 }));
    const error: unknown = await validator.validate(token).catch((caught: unknown) => caught);

    expect(isAppError(error)).toBe(true);
    expect(JSON.stringify({ error, message: (error as Error).message, cause: (error as Error).cause })).not.toContain(
      token.split('.')[1],
    );
  });
});

describe('createTokenValidator refuses as forbidden (insufficient_scope)', () => {
  const forbidden = { code: 'forbidden', reason: 'insufficient_scope' };

  it("a delegated token whose scopes do not include access_as_user (nor merely resemble it)", async () => {
    const token = await sign(delegatedClaims({ scp: 'User.Read Mail.Read access_as_user_admin' }));

    expect(await refusal(token)).toEqual(forbidden);
  });

  it('a user token with neither scp nor roles, such as an ID token', async () => {
    const token = await sign(delegatedClaims({ scp: undefined }));

    expect(await refusal(token)).toEqual(forbidden);
  });

  it('an app-only token without the Diarium.Access role', async () => {
    expect(await refusal(await sign(appClaims({ roles: ['Mail.Sync'] })))).toEqual(forbidden);
    expect(await refusal(await sign(appClaims({ roles: undefined })))).toEqual(forbidden);
  });

  it('a user token without scp that carries Diarium.Access as a role assigned to the user', async () => {
    const userWithRole = { scp: undefined, roles: ['Diarium.Access'] };

    // With the idtyp optional claim, and without it (the subject is the user, not a service principal).
    expect(await refusal(await sign(delegatedClaims({ ...userWithRole, idtyp: 'user' })))).toEqual(forbidden);
    expect(await refusal(await sign(delegatedClaims(userWithRole)))).toEqual(forbidden);
  });
});
