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

  it('splits serving from background work by ROLE: a serving process runs no jobs, a worker seeds nothing', () => {
    expect(parseConfig({}).role).toBe('all');
    const serve = parseConfig({ ROLE: 'serve', JOB_POLL_MS: '1000' });
    expect([serve.jobPollMs, serve.seedDemo]).toEqual([0, true]);
    const worker = parseConfig({ ROLE: 'worker', JOB_POLL_MS: '1000' });
    expect([worker.jobPollMs, worker.seedDemo]).toEqual([1000, false]);
    expect(() => parseConfig({ ROLE: 'both' })).toThrow(/ROLE/);
  });

  it('refuses the dev issuer in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(/AUTH_MODE/);
  });

  it('names every missing or wrong variable', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/ENTRA_TENANT_ID[\s\S]*ENTRA_CLIENT_ID/);
    expect(() => parseConfig({ PORT: 'tusen' })).toThrow(/PORT/);
    expect(() => parseConfig({ FILE_STORE: 'azure' })).toThrow(/AZURE_STORAGE_CONNECTION_STRING/);
  });

  it("reaches Graph at Microsoft's address with Entra ID, and at this server's emulated Graph with the dev issuer", () => {
    const entra = { NODE_ENV: 'production', ENTRA_TENANT_ID: '5e1f0c3a-7b2d-4c8e-9a61-0d2b3c4e5f60', ENTRA_CLIENT_ID: '6c1f9a2e-3b4d-4e5f-8a7b-9c0d1e2f3a4b' };
    expect(parseConfig(entra).graph).toEqual({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      authorityHost: 'https://login.microsoftonline.com',
      clientSecret: undefined,
      clientCertificatePath: undefined,
    });
    expect(parseConfig({ ...entra, ENTRA_CLIENT_SECRET: 's3cret' }).graph.clientSecret).toBe('s3cret');
    expect(parseConfig({}).graph.baseUrl).toBeNull();
    expect(parseConfig({}).jobPollMs).toBe(5000);
    expect(() => parseConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.com' })).toThrow(/GRAPH_BASE_URL/);
    expect(() => parseConfig({ ENTRA_AUTHORITY_HOST: 'http://login.microsoftonline.com' })).toThrow(/ENTRA_AUTHORITY_HOST/);
  });
});
