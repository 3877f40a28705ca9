import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { pino } from 'pino';
import { createDevIssuer } from '../auth/dev-issuer.ts';
import { createTokenValidator } from '../auth/token-validator.ts';
import { DEMO_TENANT_ID, DEMO_USERS } from '../demo/organisation.ts';
import { openTestRegister, type TestRegister } from '../services/test-register.ts';
import type { GraphEmulator } from '../dev/graph/emulator.ts';
import type { GraphAccess } from '../graph/graph-access.ts';
import { createApp } from './app.ts';

export interface TestServer {
  url: string;
  register: TestRegister;
  /** A valid token for a demo user, by e-mail. */
  tokenFor(email: string): Promise<string>;
  /** Signs any claims with the issuer's real key, for tokens that are wrong in one way. */
  forge(claims: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
  issuer: string;
  audience: string;
  close(): Promise<void>;
}

/** The whole API on a free port, over a fresh test database, with the dev issuer. */
export async function startTestServer(
  options: { maxUploadBytes?: number; logs?: string[]; graph?: GraphAccess; graphEmulator?: GraphEmulator } = {},
): Promise<TestServer> {
  const register = await openTestRegister();
  const keyDir = await mkdtemp(join(tmpdir(), 'diarium-keys-'));
  const keyFile = join(keyDir, 'key.json');
  const issuer = 'http://localhost/dev';
  const audience = 'api://diarium-dev';
  const devIssuer = await createDevIssuer({ issuer, audience, tenantId: DEMO_TENANT_ID, keyFile });
  const validator = createTokenValidator({
    getKey: devIssuer.getKey,
    issuers: [issuer],
    audiences: [audience],
    tenantId: DEMO_TENANT_ID,
    requiredScope: 'access_as_user',
    appRole: 'Diarium.Access',
  });
  const app = createApp({
    deps: register.deps,
    logger: options.logs
      ? pino({ level: 'debug' }, { write: (line: string) => void options.logs!.push(line) })
      : pino({ level: 'silent' }),
    validator,
    devIssuer,
    readiness: { draining: false, ping: () => register.handle.ping() },
    publicUrl: 'http://localhost',
    maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
    graph: options.graph ?? null,
    graphEmulator: options.graphEmulator ?? null,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const privateJwk = JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
  const key = await importJWK(privateJwk, 'RS256');

  return {
    url,
    register,
    issuer,
    audience,
    tokenFor: async (email) => devIssuer.signToken(DEMO_USERS.find((u) => u.email === email)!),
    forge: async (claims, header = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT', ...header }).sign(key),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await register.close();
      await rm(keyDir, { recursive: true, force: true });
    },
  };
}
