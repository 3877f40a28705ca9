import { describe, expect, it } from 'vitest';
import { caseWebUrl, channelCaseLink, personalCaseLink, stageCaseLink } from './links.ts';

const app = { appId: '5f0c2b1e-7d4e-4c8e-9a51-6c3b2f1d0e77', baseUrl: 'https://diarium.ekby.se' };
const contextOf = (link: string) => JSON.parse(new URL(link).searchParams.get('context')!) as Record<string, string>;

describe('links to a case in Teams', () => {
  it('open the channel tab bound to the case, at the case, with a web fallback', () => {
    const link = channelCaseLink(app, { teamId: 'team-1', channelId: '19:abc@thread.tacv2', caseId: 'c1' }, { caseNumber: 'KS 2026/0042' });
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(`https://teams.microsoft.com/l/entity/${app.appId}/diarium-case-c1`);
    expect(contextOf(link)).toEqual({ subEntityId: 'KS 2026/0042', channelId: '19:abc@thread.tacv2' });
    expect(url.searchParams.get('groupId')).toBe('team-1');
    expect(url.searchParams.get('webUrl')).toBe('https://diarium.ekby.se/tabs/case.html?case=KS+2026%2F0042');
  });

  it('open the personal tab at the case', () => {
    const link = personalCaseLink(app, { caseNumber: 'BN 2026/0007' });
    expect(new URL(link).pathname).toBe(`/l/entity/${app.appId}/mitt-arbete`);
    expect(contextOf(link)).toEqual({ subEntityId: 'BN 2026/0007' });
  });

  it('open a stage view of the case page', () => {
    const context = contextOf(stageCaseLink(app, { caseNumber: 'KS 2026/0042', title: 'Detaljplan för Sjövik' }));
    expect(context.contentUrl).toBe(caseWebUrl(app.baseUrl, 'KS 2026/0042'));
    expect(context.name).toBe('KS 2026/0042 Detaljplan för Sjövik');
  });
});
