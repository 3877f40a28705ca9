import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../api/src/store/database.ts';
import { testServerUrl } from '../../api/src/store/test-database.ts';
import type { Engine } from './options.ts';

export interface BenchDatabase {
  handle: DatabaseHandle;
  /** Where the data lives: a folder for PGlite, a URL for PostgreSQL. */
  location: string;
  /** Closes, and removes the data unless it is to be kept. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one benchmark run. PGlite keeps its data in a folder,
 * as a one-machine installation does; PostgreSQL gets a new database on the test server.
 */
export async function openBenchDatabase(engine: Engine, options: { keep: boolean; poolSize: number }): Promise<BenchDatabase> {
  return engine === 'pglite' ? openPgliteBench(options.keep) : openPostgresBench(options);
}

async function openPgliteBench(keep: boolean): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'diarium-bench-pglite-'));
  const handle = await openDatabase({ engine: 'pglite', dataDir });
  return {
    handle,
    location: dataDir,
    close: async () => {
      await handle.close();
      if (!keep) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgresBench(options: { keep: boolean; poolSize: number }): Promise<BenchDatabase> {
  const serverUrl = testServerUrl();
  const name = `diarium_bench_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () => onServer(serverUrl, `drop database if exists ${name} with (force)`);
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: options.poolSize });
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    handle,
    location: url.toString(),
    close: async () => {
      await handle.close();
      if (!options.keep) await drop();
    },
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`No PostgreSQL server at ${serverUrl}. Start one, or set TEST_DATABASE_URL. (${String(error)})`);
  }
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
