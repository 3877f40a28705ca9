import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { pino, type Logger } from 'pino';
import { createDevIssuer, type DevIssuer } from './auth/dev-issuer.ts';
import { createEntraKeySource, entraAudiences, entraIssuers } from './auth/entra.ts';
import { createTokenValidator, type TokenValidator } from './auth/token-validator.ts';
import type { Config } from './config.ts';
import { DEMO_ORGANISATION, DEMO_TENANT_ID } from './demo/organisation.ts';
import { seedDemoCases, seedOrganisation } from './demo/seed.ts';
import { createBlobStore } from './files/index.ts';
import { createApp } from './http/app.ts';
import type { Deps } from './services/context.ts';
import { openDatabase, type DatabaseHandle } from './store/database.ts';
import { ensureOrganisation } from './store/organisations.ts';
import { cases } from './store/schema.ts';

export interface RunningServer {
  url: string;
  deps: Deps;
  handle: DatabaseHandle;
  devIssuer: DevIssuer | null;
  /** Stops taking requests, lets those under way finish, then closes the database. */
  close(): Promise<void>;
}

export const DEV_AUDIENCE = 'api://diarium-dev';

/** Opens the database and file store, seeds the demo when asked, and serves the API. */
export async function startServer(config: Config, logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const handle = await openDatabase(config.database);
  const deps: Deps = { db: handle.db, blobs: createBlobStore(config.files), now: () => new Date() };
  const { validator, devIssuer } = await setUpAuth(config, handle);

  if (config.seedDemo) {
    const org = await seedOrganisation(handle.db, deps.now());
    const [row] = await handle.db.select({ n: count() }).from(cases);
    if (row!.n === 0 && config.demoCases > 0) {
      logger.info({ cases: config.demoCases }, 'seeding the demo register');
      await seedDemoCases(deps, org, config.demoCases);
      await handle.maintain();
    }
  }
  const maintenance = setInterval(() => void handle.maintain().catch((err: unknown) => logger.warn({ err }, 'analyze failed')), 15 * 60_000);
  maintenance.unref();

  const readiness = { draining: false, ping: () => handle.ping() };
  const app = createApp({
    deps,
    logger,
    validator,
    devIssuer,
    readiness,
    publicUrl: config.publicUrl,
    maxUploadBytes: config.maxUploadBytes,
  });
  const server = app.listen(config.port, config.host);
  // Longer than the idle timeout of the load balancers in front (Azure's is about a minute),
  // so that they, not we, close idle connections, and never one a request is about to use.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url, engine: handle.engine, auth: config.auth.mode }, 'Diarium is serving');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      readiness.draining = true;
      clearInterval(maintenance);
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await drained;
      clearTimeout(timer);
      await handle.close();
      logger.info('Diarium stopped');
    })());

  return { url, deps, handle, devIssuer, close };
}

async function setUpAuth(
  config: Config,
  handle: DatabaseHandle,
): Promise<{ validator: TokenValidator; devIssuer: DevIssuer | null }> {
  const auth = config.auth;
  if (auth.mode === 'entra') {
    await ensureOrganisation(handle.db, auth.tenantId, auth.organisationName);
    const validator = createTokenValidator({
      getKey: createEntraKeySource(auth.tenantId),
      issuers: entraIssuers(auth.tenantId, auth.tokenVersion),
      audiences: entraAudiences(auth.clientId, auth.appIdUri),
      tenantId: auth.tenantId,
      requiredScope: auth.scope,
      appRole: auth.appRole,
    });
    return { validator, devIssuer: null };
  }
  await ensureOrganisation(handle.db, DEMO_TENANT_ID, DEMO_ORGANISATION);
  const devIssuer = await createDevIssuer({
    issuer: `${config.publicUrl}/dev`,
    audience: DEV_AUDIENCE,
    tenantId: DEMO_TENANT_ID,
    keyFile: join(config.dataDir, 'dev-issuer-key.json'),
  });
  const validator = createTokenValidator({
    getKey: devIssuer.getKey,
    issuers: [devIssuer.issuer],
    audiences: [devIssuer.audience],
    tenantId: DEMO_TENANT_ID,
    requiredScope: auth.scope,
    appRole: auth.appRole,
  });
  return { validator, devIssuer };
}
