import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('configuration', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.engine).toBe('pglite');
    expect(config.files.kind).toBe('local');
    expect(config.auth.mode).toBe('dev');
    expect(config.host).toBe('127.0.0.1');
    expect(config.seedDemo).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and DATA_DIR moves the embedded data', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://db.example:5432/diarium' }).database.engine).toBe('postgres');
    const config = parseConfig({ DATA_DIR: '/var/lib/diarium' });
    expect(config.database).toEqual({ engine: 'pglite', dataDir: '/var/lib/diarium/db' });
  });

  it('refuses the dev issuer in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(/AUTH_MODE/);
  });

  it('names every missing or wrong variable', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/ENTRA_TENANT_ID[\s\S]*ENTRA_CLIENT_ID/);
    expect(() => parseConfig({ PORT: 'tusen' })).toThrow(/PORT/);
    expect(() => parseConfig({ FILE_STORE: 'azure' })).toThrow(/AZURE_STORAGE_CONNECTION_STRING/);
  });
});
