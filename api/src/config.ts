import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// Every setting comes from the environment, is read once at start-up, and a wrong value
// stops start-up with a message naming the variable. README.md lists them all.

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  FILE_STORE: z.enum(['local', 'azure']).default('local'),
  FILES_DIR: z.string().min(1).optional(),
  AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  AZURE_STORAGE_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/)
    .default('diarium'),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(100 * 1024 * 1024),
  AUTH_MODE: z.enum(['dev', 'entra']).optional(),
  ENTRA_TENANT_ID: z.uuid().optional(),
  ENTRA_CLIENT_ID: z.uuid().optional(),
  ENTRA_APP_ID_URI: z.string().min(1).optional(),
  ENTRA_TOKEN_VERSION: z.enum(['1', '2']).default('2').transform(Number),
  ENTRA_SCOPE: z.string().min(1).default('access_as_user'),
  ENTRA_APP_ROLE: z.string().min(1).default('Diarium.Access'),
  ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  ENTRA_CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
  ENTRA_AUTHORITY_HOST: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
  GRAPH_BASE_URL: z
    .url()
    .regex(/\/(v1\.0|beta)\/?$/, { message: 'must end with the Graph version, e.g. https://graph.microsoft.com/v1.0' })
    .optional(),
  ADDIN_DIR: z.string().min(1).optional(),
  TABS_DIR: z.string().min(1).optional(),
  TEAMS_APP_ID: z.string().trim().min(1).optional(),
  CASE_URL: z.string().min(1).optional(),
  BOT_APP_ID: z.string().trim().min(1).optional(),
  BOT_APP_PASSWORD: z.string().min(1).optional(),
  ROLE: z.enum(['all', 'serve', 'worker']).default('all'),
  JOB_POLL_MS: z.coerce.number().int().min(0).default(5_000),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  MAIL_SOURCE: z.enum(['graph', 'directory']).optional(),
  MAIL_DIR: z.string().min(1).optional(),
  MAILBOX_SYNC_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  ORGANISATION_NAME: z.string().min(1).optional(),
  SEED_DEMO: flag.optional(),
  DEMO_CASES: z.coerce.number().int().min(0).max(100_000).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
});

/** Where `npm start` builds the Outlook add-in and the Teams tabs. */
const DEFAULT_ADDIN_DIR = fileURLToPath(new URL('../../outlook-addin/dist', import.meta.url));
const DEFAULT_TABS_DIR = fileURLToPath(new URL('../../tabs/dist', import.meta.url));

export type Config = ReturnType<typeof parseConfig>;

/** Reads the configuration from `env`; throws an Error naming every wrong variable. */
export function parseConfig(env: Record<string, string | undefined>) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new Error(`Diarium cannot start, the configuration is wrong:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const authMode = e.AUTH_MODE ?? (production ? 'entra' : 'dev');
  const problems: string[] = [];
  if (authMode === 'dev' && production) {
    problems.push('AUTH_MODE: the dev issuer signs tokens for anyone and is refused when NODE_ENV=production');
  }
  if (authMode === 'entra') {
    if (!e.ENTRA_TENANT_ID) problems.push('ENTRA_TENANT_ID: required with AUTH_MODE=entra');
    if (!e.ENTRA_CLIENT_ID) problems.push('ENTRA_CLIENT_ID: required with AUTH_MODE=entra');
  }
  if (e.BOT_APP_ID && !e.BOT_APP_PASSWORD) problems.push('BOT_APP_PASSWORD: required with BOT_APP_ID');
  if (e.FILE_STORE === 'azure' && !e.AZURE_STORAGE_CONNECTION_STRING) {
    problems.push('AZURE_STORAGE_CONNECTION_STRING: required with FILE_STORE=azure');
  }
  if (problems.length > 0) {
    throw new Error(`Diarium cannot start, the configuration is wrong:\n  ${problems.join('\n  ')}`);
  }
  const dataDir = resolve(e.DATA_DIR);
  const host = e.HOST ?? (authMode === 'dev' ? '127.0.0.1' : '0.0.0.0');
  return {
    production,
    port: e.PORT,
    host,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    dataDir,
    database: e.DATABASE_URL
      ? ({ engine: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } as const)
      : ({ engine: 'pglite', dataDir: resolve(dataDir, 'db') } as const),
    files:
      e.FILE_STORE === 'azure'
        ? ({ kind: 'azure', connectionString: e.AZURE_STORAGE_CONNECTION_STRING!, container: e.AZURE_STORAGE_CONTAINER } as const)
        : ({ kind: 'local', dir: resolve(e.FILES_DIR ?? resolve(dataDir, 'files')) } as const),
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    auth:
      authMode === 'entra'
        ? ({
            mode: 'entra',
            tenantId: e.ENTRA_TENANT_ID!,
            clientId: e.ENTRA_CLIENT_ID!,
            appIdUri: e.ENTRA_APP_ID_URI,
            tokenVersion: e.ENTRA_TOKEN_VERSION as 1 | 2,
            scope: e.ENTRA_SCOPE,
            appRole: e.ENTRA_APP_ROLE,
            organisationName: e.ORGANISATION_NAME ?? 'Diarium',
          } as const)
        : ({ mode: 'dev', scope: e.ENTRA_SCOPE, appRole: e.ENTRA_APP_ROLE } as const),
    graph: {
      /** Where Graph is; null means the dev issuer's emulated Graph on this server (`$PUBLIC_URL/dev/graph/v1.0`). */
      baseUrl: e.GRAPH_BASE_URL ?? (authMode === 'entra' ? 'https://graph.microsoft.com/v1.0' : null),
      authorityHost: e.ENTRA_AUTHORITY_HOST,
      clientSecret: e.ENTRA_CLIENT_SECRET,
      clientCertificatePath: e.ENTRA_CLIENT_CERTIFICATE_PATH ? resolve(e.ENTRA_CLIENT_CERTIFICATE_PATH) : undefined,
    },
    frontEnds: {
      addinDir: resolve(e.ADDIN_DIR ?? DEFAULT_ADDIN_DIR),
      tabsDir: resolve(e.TABS_DIR ?? DEFAULT_TABS_DIR),
      teamsAppId: e.TEAMS_APP_ID,
      // Outside Teams (no app id), a case opens in the tabs' case page.
      caseUrl: e.CASE_URL ?? '/tabs/case.html?case={caseNumber}',
    },
    /** The bot's Azure Bot registration; without it the bot runs only in local emulation (dev issuer). */
    bot: e.BOT_APP_ID && e.BOT_APP_PASSWORD ? { appId: e.BOT_APP_ID, appPassword: e.BOT_APP_PASSWORD } : null,
    /**
     * What this process does: `serve` the API, bot and front ends (no background jobs); `worker`
     * runs the background jobs (ingestion, notices, marks) and answers only /healthz and /readyz;
     * `all` does both (npm start).
     */
    role: e.ROLE,
    jobPollMs: e.ROLE === 'serve' ? 0 : e.JOB_POLL_MS,
    /** How long a runner holds a job before another may take it up again (its runner died). */
    jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
    /**
     * Where the function mailboxes' mail comes from: Graph (production), or a folder of .eml
     * files per mailbox, `MAIL_DIR/{address}/` (npm start, and e-services that deliver to a folder).
     */
    mailSource:
      (e.MAIL_SOURCE ?? (authMode === 'entra' ? 'graph' : 'directory')) === 'graph'
        ? ({ kind: 'graph' } as const)
        : ({ kind: 'directory', dir: resolve(e.MAIL_DIR ?? resolve(dataDir, 'mailboxes')) } as const),
    /** How often each function mailbox is synced besides when Graph notifies: the safety net. */
    mailboxSyncMs: e.MAILBOX_SYNC_SECONDS * 1000,
    // The serving process seeds; a worker starting beside it does not race it.
    seedDemo: e.ROLE !== 'worker' && (e.SEED_DEMO ?? authMode === 'dev'),
    demoCases: e.DEMO_CASES,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}
