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
import type { MailSource } from '../ingest/mail-source.ts';
import { createApp } from './app.ts';
import { hostBot } from './bot-endpoint.ts';

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
  options: { maxUploadBytes?: number; logs?: string[]; graph?: GraphAccess; graphEmulator?: GraphEmulator; teamsAppId?: string; bot?: boolean; mailSource?: MailSource } = {},
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
  const logger = options.logs ? pino({ level: 'debug' }, { write: (line: string) => void options.logs!.push(line) }) : pino({ level: 'silent' });
  const links = { baseUrl: 'http://localhost', teamsAppId: options.teamsAppId ?? null };
  const app = createApp({
    deps: register.deps,
    logger,
    validator,
    devIssuer,
    readiness: { draining: false, ping: () => register.handle.ping() },
    publicUrl: 'http://localhost',
    maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
    graph: options.graph ?? null,
    graphEmulator: options.graphEmulator ?? null,
    teamsAppId: options.teamsAppId ?? null,
    mailSource: options.mailSource ?? null,
    // The bot in local emulation, as under `npm start`.
    bot: options.bot ? hostBot(register.deps, { tenantId: DEMO_TENANT_ID, registration: null, links, logger }) : null,
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

/** An answer as a test reads it: JSON parsed, anything else as bytes. */
export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests check answers field by field
  body: any;
}

export type ApiCall = (
  method: string,
  path: string,
  options?: { as?: string; json?: unknown; headers?: Record<string, string> },
) => Promise<Answer>;

/** Signs in demo users by name (`{ karin: 'karin.lindqvist@ekby.se' }`) and calls the API as them, the first by default. */
export async function signedInCaller(
  s: TestServer,
  users: Record<string, string>,
): Promise<{ call: ApiCall; token: Record<string, string>; newCase: NewCase }> {
  const token: Record<string, string> = {};
  for (const [who, email] of Object.entries(users)) token[who] = await s.tokenFor(email);
  const first = Object.keys(users)[0]!;
  const call: ApiCall = async (method, path, options = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token[options.as ?? first]}`, ...options.headers };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${s.url}${path}`, { method, headers, ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}) });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, body: type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer()) };
  };
  const newCase: NewCase = async (diary, title, extra = {}) => {
    const res = await call('POST', '/api/v1/cases', { json: { diary, title, ...extra } });
    if (res.status !== 201) throw new Error(`registering "${title}" in ${diary}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; caseNumber: string };
  };
  return { call, token, newCase };
}

/** Registers a case as the first user, for a test's setting. */
export type NewCase = (diary: string, title: string, extra?: Record<string, unknown>) => Promise<{ id: string; caseNumber: string }>;
