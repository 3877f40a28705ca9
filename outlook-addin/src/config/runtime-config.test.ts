import { describe, expect, it, vi } from 'vitest';
import { caseLinks } from '../app/links.ts';
import { RuntimeConfigSchema, apiScopeOf, loadRuntimeConfig } from './runtime-config.ts';

describe('the runtime configuration', () => {
  it('reads config.json beside the page', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ clientId: 'c1', teamsAppId: 'app1' }), { status: 200 }));
    const config = await loadRuntimeConfig(fetch, 'https://diarium.ekby.se/addin/taskpane.html');
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe('https://diarium.ekby.se/addin/config.json');
    expect(config).toMatchObject({ auth: 'naa', clientId: 'c1', teamsAppId: 'app1', apiBaseUrl: '' });
  });

  it('asks for the API scope of this host, unless told another', () => {
    expect(apiScopeOf(RuntimeConfigSchema.parse({ clientId: 'c1' }), 'diarium.ekby.se')).toBe('api://diarium.ekby.se/c1/access_as_user');
    expect(apiScopeOf(RuntimeConfigSchema.parse({ clientId: 'c1', apiScope: 'api://c1/access_as_user' }), 'x')).toBe('api://c1/access_as_user');
  });
});

describe('where a case opens', () => {
  const c = { id: '00000000-0000-4000-8000-000000000042', caseNumber: 'KS 2026/0042' };

  it('opens in Teams when the Teams app is configured', () => {
    const links = caseLinks({ teamsAppId: 'app1', caseUrl: '' }, 'https://diarium.ekby.se');
    expect(links.inTeams).toBe(true);
    const url = new URL(links.urlOf(c));
    expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/entity/app1/mitt-arbete');
    expect(url.searchParams.get('webUrl')).toBe('https://diarium.ekby.se/tabs/case.html?case=KS+2026%2F0042');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'KS 2026/0042' });
  });

  it('opens the case’s web view otherwise', () => {
    const links = caseLinks({ caseUrl: '/tabs/case.html?case={caseNumber}&id={caseId}' }, 'https://diarium.ekby.se');
    expect(links.inTeams).toBe(false);
    expect(links.urlOf(c)).toBe(`https://diarium.ekby.se/tabs/case.html?case=KS%202026%2F0042&id=${c.id}`);
  });
});
