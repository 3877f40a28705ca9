import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BYGGLOV, testEmulator, type Answer } from './emulator-test-kit.ts';

// Delta sync of a function mailbox's inbox, as Graph's "Get incremental changes to messages
// in a folder" shows it (fixtures copied from Microsoft's documentation).

const fixture = async (name: string) => JSON.parse(await readFile(`/work/shared/fixtures/graph/${name}`, 'utf8')) as Record<string, unknown>;
const INBOX_DELTA = `/users/${BYGGLOV}/mailFolders/inbox/messages/delta`;

/** Follows nextLinks to the end of a round: every page, and the deltaLink. */
async function round(ask: ReturnType<typeof testEmulator>['ask'], first: string, prefer?: string) {
  const pages: Answer[] = [];
  let next: string | undefined = first;
  while (next) {
    const page: Answer = await ask('GET', next, prefer ? { prefer } : {});
    expect(page.status).toBe(200);
    pages.push(page);
    next = page.json['@odata.nextLink'];
  }
  const last = pages.at(-1)!;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- delta items are checked field by field
  return { pages, items: pages.flatMap((p) => p.json.value as any[]), deltaLink: last.json['@odata.deltaLink'] as string };
}

describe('delta sync of a mail folder', () => {
  it('pages a first round by odata.maxpagesize, with nextLinks then a deltaLink, shaped as the documentation shows', async () => {
    const { ask, deliver } = testEmulator();
    deliver(BYGGLOV, ['Ansökan 1', 'Ansökan 2', 'Ansökan 3', 'Ansökan 4', 'Ansökan 5']);
    const documented = await fixture('message-delta-page-with-nextlink.json');
    const final = await fixture('message-delta-final-with-deltalink.json');

    const first = await ask('GET', `${INBOX_DELTA}?$select=subject,sender,isRead`, { prefer: 'odata.maxpagesize=2' });

    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    expect(Object.keys(first.json).sort()).toEqual(Object.keys(documented).sort());
    expect(first.json['@odata.context']).toBe(documented['@odata.context']);
    expect(first.json['@odata.nextLink']).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\/bygglov@ekby\.se\/mailFolders\/inbox\/messages\/delta\?\$skiptoken=[\w-]+$/);
    const documentedItem = (documented.value as Record<string, unknown>[])[0]!;
    expect(Object.keys(first.json.value[0]).sort()).toEqual(Object.keys(documentedItem).sort());
    expect(first.json.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.message', '@odata.etag': expect.stringMatching(/^W\/"/), isRead: false });

    const { pages, items, deltaLink } = await round(ask, first.json['@odata.nextLink'], 'odata.maxpagesize=2');
    expect(pages.map((p) => p.json.value.length)).toEqual([2, 1]);
    expect(Object.keys(pages[1]!.json).sort()).toEqual(Object.keys(final).sort());
    expect(deltaLink).toMatch(/\/messages\/delta\?\$deltatoken=[\w-]+$/);
    // The $select of the first request is kept in the tokens.
    expect(Object.keys(items[0]).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'isRead', 'sender', 'subject']);
    expect([...first.json.value, ...items].map((m: { subject: string }) => m.subject).sort()).toEqual(['Ansökan 1', 'Ansökan 2', 'Ansökan 3', 'Ansökan 4', 'Ansökan 5']);
  });

  it('gives pages of 10 without a preference, at most 1000, and keeps the caller’s base under /dev/graph', async () => {
    const { ask, deliver } = testEmulator();
    deliver(BYGGLOV, Array.from({ length: 1001 }, (_, i) => `Ärende ${i}`));

    const plain = await ask('GET', `/users/${BYGGLOV}/mailFolders('inbox')/messages/delta`);
    const big = await ask('GET', `http://localhost:3000/dev/graph/v1.0${INBOX_DELTA}`, { prefer: 'odata.maxpagesize=5000, IdType="ImmutableId"' });

    expect(plain.json.value).toHaveLength(10);
    expect(plain.headers.get('preference-applied')).toBeNull();
    expect(plain.json['@odata.nextLink']).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\/bygglov@ekby\.se\/mailFolders\('inbox'\)\/messages\/delta\?\$skiptoken=/);
    expect(big.json.value).toHaveLength(1000);
    expect(big.headers.get('preference-applied')).toBe('odata.maxpagesize=1000');
    expect(big.json['@odata.nextLink']).toMatch(/^http:\/\/localhost:3000\/dev\/graph\/v1\.0\/users\//);
    expect(big.json.value[0].id).toMatch(/^AAkALg/);
  });

  it('answers the next round with only what changed: new, updated, and removed (deleted or moved out) messages', async () => {
    const { graph, ask, deliver } = testEmulator();
    const box = graph.mailboxes.find(BYGGLOV)!;
    const [kept, read, deleted, moved] = deliver(BYGGLOV, ['Oförändrad', 'Läst', 'Raderad', 'Flyttad']);
    const { deltaLink } = await round(ask, `${INBOX_DELTA}?$select=subject,isRead`);
    const documented = await fixture('message-delta-next-round-removed-and-updated.json');
    const [removedShape] = documented.value as Record<string, unknown>[];

    const deletedId = deleted!.restId;
    const movedId = moved!.restId;
    graph.mailboxes.update(box, read!.restId, { isRead: true });
    graph.mailboxes.move(box, deletedId, null);
    graph.mailboxes.move(box, movedId, 'deleteditems');
    const [added] = deliver(BYGGLOV, ['Ny ansökan']);
    const next = await round(ask, deltaLink);

    expect(next.items).toHaveLength(4);
    expect(next.items.filter((i) => i['@removed'])).toEqual([
      { '@odata.type': '#microsoft.graph.message', id: deletedId, '@removed': { reason: 'deleted' } },
      { '@odata.type': '#microsoft.graph.message', id: movedId, '@removed': { reason: 'deleted' } },
    ]);
    expect(Object.keys(next.items[0]).sort()).toEqual(Object.keys(removedShape!).sort());
    expect(next.items.filter((i) => !i['@removed']).map((i) => [i.id, i.subject, i.isRead])).toEqual(
      expect.arrayContaining([
        [read!.restId, 'Läst', true],
        [added!.restId, 'Ny ansökan', false],
      ]),
    );
    expect(next.items.map((i) => i.id)).not.toContain(kept!.restId);
    expect((await round(ask, next.deltaLink)).items).toEqual([]);
  });

  it('loses no mail that arrives while a round is being paged', async () => {
    const { ask, deliver } = testEmulator();
    deliver(BYGGLOV, ['Före 1', 'Före 2', 'Före 3', 'Före 4']);
    const seen: string[] = [];

    const first = await ask('GET', INBOX_DELTA, { prefer: 'odata.maxpagesize=2' });
    seen.push(...first.json.value.map((m: { subject: string }) => m.subject));
    deliver(BYGGLOV, ['Under 1', 'Under 2', 'Under 3']);
    const rest = await round(ask, first.json['@odata.nextLink'], 'odata.maxpagesize=2');
    seen.push(...rest.items.map((m) => m.subject));
    const next = await round(ask, rest.deltaLink);
    seen.push(...next.items.map((m) => m.subject));

    expect(new Set(seen)).toEqual(new Set(['Före 1', 'Före 2', 'Före 3', 'Före 4', 'Under 1', 'Under 2', 'Under 3']));
  });

  it('answers 410 syncStateNotFound to a token it did not issue or has expired, with where to start again', async () => {
    const { graph, ask, deliver } = testEmulator();
    deliver(BYGGLOV, ['Ett', 'Två', 'Tre']);
    const first = await ask('GET', INBOX_DELTA, { prefer: 'odata.maxpagesize=1' });
    const { deltaLink } = await round(ask, first.json['@odata.nextLink'], 'odata.maxpagesize=1');
    expect((await ask('GET', deltaLink)).status).toBe(200);

    const forged = await ask('GET', `${INBOX_DELTA}?$deltatoken=GwcBoTmPuoGNlgXgF1nyUNMXY`);
    graph.mailboxes.expireSyncState(BYGGLOV);
    const expired = await ask('GET', deltaLink);
    const expiredPage = await ask('GET', first.json['@odata.nextLink']);

    for (const lost of [forged, expired, expiredPage]) {
      expect(lost.status).toBe(410);
      expect(lost.json.error).toMatchObject({ code: 'syncStateNotFound', message: expect.any(String), innerError: expect.objectContaining({ 'request-id': expect.any(String) }) });
    }
    expect(expired.headers.get('location')).toBe(`https://graph.microsoft.com/v1.0${INBOX_DELTA}`);
    expect((await round(ask, INBOX_DELTA)).items).toHaveLength(3);
  });

  it('returns body when selected but not internetMessageHeaders, which delta does not give; a GET does', async () => {
    const { ask, deliver } = testEmulator();
    const [message] = deliver(BYGGLOV, ['Bygglov Sjövik 2:14']);

    const { items } = await round(ask, `${INBOX_DELTA}?$select=subject,body,internetMessageHeaders,parentFolderId`);
    const got = await ask('GET', `/users/${BYGGLOV}/messages/${message!.restId}?$select=internetMessageHeaders`);

    expect(items[0]).toMatchObject({ subject: 'Bygglov Sjövik 2:14', body: { contentType: 'text', content: 'Ärende: Bygglov Sjövik 2:14' }, parentFolderId: expect.any(String) });
    expect(items[0]).not.toHaveProperty('internetMessageHeaders');
    // As Graph gives them: the header block as written, encoded words left encoded.
    expect(got.json.internetMessageHeaders).toEqual(
      expect.arrayContaining([
        { name: 'Subject', value: '=?UTF-8?B?QnlnZ2xvdiBTasO2dmlrIDI6MTQ=?=' },
        { name: 'Message-ID', value: message!.internetMessageId },
      ]),
    );
  });

  it('filters a round by changeType, and works for /me', async () => {
    const { graph, ask, deliver } = testEmulator();
    const [old] = deliver('karin.lindqvist@ekby.se', ['Gammal']);
    const asKarin: typeof ask = (method, path, init) => ask(method, path, { ...init, as: 'karin' });
    const { items, deltaLink } = await round(asKarin, '/me/mailFolders/inbox/messages/delta?changeType=created');
    expect(items.map((m) => m.subject)).toEqual(['Gammal']);
    graph.mailboxes.update(graph.mailboxes.find('karin.lindqvist@ekby.se')!, old!.restId, { isRead: true });
    deliver('karin.lindqvist@ekby.se', ['Ny']);

    const next = await ask('GET', deltaLink, { as: 'karin' });
    expect(next.json.value.map((m: { subject: string }) => m.subject)).toEqual(['Ny']);
  });
});
