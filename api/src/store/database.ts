import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** An open transaction, as `db.transaction` hands it to its callback. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A transaction, or the database itself: repositories accept either. */
export type Queryable = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction' | 'query'>;

export interface DatabaseHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  /** Answers when the database does; for /readyz. */
  ping(): Promise<void>;
  /**
   * Refreshes the planner's statistics where nothing else does: PGlite has no autovacuum,
   * and without statistics a search that takes milliseconds takes a quarter of a second.
   */
  maintain(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | { engine: 'pglite'; dataDir: string | null }
  | { engine: 'postgres'; url: string; poolSize?: number };

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Any constant will do; it keeps two processes from migrating at the same time.
const MIGRATION_LOCK = 4_711_042;

/** Opens the register's database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const handle = config.engine === 'pglite' ? await openPglite(config.dataDir) : await openPostgres(config);
  return handle;
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  let unlock = async () => undefined as void;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } }).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  const maintain = async () => {
    await client.exec('analyze');
  };
  await maintain();
  return {
    db: db as unknown as Database,
    engine: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    maintain,
    close: async () => {
      await client.close();
      await unlock();
    },
  };
}

async function openPostgres(config: { url: string; poolSize?: number }): Promise<DatabaseHandle> {
  // A server that takes connections but never answers (hung, or cut off by the network) gives an
  // error within seconds, answered as 503, instead of requests that wait for ever.
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10, connectionTimeoutMillis: 5_000, keepAlive: true });
  // An idle client that errors (the server restarts) must not take the process down; nor may a
  // checked-out one (in a transaction) whose connection drops: node-postgres emits 'error' on it
  // besides failing its query, and the pool removes it when it is released.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  const db = drizzleNodePg({ client: pool, schema });
  return {
    db: db as unknown as Database,
    engine: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // PostgreSQL's autovacuum keeps statistics current.
    maintain: async () => undefined,
    close: () => pool.end(),
  };
}

/** The rows of a raw query, whichever driver ran it. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
