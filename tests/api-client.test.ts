import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiProblem, createApiClient, type ApiClient } from '@diarium/core';
import { startTestServer, type TestServer } from '../api/src/http/test-server.ts';

let server: TestServer;
let registrar: ApiClient;
let reader: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  const client = (email: string, locale = 'sv') =>
    createApiClient({ baseUrl: server.url, getToken: () => server.tokenFor(email), locale });
  registrar = client('karin.lindqvist@ekby.se');
  reader = client('sofia.ek@ekby.se', 'en');
});
afterAll(() => server.close());

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof ApiProblem ? error : null),
  );

describe('the typed API client the front ends use', () => {
  it('registers a case and a document with a file, and reads them back', async () => {
    const created = await registrar.registerCase({ diary: 'BN', title: 'Ansökan om marklov på Tallbacken 7:3' });
    expect(created.caseNumber).toMatch(/^BN \d{4}\/0001$/);
    const { document, alreadyRegistered } = await registrar.registerDocument(
      created.caseNumber,
      { direction: 'incoming', kind: 'letter', title: 'Ansökan' },
      [{ name: 'ansökan.txt', content: new Blob(['Jag söker marklov.']) }],
    );
    expect(alreadyRegistered).toBe(false);
    expect(document.access === 'full' && document.files.map((f) => f.name)).toEqual(['ansökan.txt']);
    expect((await reader.caseDocuments(created.id)).map((d) => d.documentNumber)).toEqual([document.documentNumber]);
    expect((await reader.searchCases({ q: 'marklov' })).items.map((i) => i.caseNumber)).toEqual([created.caseNumber]);
    expect((await registrar.caseEvents(created.id)).map((e) => e.action)).toEqual(['case.registered', 'document.registered']);
  });

  it("turns a refusal into an ApiProblem in the reader's language, naming the fields", async () => {
    const problem = await problemOf(reader.registerCase({ diary: 'KS', title: 'x' }));
    expect(problem?.status).toBe(403);
    expect(problem?.message).toBe('You need the registrar or officer role in the diary KS to register.');
    const invalid = await problemOf(registrar.registerCase({ diary: 'QQ', title: 'x' }));
    expect(invalid?.fieldErrors).toEqual([{ field: 'diary', message: 'Diariet QQ finns inte.' }]);
  });

  it('sends the version it read, so a stale change is refused with 412', async () => {
    const read = await registrar.registerCase({ diary: 'KS', title: 'Remiss om översiktsplan' });
    const changed = await registrar.updateCase(read, { title: 'Remiss om ny översiktsplan' });
    expect(changed.access === 'full' && changed.version).toBe(2);
    const stale = await problemOf(registrar.updateCase(read, { title: 'Något annat' }));
    expect(stale?.code).toBe('precondition_failed');
  });

  it('gives a readable problem when something between us and the API answers instead', async () => {
    const viaProxy = createApiClient({
      baseUrl: server.url,
      getToken: async () => 'token',
      fetch: async () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    const problem = await problemOf(viaProxy.me());
    expect(problem?.code).toBe('unavailable');
    expect(problem?.message).toBe('Försök igen om en stund.');
  });
});
