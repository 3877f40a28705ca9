import { readFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { createGraphEmulator, type GraphCaller, type GraphEmulator } from './emulator.ts';

// The emulated Graph answers as Graph does: the payload shapes of Microsoft's documentation
// (copied to /work/shared/fixtures/graph), its errors, and its ids.

const FIXTURES = '/work/shared/fixtures/';
const fixture = async (name: string) => JSON.parse(await readFile(`${FIXTURES}graph/${name}`, 'utf8')) as Record<string, unknown>;
const KARIN: GraphCaller = { kind: 'user', objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000001', address: 'karin.lindqvist@ekby.se', name: 'Karin Lindqvist' };
const APP: GraphCaller = { kind: 'app', appId: 'diarium' };

let graph: GraphEmulator;
beforeEach(() => {
  graph = createGraphEmulator({ authenticate: async (token) => ({ karin: KARIN, app: APP })[token] ?? null });
  graph.mailboxes.addMailbox({ address: KARIN.address, objectId: KARIN.objectId, displayName: KARIN.name });
  graph.mailboxes.addMailbox({ address: 'registrator@ekby.se', displayName: 'Registrator', kind: 'shared' });
});

async function ask(method: string, path: string, options: { as?: string; json?: unknown; prefer?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (options.as !== undefined) headers.authorization = `Bearer ${options.as}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.prefer) headers.prefer = 'IdType="ImmutableId"';
  const res = await graph.handle(
    new Request(`https://graph.microsoft.com/v1.0${path}`, { method, headers, ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}) }),
  );
  const text = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, raw: text, json: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text.toString()) : null };
}

const sample = () => readFile(`${FIXTURES}mime/nodemailer-alternative-related-cid-rfc2231.eml`);

describe('the emulated Graph', () => {
  it('shows a message with the properties Graph documents, ids immutable when asked', async () => {
    const message = await graph.mailboxes.addMessage(KARIN.address, await sample());
    const documented = Object.keys(await fixture('message-get.json')).filter((k) => k !== '@odata.context');

    const res = await ask('GET', `/me/messages/${message.restId}`, { as: 'karin', prefer: true });

    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(documented.sort());
    expect(res.json).toMatchObject({
      id: message.immutableId,
      subject: 'Nodemailer is unicode friendly ✔ (1476358788189)',
      internetMessageId: '<012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee>',
      from: { emailAddress: { name: 'Andris Kreata', address: 'andris@kreata.ee' } },
      hasAttachments: true,
      body: { contentType: 'html' },
    });
    expect((await ask('GET', `/me/messages/${message.immutableId}`, { as: 'karin' })).json.id).toBe(message.restId);
  });

  it('narrows with $select and gives the size as PR_MESSAGE_SIZE when expanded', async () => {
    const raw = await sample();
    const message = await graph.mailboxes.addMessage(KARIN.address, raw);
    const expand = encodeURIComponent("singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')");
    const res = await ask('GET', `/me/messages/${message.restId}?$select=subject,conversationId&$expand=${expand}`, { as: 'karin' });
    expect(res.json).toEqual({
      '@odata.etag': expect.any(String),
      id: message.restId,
      subject: expect.any(String),
      conversationId: message.conversationId,
      singleValueExtendedProperties: [{ id: 'Integer 0xe08', value: String(raw.length) }],
    });
  });

  it('lists attachments as Graph does, and gives the MIME back byte for byte', async () => {
    const raw = await sample();
    const message = await graph.mailboxes.addMessage(KARIN.address, raw);
    const documented = Object.keys(((await fixture('message-attachments-list.json')).value as Record<string, unknown>[])[0]!).filter(
      (k) => k !== 'contentBytes' && k !== 'contentLocation',
    );

    const list = await ask('GET', `/me/messages/${message.restId}/attachments`, { as: 'karin' });
    const value = await ask('GET', `/me/messages/${message.restId}/$value`, { as: 'karin' });

    expect(Object.keys(list.json.value[0]).sort()).toEqual(documented.sort());
    expect(list.json.value.map((a: { name: string; isInline: boolean; contentId: string | null }) => [a.name, a.isInline, a.contentId])).toEqual([
      ['ATT00001.bin', false, null],
      ['image.png', true, 'note@example.com'],
      ['nyan cat ✔.gif', true, 'nyan@example.com'],
      ['notes.txt', false, null],
    ]);
    expect(value.raw.equals(raw)).toBe(true);
  });

  it("lists a mailbox for the add-in's dev page: newest first, with attachments expanded", async () => {
    await graph.mailboxes.addMessage(KARIN.address, await readFile(`${FIXTURES}mime/rfc2047-norwegian-from-qp-exchange.eml`));
    await graph.mailboxes.addMessage(KARIN.address, await sample());
    const res = await ask('GET', '/me/messages?$expand=attachments&$top=50', { as: 'karin' });
    expect(res.json.value).toHaveLength(2);
    for (const message of res.json.value) {
      for (const key of ['id', 'subject', 'from', 'toRecipients', 'ccRecipients', 'receivedDateTime', 'sentDateTime', 'internetMessageId', 'conversationId', 'bodyPreview', 'body', 'hasAttachments', 'attachments']) {
        expect(message).toHaveProperty(key);
      }
    }
    expect(res.json.value[1].from.emailAddress.name).toBe('Jørn Støylen');
  });

  it('translates REST ids to immutable ids, which survive a move while REST ids do not', async () => {
    const message = await graph.mailboxes.addMessage(KARIN.address, await sample());
    const restId = message.restId;
    const translated = await ask('POST', '/me/translateExchangeIds', {
      as: 'karin',
      json: { inputIds: [restId, 'not an id'], sourceIdType: 'restId', targetIdType: 'restImmutableEntryId' },
    });
    expect(translated.json.value).toEqual([
      { sourceId: restId, targetId: message.immutableId },
      { sourceId: 'not an id', errorDetails: { code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' } },
    ]);

    graph.mailboxes.move(graph.mailboxes.find(KARIN.address)!, restId, 'sentitems');
    expect((await ask('GET', `/me/messages/${restId}`, { as: 'karin' })).status).toBe(404);
    expect((await ask('GET', `/me/messages/${message.immutableId}`, { as: 'karin' })).status).toBe(200);
  });

  it('answers errors in the shape Graph documents', async () => {
    const documented = (await fixture('error-429.json')).error as Record<string, unknown>;
    graph.faults.add({ match: /^GET \/me\/messages$/, status: 429, retryAfter: '2.128' });

    const throttled = await ask('GET', '/me/messages', { as: 'karin' });
    const missing = await ask('GET', '/me/messages/AAMkADgone', { as: 'karin' });
    const anonymous = await ask('GET', '/me/messages');
    const appAsMe = await ask('GET', '/me/messages', { as: 'app' });

    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2.128');
    expect(Object.keys(throttled.json.error).sort()).toEqual(Object.keys(documented).sort());
    expect(throttled.json.error.innerError).toHaveProperty('request-id');
    expect(missing).toMatchObject({ status: 404, json: { error: { code: 'ErrorItemNotFound' } } });
    expect(anonymous).toMatchObject({ status: 401, json: { error: { code: 'InvalidAuthenticationToken' } } });
    expect(appAsMe).toMatchObject({ status: 400, json: { error: { message: '/me request is only valid with delegated authentication flow.' } } });
  });

  it("opens a shared mailbox to its users and to apps, but not another user's own", async () => {
    await graph.mailboxes.addMessage('registrator@ekby.se', await sample());
    graph.mailboxes.addMailbox({ address: 'johan.berg@ekby.se', objectId: 'j', displayName: 'Johan' });
    expect((await ask('GET', '/users/registrator@ekby.se/messages', { as: 'karin' })).json.value).toHaveLength(1);
    expect((await ask('GET', `/users/${KARIN.objectId}/messages`, { as: 'app' })).status).toBe(200);
    expect((await ask('GET', '/users/johan.berg@ekby.se/messages', { as: 'karin' })).status).toBe(403);
    expect((await ask('GET', '/users/nobody@ekby.se/messages', { as: 'karin' })).json.error.code).toBe('ErrorInvalidUser');
  });

  it('keeps categories and the master category list', async () => {
    const message = await graph.mailboxes.addMessage(KARIN.address, await sample());
    const patched = await ask('PATCH', `/me/messages/${message.restId}`, { as: 'karin', json: { categories: ['Diarieförd KS 2026/0042-3'] } });
    const created = await ask('POST', '/me/outlook/masterCategories', { as: 'karin', json: { displayName: 'Diarieförd KS 2026/0042-3', color: 'preset4' } });
    const twice = await ask('POST', '/me/outlook/masterCategories', { as: 'karin', json: { displayName: 'Diarieförd KS 2026/0042-3', color: 'preset4' } });
    const list = await ask('GET', '/me/outlook/masterCategories', { as: 'karin' });

    expect(patched.json.categories).toEqual(['Diarieförd KS 2026/0042-3']);
    expect(created).toMatchObject({ status: 201, json: { id: expect.any(String), displayName: 'Diarieförd KS 2026/0042-3', color: 'preset4' } });
    expect(twice.status).toBe(409);
    expect(list.json.value).toEqual([created.json]);
  });

  it('makes a draft, sends it, and finds the sent copy in Sent Items by its internetMessageId', async () => {
    const draft = await ask('POST', '/me/messages', {
      as: 'karin',
      json: { subject: 'Begäran om komplettering', body: { contentType: 'Text', content: 'Vi behöver en situationsplan.' }, toRecipients: [{ emailAddress: { name: 'Per Åberg', address: 'per.aberg@exempel.se' } }] },
    });
    expect(draft).toMatchObject({ status: 201, json: { isDraft: true, subject: 'Begäran om komplettering', sentDateTime: null } });

    expect((await ask('POST', `/me/messages/${draft.json.id}/send`, { as: 'karin' })).status).toBe(202);
    const filter = encodeURIComponent(`internetMessageId eq '${draft.json.internetMessageId}'`);
    const sent = await ask('GET', `/me/mailFolders('sentitems')/messages?$filter=${filter}`, { as: 'karin' });
    const raw = await ask('GET', `/me/messages/${sent.json.value[0].id}/$value`, { as: 'karin' });

    expect(sent.json.value).toEqual([expect.objectContaining({ internetMessageId: draft.json.internetMessageId, isDraft: false, sentDateTime: expect.any(String) })]);
    expect(raw.raw.toString()).toContain('Subject: =?UTF-8?B?');
    expect((await ask('GET', `/me/mailFolders/drafts/messages`, { as: 'karin' })).json.value).toEqual([]);
  });
});

describe('the emulated Graph, files of a Teams channel', () => {
  function channel() {
    const team = graph.drives.addTeam({ displayName: 'Ekby kommun – Projekt Sjövik' });
    const ch = graph.drives.addChannel(team.id, { displayName: 'Detaljplan Sjövik 2:14' });
    const file = graph.drives.addFile(team.id, ch.id, { name: 'Plankarta.pdf', content: Buffer.from('%PDF-1.4 v1'), mediaType: 'application/pdf' });
    return { team, ch, file };
  }

  it('finds the files folder, lists its children page by page, and answers a driveItem as Graph does', async () => {
    const { team, ch, file } = channel();
    graph.drives.addFile(team.id, ch.id, { name: 'Beskrivning.docx', content: Buffer.from('PK'), mediaType: 'application/octet-stream' });
    graph.drives.pageSize = 1;

    const folder = await ask('GET', `/teams/${team.id}/channels/${encodeURIComponent(ch.id)}/filesFolder`, { as: 'karin' });
    expect(folder.status).toBe(200);
    expect(folder.json).toMatchObject({ name: 'Detaljplan Sjövik 2:14', folder: { childCount: 2 }, parentReference: { driveId: team.driveId, driveType: 'documentLibrary' } });

    const first = await ask('GET', `/drives/${team.driveId}/items/${folder.json.id}/children`, { as: 'karin' });
    expect(first.json.value.map((i: { name: string }) => i.name)).toEqual(['Beskrivning.docx']);
    const next = new URL(first.json['@odata.nextLink']);
    const second = await ask('GET', `${next.pathname.slice('/v1.0'.length)}${next.search}`, { as: 'karin' });
    expect(second.json.value.map((i: { name: string }) => i.name)).toEqual(['Plankarta.pdf']);
    expect(second.json['@odata.nextLink']).toBeUndefined();

    const item = await ask('GET', `/drives/${team.driveId}/items/${file.id}?$select=name,eTag,size,file`, { as: 'karin' });
    expect(item.json).toEqual({ '@odata.etag': item.json.eTag, id: file.id, name: 'Plankarta.pdf', eTag: `"{${file.guid}},1"`, size: 11, file: { mimeType: 'application/pdf', hashes: {} } });
    expect((await ask('GET', `/drives/${team.driveId}/items/01NOTHERE`, { as: 'karin' })).status).toBe(404);
    expect((await ask('GET', `/teams/${team.id}/channels/19:none@thread.tacv2/filesFolder`)).status).toBe(401);
  });

  it('answers content with a 302 to a download URL for that version, which a new version makes stale', async () => {
    const { team, file } = channel();
    const content = await ask('GET', `/drives/${team.driveId}/items/${file.id}/content`, { as: 'karin' });
    expect(content.status).toBe(302);
    const location = new URL(content.headers.get('location')!);
    const download = () => ask('GET', location.pathname.slice('/v1.0'.length));
    expect((await download()).raw.toString()).toBe('%PDF-1.4 v1');

    graph.drives.bumpVersion(file.id, Buffer.from('%PDF-1.4 v2'));
    expect((await download()).status).toBe(404);
    const item = await ask('GET', `/drives/${team.driveId}/items/${file.id}`, { as: 'karin' });
    expect(item.json).toMatchObject({ eTag: `"{${file.guid}},2"`, cTag: `"c:{${file.guid}},2"`, size: 11 });
  });
});
