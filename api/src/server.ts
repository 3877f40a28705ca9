import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import type { Logger } from 'pino';
import { createDevIssuer, type DevIssuer } from './auth/dev-issuer.ts';
import { createEntraKeySource, entraAudiences, entraIssuers } from './auth/entra.ts';
import { createTokenValidator, type TokenValidator } from './auth/token-validator.ts';
import type { Config } from './config.ts';
import { createLogger } from './log-errors.ts';
import { DEMO_ORGANISATION, DEMO_TENANT_ID } from './demo/organisation.ts';
import { hostBot } from './http/bot-endpoint.ts';
import { seedDemoCases, seedOrganisation } from './demo/seed.ts';
import { seedDemoMail } from './demo/seed-mail.ts';
import { seedDemoMailboxes } from './demo/seed-mailboxes.ts';
import { seedDemoChannelTab } from './demo/seed-teams.ts';
import { createDevGraph } from './dev/graph/dev-graph.ts';
import { loadClientCredential } from './graph/credentials.ts';
import { createDevTokens } from './graph/dev-tokens.ts';
import { createEntraTokens } from './graph/entra-tokens.ts';
import { createGraphAccess, type GraphAccess } from './graph/graph-access.ts';
import { mailJobHandlers } from './jobs/mail-jobs.ts';
import { directoryMailSource } from './ingest/directory-mail-source.ts';
import { graphMailSource } from './ingest/graph-mail-source.ts';
import { ingestJobHandlers, scheduleMailboxSyncs, scheduleSubscriptions, subscriptionJobHandlers } from './jobs/ingest-jobs.ts';
import { GRAPH_LIFECYCLE_PATH, GRAPH_NOTIFICATIONS_PATH } from './http/routes/graph-notifications.ts';
import { noticeJobHandlers } from './jobs/notice-jobs.ts';
import { deadlineJobHandlers, scheduleDeadlineWarnings } from './jobs/deadline-jobs.ts';
import { dropPendingJobs } from './jobs/queue.ts';
import { CASE_ASSIGNED_NOTICE_JOB } from './services/notices.ts';
import { createJobRunner, type JobHandler, type JobRunner } from './jobs/runner.ts';
import { createBlobStore } from './files/index.ts';
import express from 'express';
import { createApp } from './http/app.ts';
import { healthRouter, type Readiness } from './http/routes/health.ts';
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
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const handle = await openDatabase(config.database);
  const deps: Deps = { db: handle.db, blobs: createBlobStore(config.files), now: () => new Date() };
  const { validator, devIssuer } = await setUpAuth(config, handle);

  if (config.seedDemo) {
    const org = await seedOrganisation(handle.db, deps.now());
    const [row] = await handle.db.select({ n: count() }).from(cases);
    if (row!.n === 0 && config.demoCases > 0) {
      logger.info({ cases: config.demoCases }, 'seeding the demo register');
      await seedDemoCases(deps, org, config.demoCases);
      await seedDemoMail(deps, org);
      const channelCase = await seedDemoChannelTab(deps, org);
      await seedDemoMailboxes(deps, org, config.mailSource.kind === 'directory' ? config.mailSource.dir : null, channelCase);
      await dropPendingJobs(handle.db, CASE_ASSIGNED_NOTICE_JOB);
      await handle.maintain();
    }
  }
  const maintenance = setInterval(() => void handle.maintain().catch((err: unknown) => logger.warn({ err }, 'analyze failed')), 15 * 60_000);
  maintenance.unref();

  // The dev Graph is served by this very server, which calls it where it listens (known once listening: PORT=0).
  let serving = config.publicUrl;
  const graphEmulator = devIssuer ? await createDevGraph(devIssuer) : null;
  const graph = await setUpGraph(config, devIssuer, () => `${serving}/dev/graph/v1.0`, logger);

  const links = { baseUrl: config.publicUrl, teamsAppId: config.frontEnds.teamsAppId ?? null };
  const tenantId = config.auth.mode === 'entra' ? config.auth.tenantId : DEMO_TENANT_ID;
  // Local emulation (no registration) only with the dev issuer; in production the bot needs BOT_APP_ID.
  const bot =
    config.bot || devIssuer
      ? hostBot(deps, { tenantId, links, logger, registration: config.bot ? { ...config.bot, tenantId } : null })
      : null;
  const mailSource =
    config.mailSource.kind === 'directory' ? directoryMailSource(config.mailSource.dir, { settleMs: 2_000 }) : graph ? graphMailSource(() => graph.asApp()) : null;
  if (mailSource) await scheduleMailboxSyncs(handle.db, deps.now());
  // Graph posts notifications only to https; elsewhere the timer alone syncs.
  const subscriptions =
    config.mailSource.kind === 'graph' && graph && config.publicUrl.startsWith('https://')
      ? { notificationUrl: `${config.publicUrl}${GRAPH_NOTIFICATIONS_PATH}`, lifecycleNotificationUrl: `${config.publicUrl}${GRAPH_LIFECYCLE_PATH}` }
      : null;
  if (subscriptions) await scheduleSubscriptions(handle.db, deps.now());
  // Deadline warnings reach people through the bot only.
  if (bot) await scheduleDeadlineWarnings(handle.db, deps.now());
  const jobs = startJobs(
    config,
    {
      ...(graph ? mailJobHandlers({ ...deps, graph, maxUploadBytes: config.maxUploadBytes }) : {}),
      ...noticeJobHandlers(deps, { bot, links, logger }),
      ...deadlineJobHandlers(deps, { bot, links, logger }),
      ...(mailSource ? ingestJobHandlers(deps, { source: mailSource, logger, syncEveryMs: config.mailboxSyncMs }) : {}),
      ...(subscriptions ? subscriptionJobHandlers(deps, { graph: () => graph!.asApp(), urls: subscriptions, logger }) : {}),
    },
    deps,
    logger,
  );
  const readiness = { draining: false, ping: () => handle.ping() };
  // A worker answers only whether it is alive and ready: the API is the serving processes' part.
  const app = config.role === 'worker' ? workerApp(deps, readiness) : createApp({
    deps,
    logger,
    validator,
    devIssuer,
    readiness,
    publicUrl: config.publicUrl,
    maxUploadBytes: config.maxUploadBytes,
    teamsAppId: config.frontEnds.teamsAppId ?? null,
    bot,
    graph,
    graphEmulator,
    mailSource,
    frontEnds: {
      addinDir: config.frontEnds.addinDir,
      dev: devIssuer !== null,
      addin:
        config.auth.mode === 'entra'
          ? {
              auth: 'naa',
              clientId: config.auth.clientId,
              apiScope: `${config.auth.appIdUri ?? `api://${config.auth.clientId}`}/${config.auth.scope}`,
              ...(config.frontEnds.teamsAppId ? { teamsAppId: config.frontEnds.teamsAppId } : {}),
              caseUrl: config.frontEnds.caseUrl,
            }
          : { auth: 'dev', caseUrl: config.frontEnds.caseUrl },
      tabsDir: config.frontEnds.tabsDir,
      tabs: {
        auth: config.auth.mode === 'entra' ? 'teams' : 'dev',
        ...(config.frontEnds.teamsAppId ? { teamsAppId: config.frontEnds.teamsAppId } : {}),
      },
    },
  });
  const server = app.listen(config.port, config.host);
  // Longer than the idle timeout of the load balancers in front (Azure's is about a minute),
  // so that they, not we, close idle connections, and never one a request is about to use.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  serving = url;
  logger.info({ url, engine: handle.engine, auth: config.auth.mode, role: config.role }, 'Diarium is serving');

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
      await jobs?.stop();
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

/**
 * Graph as the user and as Diarium: Entra ID's on-behalf-of and client credentials in
 * production; with the dev issuer, the same client code against this server's emulated
 * Graph. Null (mail registration off) in production without a client secret or certificate.
 */
async function setUpGraph(config: Config, devIssuer: DevIssuer | null, devGraphUrl: () => string, logger: Logger): Promise<GraphAccess | null> {
  const auth = config.auth;
  if (auth.mode === 'dev') {
    return createGraphAccess({ baseUrl: config.graph.baseUrl ?? devGraphUrl, tokens: createDevTokens(devIssuer!) });
  }
  const credential = await loadClientCredential(config.graph);
  if (!credential) {
    logger.warn('Mail registration is off: set ENTRA_CLIENT_CERTIFICATE_PATH or ENTRA_CLIENT_SECRET for Microsoft Graph');
    return null;
  }
  const tokens = createEntraTokens({
    tenantId: auth.tenantId,
    clientId: auth.clientId,
    credential,
    authorityHost: config.graph.authorityHost,
    graphResource: new URL(config.graph.baseUrl!).origin,
  });
  return createGraphAccess({ baseUrl: config.graph.baseUrl!, tokens });
}

/** What a worker serves: /healthz and /readyz, for the platform that runs it. */
function workerApp(deps: Deps, readiness: Readiness): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(deps, readiness));
  return app;
}

/** The background job runner, polling the job table every JOB_POLL_MS (0: this process runs no jobs). */
function startJobs(config: Config, handlers: Record<string, JobHandler>, deps: Deps, logger: Logger): JobRunner | null {
  if (config.jobPollMs === 0 || Object.keys(handlers).length === 0) return null;
  const runner = createJobRunner({ db: deps.db, now: deps.now, handlers, logger, leaseMs: config.jobLeaseMs });
  runner.start(config.jobPollMs);
  return runner;
}
