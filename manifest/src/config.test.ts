import { describe, expect, it } from 'vitest';
import { parseManifestConfig } from './config.ts';
import { exampleEnv } from './test/example-env.ts';

describe('the app package configuration', () => {
  it('reads the ids and the host from the environment', () => {
    const config = parseManifestConfig(exampleEnv);
    expect(config).toMatchObject({
      teamsAppId: exampleEnv.TEAMS_APP_ID,
      entraClientId: exampleEnv.ENTRA_CLIENT_ID,
      botAppId: exampleEnv.BOT_APP_ID,
      baseUrl: 'https://diarium.ekby.se',
      host: 'diarium.ekby.se',
      appIdUri: `api://diarium.ekby.se/${exampleEnv.ENTRA_CLIENT_ID}`,
      version: '1.0.0',
      publisher: 'Ekby kommun',
    });
  });

  it('takes the Application ID URI from ENTRA_APP_ID_URI when it is set', () => {
    const config = parseManifestConfig({ ...exampleEnv, ENTRA_APP_ID_URI: 'api://diarium.ekby.se/diarium' });
    expect(config.appIdUri).toBe('api://diarium.ekby.se/diarium');
  });

  it.each(['TEAMS_APP_ID', 'ENTRA_CLIENT_ID', 'BOT_APP_ID', 'PUBLIC_URL'] as const)('stops with a message naming %s when it is missing', (name) => {
    const env: Record<string, string | undefined> = { ...exampleEnv };
    delete env[name];
    expect(() => parseManifestConfig(env)).toThrow(new RegExp(`${name}: required`));
  });

  it('names every missing variable at once', () => {
    const error = captureError(() => parseManifestConfig({}));
    for (const name of ['TEAMS_APP_ID', 'ENTRA_CLIENT_ID', 'BOT_APP_ID', 'PUBLIC_URL']) expect(error).toContain(name);
  });

  it('refuses an id that is not a GUID, naming the variable', () => {
    expect(() => parseManifestConfig({ ...exampleEnv, BOT_APP_ID: 'diarium-bot' })).toThrow(/BOT_APP_ID: must be a GUID/);
  });

  it('refuses a public address that is not https, or that has a path', () => {
    expect(() => parseManifestConfig({ ...exampleEnv, PUBLIC_URL: 'http://diarium.ekby.se' })).toThrow(/PUBLIC_URL: must be an https:\/\/ address/);
    expect(() => parseManifestConfig({ ...exampleEnv, PUBLIC_URL: 'https://ekby.se/diarium' })).toThrow(/PUBLIC_URL: must be the root of a host/);
  });

  it('refuses a version Teams would not take', () => {
    expect(() => parseManifestConfig({ ...exampleEnv, TEAMS_APP_VERSION: 'v2' })).toThrow(/TEAMS_APP_VERSION/);
  });
});

function captureError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}
