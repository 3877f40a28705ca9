import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevIssuer, type DevIssuer, type DevIssuerOptions } from './dev-issuer.ts';
import { createTokenValidator, type TokenValidator } from './token-validator.ts';

const TENANT = '3f2a8c1e-5b7d-4e9f-a1c3-0d6e8b2f4a71';
const base: DevIssuerOptions = { issuer: 'http://localhost:3000/dev-issuer', audience: 'api://diarium-dev', tenantId: TENANT };
const karin = { objectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Karin Lindqvist', email: 'karin.lindqvist@kommun.se' };

function validatorFor(issuer: DevIssuer): TokenValidator {
  return createTokenValidator({
    getKey: issuer.getKey,
    issuers: [issuer.issuer],
    audiences: [issuer.audience],
    tenantId: issuer.tenantId,
    requiredScope: 'access_as_user',
    appRole: 'Diarium.Access',
  });
}

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'diarium-dev-issuer-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('createDevIssuer', () => {
  it('publishes only the public half of its signing key', async () => {
    const { jwks } = await createDevIssuer(base);

    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    for (const privateMember of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth']) {
      expect(jwks.keys[0]).not.toHaveProperty(privateMember);
    }
  });

  it('issues tokens shaped like Entra v2.0 access tokens, for an hour', async () => {
    const issuer = await createDevIssuer(base);
    const token = await issuer.signToken(karin);
    const claims = decodeJwt(token);

    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: issuer.jwks.keys[0]?.kid, typ: 'JWT' });
    expect(claims).toMatchObject({
      iss: base.issuer,
      aud: base.audience,
      tid: TENANT,
      oid: karin.objectId,
      name: karin.name,
      preferred_username: karin.email,
      scp: 'access_as_user',
      ver: '2.0',
    });
    expect(claims.sub).toEqual(expect.any(String));
    expect(claims.sub).not.toBe(karin.objectId);
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.exp).toBe((claims.iat ?? 0) + 3600);
  });

  it('signs with the scopes and lifetime asked for', async () => {
    const issuer = await createDevIssuer(base);
    const claims = decodeJwt(await issuer.signToken(karin, { scopes: ['access_as_user', 'Files.Read'], expiresInSeconds: 300 }));

    expect(claims.scp).toBe('access_as_user Files.Read');
    expect(claims.exp).toBe((claims.iat ?? 0) + 300);
  });

  it('makes a new key at each start without a key file, so old tokens stop working', async () => {
    const before = await createDevIssuer(base);
    const after = await createDevIssuer(base);
    const token = await before.signToken(karin);

    expect(after.jwks.keys[0]?.kid).not.toBe(before.jwks.keys[0]?.kid);
    await expect(validatorFor(after).validate(token)).rejects.toMatchObject({
      code: 'unauthenticated',
      params: { reason: 'unknown_key' },
    });
  });

  it('keeps its key in the key file, so tokens survive a restart', async () => {
    const keyFile = join(directory, 'nested', 'dev-issuer-key.json');
    const before = await createDevIssuer({ ...base, keyFile });
    const token = await before.signToken(karin);

    const after = await createDevIssuer({ ...base, keyFile });

    expect(after.jwks).toEqual(before.jwks);
    await expect(validatorFor(after).validate(token)).resolves.toMatchObject({ kind: 'user', objectId: karin.objectId });
  });

  it('writes the key file readable by its owner only', async () => {
    const keyFile = join(directory, 'dev-issuer-key.json');
    await createDevIssuer({ ...base, keyFile });

    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it('gives two processes starting together one shared key', async () => {
    const keyFile = join(directory, 'dev-issuer-key.json');
    const [first, second] = await Promise.all([createDevIssuer({ ...base, keyFile }), createDevIssuer({ ...base, keyFile })]);

    expect(second.jwks).toEqual(first.jwks);
  });

  it('refuses to start with a key file that holds no private RSA key, naming the file', async () => {
    const keyFile = join(directory, 'dev-issuer-key.json');
    await writeFile(keyFile, '{"kty":"oct","k":"c2VjcmV0"}');

    await expect(createDevIssuer({ ...base, keyFile })).rejects.toThrow(keyFile);
  });
});
