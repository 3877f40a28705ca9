import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCaller, startTestServer, type ApiCall, type NewCase, type TestServer } from './test-server.ts';

// GET /cases/{ref}/links: where a case opens, for the bot's cards and for sharing a case.

const APP_ID = '5f0c2b1e-7d4e-4c8e-9a51-6c3b2f1d0e77';
const contextOf = (link: string) => JSON.parse(new URL(link).searchParams.get('context')!) as Record<string, string>;

let s: TestServer;
let bare: TestServer;
let call: ApiCall;
let newCase: NewCase;
beforeAll(async () => {
  [s, bare] = await Promise.all([startTestServer({ teamsAppId: APP_ID }), startTestServer()]);
  ({ call, newCase } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', sofia: 'sofia.ek@ekby.se' }));
});
afterAll(async () => {
  await Promise.all([s.close(), bare.close()]);
});

describe('links to a case', () => {
  it('open the channel tab bound to the case, the personal tab and a stage view in Teams, and the case page outside it', async () => {
    const c = await newCase('KS', 'Detaljplan för Sjövik 2:14');
    const unbound = await call('GET', `/api/v1/cases/${encodeURIComponent(c.caseNumber)}/links`);
    expect(unbound.status).toBe(200);
    expect(unbound.body.web).toBe(`http://localhost/tabs/case.html?case=${encodeURIComponent(c.caseNumber).replace('%20', '+')}`);
    expect(unbound.body.teams.channel).toBeNull();
    expect(new URL(unbound.body.teams.personal).pathname).toBe(`/l/entity/${APP_ID}/mitt-arbete`);

    const tab = '/api/v1/channel-tabs/team-sjovik/19%3Asjovik%40thread.tacv2';
    expect((await call('PUT', tab, { json: { caseRef: c.id } })).status).toBe(201);
    const bound = await call('GET', `/api/v1/cases/${c.id}/links`);
    const channel = new URL(bound.body.teams.channel);
    expect(channel.pathname).toBe(`/l/entity/${APP_ID}/diarium-case-${c.id}`);
    expect(channel.searchParams.get('groupId')).toBe('team-sjovik');
    expect(contextOf(bound.body.teams.channel)).toEqual({ subEntityId: c.caseNumber, channelId: '19:sjovik@thread.tacv2' });
    expect(contextOf(bound.body.teams.stage).name).toBe(`${c.caseNumber} Detaljplan för Sjövik 2:14`);
  });

  it('never tell an outsider which channel works on a confidential case, nor its internal title', async () => {
    const secret = await newCase('KS', 'Förvärv av fastigheten Sjövik 2:14 – budgivning', {
      publicTitle: 'Förvärv av fastighet',
      confidentiality: { provision: 'OSL 19 kap. 1 §' },
    });
    expect((await call('PUT', '/api/v1/channel-tabs/team-x/19%3Ax%40thread.tacv2', { json: { caseRef: secret.id } })).status).toBe(201);

    const theirs = await call('GET', `/api/v1/cases/${secret.id}/links`, { as: 'sofia' });
    expect(theirs.status).toBe(200);
    expect(theirs.body.teams.channel).toBeNull();
    expect(JSON.stringify(theirs.body)).not.toContain('budgivning');
    const ours = await call('GET', `/api/v1/cases/${secret.id}/links`);
    expect(ours.body.teams.channel).not.toBeNull();
    // The stage view may be opened over a chat others read: the public title, even for the registrar.
    expect(contextOf(ours.body.teams.stage).name).toBe(`${secret.caseNumber} Förvärv av fastighet`);
  });

  it('give only the case page without a Teams app, and a clear 404 for an unknown case', async () => {
    const other = await signedInCaller(bare, { karin: 'karin.lindqvist@ekby.se' });
    const c = await other.newCase('BN', 'Bygglov för carport, Sjövik 8:28');
    const links = await other.call('GET', `/api/v1/cases/${c.id}/links`);
    expect(links.body).toEqual({ caseNumber: c.caseNumber, web: expect.stringContaining('/tabs/case.html?case='), teams: null });
    const missing = await other.call('GET', '/api/v1/cases/BN%202020%2F9999/links');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
