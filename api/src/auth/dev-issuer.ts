import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';

/** Where the dev issuer's tokens claim to come from and whom they are for. */
export interface DevIssuerOptions {
  issuer: string;
  audience: string;
  tenantId: string;
  /** Keep the signing key here (mode 0600) so tokens survive a restart. Without it, a fresh key each start. */
  keyFile?: string;
}

/** The person a dev token is issued to. */
export interface DevUser {
  objectId: string;
  name: string;
  email: string;
}

/** A local stand-in for Entra ID: signs look-alike access tokens and publishes their public key. */
export interface DevIssuer {
  issuer: string;
  audience: string;
  tenantId: string;
  /** The public key set, to serve at a JWKS endpoint. */
  jwks: JSONWebKeySet;
  /** For `createTokenValidator`, so dev tokens pass the same checks as Entra's. */
  getKey: JWTVerifyGetKey;
  /** A delegated (user) token; `scp` is `access_as_user` and it lives an hour unless told otherwise. */
  signToken(user: DevUser, options?: { scopes?: string[]; expiresInSeconds?: number }): Promise<string>;
  /**
   * An app-only token (`roles`, `idtyp: app`, no `scp`) as Entra issues for client
   * credentials; Diarium's background work uses one with the emulated Graph.
   */
  signAppToken(options: { appId: string; audience: string; roles: string[]; expiresInSeconds?: number }): Promise<string>;
}

const ALG = 'RS256';

// What a private RSA JWK must hold to be used again; anything else in the file is a sign
// that it is not ours, and start-up should stop rather than sign with it.
const PrivateJwkSchema = z.object({
  kty: z.literal('RSA'),
  kid: z.string().min(1),
  n: z.string(),
  e: z.string(),
  d: z.string(),
  p: z.string(),
  q: z.string(),
  dp: z.string(),
  dq: z.string(),
  qi: z.string(),
});
type PrivateJwk = z.infer<typeof PrivateJwkSchema>;

/** Starts a dev issuer. Never for production: the API refuses it when NODE_ENV=production. */
export async function createDevIssuer(options: DevIssuerOptions): Promise<DevIssuer> {
  const privateJwk = options.keyFile === undefined ? await generatePrivateJwk() : await loadOrCreateKey(options.keyFile);
  const privateKey = await importJWK(privateJwk, ALG);
  const { kty, n, e, kid } = privateJwk;
  const jwks: JSONWebKeySet = { keys: [{ kty, n, e, kid, alg: ALG, use: 'sig' }] };

  // Signed as Entra signs: RS256 with the key's kid, our issuer, valid from now.
  const sign = (claims: Record<string, unknown>, audience: string, expiresInSeconds = 3600) => {
    const issuedAt = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setIssuer(options.issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + expiresInSeconds)
      .sign(privateKey);
  };

  return {
    issuer: options.issuer,
    audience: options.audience,
    tenantId: options.tenantId,
    jwks,
    getKey: createLocalJWKSet(jwks),
    signToken: (user, signOptions = {}) =>
      sign(
        {
          tid: options.tenantId,
          oid: user.objectId,
          // Entra's `sub` is pairwise (per user and API), never the oid; keeping it so means
          // dev tokens are never mistaken for app-only ones.
          sub: createHash('sha256').update(`${options.audience}:${user.objectId}`).digest('base64url'),
          name: user.name,
          preferred_username: user.email,
          scp: (signOptions.scopes ?? ['access_as_user']).join(' '),
          ver: '2.0',
        },
        options.audience,
        signOptions.expiresInSeconds,
      ),
    signAppToken: (appOptions) => {
      // An app's service principal id, stable for the app id, like Entra's `oid` for an app.
      const hex = createHash('sha256').update(`sp:${appOptions.appId}`).digest('hex');
      const oid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
      return sign(
        { tid: options.tenantId, oid, sub: oid, azp: appOptions.appId, roles: appOptions.roles, idtyp: 'app', ver: '2.0' },
        appOptions.audience,
        appOptions.expiresInSeconds,
      );
    },
  };
}

async function generatePrivateJwk(): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk: JWK = await exportJWK(privateKey);
  // The RFC 7638 thumbprint: stable for the key, so a reused key keeps its kid.
  jwk.kid = await calculateJwkThumbprint(jwk);
  return PrivateJwkSchema.parse(jwk);
}

async function loadOrCreateKey(keyFile: string): Promise<PrivateJwk> {
  const existing = await readKey(keyFile);
  if (existing) return existing;

  await mkdir(dirname(keyFile), { recursive: true });
  const jwk = await generatePrivateJwk();
  // Write aside, then link into place: link fails if the file exists, so two processes
  // starting together end up sharing the first one's key, and nobody reads half a file.
  const temporary = `${keyFile}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temporary, keyFile);
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readKey(keyFile);
    if (!winner) throw error;
    return winner;
  } finally {
    await unlink(temporary);
  }
}

async function readKey(keyFile: string): Promise<PrivateJwk | undefined> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = PrivateJwkSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    throw new Error(`The dev issuer key file ${keyFile} does not hold an RSA private JWK; delete it to make a new key.`);
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
