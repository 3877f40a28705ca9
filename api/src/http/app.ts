import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppError } from '@diarium/core';
import type { DevIssuer } from '../auth/dev-issuer.ts';
import { authenticate } from '../auth/middleware.ts';
import type { TokenValidator } from '../auth/token-validator.ts';
import type { GraphEmulator } from '../dev/graph/emulator.ts';
import type { GraphAccess } from '../graph/graph-access.ts';
import type { Deps } from '../services/context.ts';
import { actorFrom } from './context.ts';
import { problemHandler } from './problem.ts';
import { casesRouter } from './routes/cases.ts';
import { devRouter } from './routes/dev.ts';
import { graphNotificationsRouter } from './routes/graph-notifications.ts';
import { queuesRouter } from './routes/queues.ts';
import { mailboxAdminRouter } from './routes/mailbox-admin.ts';
import { directoryRouter } from './routes/directory.ts';
import { documentsRouter } from './routes/documents.ts';
import { healthRouter, type Readiness } from './routes/health.ts';
import { mailRouter } from './routes/mail.ts';
import { channelTabsRouter } from './routes/channel-tabs.ts';
import { openApiDocument } from './routes/openapi.ts';
import type { BotEndpoint } from '@diarium/bot';
import { botRouter } from './routes/bot.ts';
import { frontEndsRouter, type FrontEndsOptions } from './routes/front-ends.ts';
import { peopleRouter } from './routes/people.ts';
import type { MailSource } from '../ingest/mail-source.ts';

export interface AppOptions {
  deps: Deps;
  logger: Logger;
  validator: TokenValidator;
  devIssuer: DevIssuer | null;
  readiness: Readiness;
  publicUrl: string;
  maxUploadBytes: number;
  /** Graph as the user and as Diarium; null when not configured, and mail routes then answer 503. */
  graph: GraphAccess | null;
  /** The emulated Graph the dev router serves at /dev/graph/v1.0 (dev issuer only). */
  graphEmulator?: GraphEmulator | null;
  /** Diarium's Teams app, for links that open a case in Teams; null without one. */
  teamsAppId?: string | null;
  /** Where the function mailboxes' mail lies, to register a queue item; null when none is read. */
  mailSource?: MailSource | null;
  /** The Teams bot at /api/messages; absent when Diarium has no bot. */
  bot?: BotEndpoint | null;
  /** The built front ends to serve; absent in tests of the API alone. */
  frontEnds?: FrontEndsOptions;
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The HTTP face of the register: /api/v1, health, and (locally) the dev issuer. */
export function createApp(options: AppOptions): Express {
  const { deps, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Bodies and query strings are never logged: they may hold what is confidential.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use((_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    next();
  });

  app.use(healthRouter(deps, options.readiness));
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument(options.publicUrl));
  });

  // Bot Framework authenticates the bot's activities, not Entra user tokens.
  if (options.bot) app.use(botRouter(options.bot));
  // Graph's change notifications carry a subscription's clientState, not a user's token.
  app.use(graphNotificationsRouter(deps, logger));

  const api = express.Router();
  api.use(express.json({ limit: '1mb', strict: true }));
  api.use(authenticate(options.validator));
  api.use(actorFrom(deps));
  api.use(directoryRouter(deps));
  api.use(casesRouter(deps, { maxUploadBytes: options.maxUploadBytes, links: { baseUrl: options.publicUrl, teamsAppId: options.teamsAppId ?? null } }));
  api.use(documentsRouter(deps));
  api.use(peopleRouter(deps));
  api.use(mailRouter(deps, { graph: options.graph, maxUploadBytes: options.maxUploadBytes }));
  api.use(channelTabsRouter(deps, { graph: options.graph, maxUploadBytes: options.maxUploadBytes }));
  api.use(queuesRouter(deps, { mailSource: options.mailSource ?? null, maxUploadBytes: options.maxUploadBytes }));
  api.use(mailboxAdminRouter(deps));
  api.use(() => {
    throw new AppError('not_found', 'No such route');
  });
  app.use('/api/v1', api);

  if (options.frontEnds) app.use(frontEndsRouter(options.frontEnds));
  if (options.devIssuer) app.use(devRouter(options.devIssuer, options.graphEmulator ?? null));
  app.use(() => {
    throw new AppError('not_found', 'No such route');
  });
  app.use(problemHandler(logger));
  return app;
}
