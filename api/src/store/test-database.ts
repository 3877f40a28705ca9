import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from './database.ts';

/**
 * A fresh, migrated database for one test file, on the engine the test project names:
 * embedded PGlite, or a new database on the PostgreSQL server at TEST_DATABASE_URL.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const engine = process.env.DIARIUM_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  if (engine === 'pglite') return openDatabase({ engine: 'pglite', dataDir: null });

  const serverUrl = testServerUrl();
  const name = `diarium_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${serverUrl}. Start one, or set TEST_DATABASE_URL. (${String(error)})`,
    );
  }
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 20 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}
