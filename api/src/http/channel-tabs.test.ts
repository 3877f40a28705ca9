import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedChannel, EmulatedTeam } from '../dev/graph/drives.ts';
import { startTestGraph, type TestGraph } from '../dev/graph/test-graph.ts';
import { rowsOf } from '../store/database.ts';
import { signedInCaller, startTestServer, type ApiCall, type NewCase, type TestServer } from './test-server.ts';

// The Teams channel tab's API over HTTP: binding a channel to a case, listing the channel's
// files through Graph on-behalf-of, and filing them. SharePoint is emulated behind msw.

const MAX_UPLOAD = 64 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let m365: TestGraph;
let s: TestServer;
let call: ApiCall;
let token: Record<string, string>;
let newCase: NewCase;
beforeAll(async () => {
  m365 = startTestGraph({ maxRetryWaitSeconds: 3 });
  s = await startTestServer({ maxUploadBytes: MAX_UPLOAD, graph: m365.access });
  m365.allow(s.url);
  ({ call, token, newCase } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', johan: 'johan.berg@ekby.se', sofia: 'sofia.ek@ekby.se' }));
});
afterAll(async () => {
  await s.close();
  m365.close();
});


let channels = 0;
/** A team with one channel whose files folder holds the given files. */
function channelWith(files: { name: string; content: Buffer; mediaType: string }[] = []) {
  const team: EmulatedTeam = m365.graph.drives.addTeam({ displayName: `Projekt ${++channels}` });
  const channel: EmulatedChannel = m365.graph.drives.addChannel(team.id, { displayName: 'Allmänt' });
  const items = files.map((f) => m365.graph.drives.addFile(team.id, channel.id, f));
  const path = `/api/v1/channel-tabs/${encodeURIComponent(team.id)}/${encodeURIComponent(channel.id)}`;
  return { team, channel, items, path };
}

const pdf = Buffer.from('%PDF-1.4\n% Detaljplan Sjövik\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const docx = Buffer.from('PK\u0003\u0004 Samrådsredogörelse för detaljplan Sjövik 2:14');

async function events(caseRef: string) {
  const res = await call('GET', `/api/v1/cases/${encodeURIComponent(caseRef)}/events`);
  expect(res.status).toBe(200);
  return res.body.items as { action: string; actor: { name: string } | null; before: unknown; after: unknown }[];
}

async function stored() {
  const [row] = rowsOf<{ documents: number }>(await s.register.handle.db.execute(sql`select count(*)::int as documents from documents`));
  const blobs = (await readdir(s.register.blobDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
  return { ...row!, blobs };
}

function fileItems(items: { driveId: string; id: string }[], extra: Record<string, unknown> = {}) {
  return items.map((i) => ({ driveId: i.driveId, itemId: i.id, direction: 'internal', ...extra }));
}

describe('binding a channel tab to a case', () => {
  it('binds, answers the binding, moves it, and unbinds, each in the case history', async () => {
    const first = await newCase('KS', 'Detaljplan för Sjövik 2:14');
    const second = await newCase('KS', 'Detaljplan för Sjövik 2:15');
    const { path } = channelWith();

    expect((await call('GET', path)).status).toBe(404);
    const bound = await call('PUT', path, { json: { caseRef: first.caseNumber } });
    expect(bound.status).toBe(201);
    expect(bound.body).toMatchObject({ caseId: first.id, caseNumber: first.caseNumber, boundBy: { name: 'Karin Lindqvist' } });
    expect((await call('PUT', path, { json: { caseRef: first.id } })).status).toBe(200);

    const read = await call('GET', path, { as: 'sofia' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(bound.body);

    const moved = await call('PUT', path, { as: 'johan', json: { caseRef: second.caseNumber } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ caseId: second.id, boundBy: { name: 'Johan Berg' } });

    expect((await call('DELETE', path, { as: 'sofia' })).status).toBe(204);
    expect((await call('GET', path)).status).toBe(404);
    expect((await call('DELETE', path)).status).toBe(404);

    expect((await events(first.id)).filter((e) => e.action.startsWith('channel_tab.')).map((e) => [e.action, e.actor?.name])).toEqual([
      ['channel_tab.bound', 'Karin Lindqvist'],
      ['channel_tab.unbound', 'Johan Berg'],
    ]);
    expect((await events(second.id)).filter((e) => e.action.startsWith('channel_tab.')).map((e) => [e.action, e.actor?.name])).toEqual([
      ['channel_tab.bound', 'Johan Berg'],
      ['channel_tab.unbound', 'Sofia Ek'],
    ]);
  });

  it('binds a confidential case only for those who may read it; others see its public title through the case', async () => {
    const secret = await newCase('KS', 'Förvärv av fastigheten Sjövik 2:14 – budgivning', {
      publicTitle: 'Förvärv av fastighet',
      confidentiality: { provision: 'OSL 19 kap. 1 §' },
    });
    const { path } = channelWith();

    const refused = await call('PUT', path, { as: 'sofia', json: { caseRef: secret.caseNumber } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('GET', path)).status).toBe(404);

    expect((await call('PUT', path, { json: { caseRef: secret.caseNumber } })).status).toBe(201);
    const binding = await call('GET', path, { as: 'sofia' });
    expect(binding.body.caseId).toBe(secret.id);
    const seen = await call('GET', `/api/v1/cases/${binding.body.caseId}`, { as: 'sofia' });
    expect(seen.body).toMatchObject({ access: 'restricted', publicTitle: 'Förvärv av fastighet' });
    expect(JSON.stringify(seen.body)).not.toContain('budgivning');
  });

  it('answers 404 to unbinding a channel bound to no case, and records nothing', async () => {
    const { path } = channelWith();
    const history = async () => rowsOf<{ n: number }>(await s.register.handle.db.execute(sql`select count(*)::int as n from events`))[0]!.n;
    const before = await history();
    const res = await call('DELETE', path, { as: 'sofia' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'not_found', detail: 'Fliken i den här kanalen är inte kopplad till något ärende.' });
    expect(await history()).toBe(before);
  });

  it('names the fields of bad input', async () => {
    const { path } = channelWith();
    const res = await call('PUT', path, { json: { caseRef: '', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['caseRef', 'extra']);
    expect((await call('PUT', path, { json: { caseRef: 'KS 2026/9999' } })).status).toBe(404);
  });
});

describe('filing a channel’s files into the bound case', () => {
  it('lists the files, files two of them byte for byte, and answers the same version again as already registered', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 2:16');
    const { path, items } = channelWith([
      { name: 'Planbeskrivning Sjövik.pdf', content: pdf, mediaType: 'application/pdf' },
      { name: 'Samrådsredogörelse.docx', content: docx, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      { name: 'Foto strandområdet.jpg', content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]), mediaType: 'image/jpeg' },
    ]);
    m365.graph.drives.pageSize = 2; // so that the listing follows @odata.nextLink
    await call('PUT', path, { json: { caseRef: target.caseNumber } });

    const grantsBefore = m365.entra.grants.length;
    const before = await call('GET', `${path}/files`);
    expect(before.status).toBe(200);
    // On behalf of the user, with the least privileged delegated permission for channel files.
    const grants = m365.entra.grants.slice(grantsBefore);
    expect(grants.map((g) => [g.requestedTokenUse, g.assertion])).toEqual([['on_behalf_of', token.karin]]);
    expect(grants[0]!.scope.split(' ').filter((scope) => scope.startsWith('https://'))).toEqual(['https://graph.microsoft.com/Files.Read.All']);
    expect(before.body.items.map((f: { name: string; registration: unknown; folder: boolean }) => [f.name, f.folder, f.registration])).toEqual([
      ['Foto strandområdet.jpg', false, null],
      ['Planbeskrivning Sjövik.pdf', false, null],
      ['Samrådsredogörelse.docx', false, null],
    ]);
    const listedPdf = before.body.items.find((f: { name: string }) => f.name === 'Planbeskrivning Sjövik.pdf');
    expect(listedPdf).toMatchObject({ size: pdf.length, mediaType: 'application/pdf', lastModifiedBy: 'Karin Lindqvist', eTag: expect.stringMatching(/^"\{.+\},1"$/) });

    const chosen = [items[0]!, items[1]!];
    const filed = await call('POST', `/api/v1/cases/${encodeURIComponent(target.caseNumber)}/documents/from-drive`, { json: { items: fileItems(chosen) } });
    expect(filed.status).toBe(201);
    expect(filed.body.items.map((i: { alreadyRegistered: boolean; document: { title: string; source: string } }) => [i.alreadyRegistered, i.document.title, i.document.source])).toEqual([
      [false, 'Planbeskrivning Sjövik', 'sharepoint'],
      [false, 'Samrådsredogörelse', 'sharepoint'],
    ]);
    for (const [n, bytes] of [pdf, docx].entries()) {
      const doc = filed.body.items[n].document;
      expect(doc.sourceRef).toBe(`${chosen[n]!.driveId}/${chosen[n]!.id}@"{${chosen[n]!.guid}},1"`);
      expect(doc.files[0].sha256).toBe(sha256(bytes));
      const file = await call('GET', `/api/v1/documents/${doc.id}/files/${doc.files[0].id}`);
      expect((file.body as Buffer).equals(bytes)).toBe(true);
    }

    const count = await stored();
    const again = await call('POST', `/api/v1/cases/${encodeURIComponent(target.caseNumber)}/documents/from-drive`, { json: { items: fileItems(chosen) } });
    expect(again.status).toBe(200);
    expect(again.body.items.map((i: { alreadyRegistered: boolean; document: { id: string } }) => [i.alreadyRegistered, i.document.id])).toEqual(
      filed.body.items.map((i: { document: { id: string } }) => [true, i.document.id]),
    );
    expect(await stored()).toEqual(count);

    const listed = await call('GET', `${path}/files`);
    const pdfRow = listed.body.items.find((f: { name: string }) => f.name === 'Planbeskrivning Sjövik.pdf');
    expect(pdfRow.registration).toEqual({ documentId: filed.body.items[0].document.id, documentNumber: `${target.caseNumber}-1`, eTag: listedPdf.eTag, newerVersion: false });
    m365.graph.drives.pageSize = 200;
  });

  it('shows a newer version in SharePoint, and files it as a new document', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 2:17');
    const { path, items } = channelWith([{ name: 'Plankarta.pdf', content: pdf, mediaType: 'application/pdf' }]);
    await call('PUT', path, { json: { caseRef: target.id } });
    const first = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, { json: { items: fileItems(items) } });
    expect(first.status).toBe(201);

    const v2 = Buffer.concat([pdf, Buffer.from('% reviderad efter samråd\n')]);
    m365.graph.drives.bumpVersion(items[0]!.id, v2);
    const listed = await call('GET', `${path}/files`);
    expect(listed.body.items[0].registration).toMatchObject({ documentId: first.body.items[0].document.id, newerVersion: true });
    expect(listed.body.items[0].eTag).not.toBe(listed.body.items[0].registration.eTag);

    const stale = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, {
      json: { items: fileItems(items, { eTag: listed.body.items[0].registration.eTag }) },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ field: 'items.0.eTag', message: expect.any(String) }]);

    const second = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, {
      json: { items: fileItems(items, { eTag: listed.body.items[0].eTag }) },
    });
    expect(second.status).toBe(201);
    expect(second.body.items[0]).toMatchObject({ alreadyRegistered: false, document: { documentNumber: `${target.caseNumber}-2` } });
    expect(second.body.items[0].document.files[0].sha256).toBe(sha256(v2));
    expect((await call('GET', `${path}/files`)).body.items[0].registration).toMatchObject({ documentId: second.body.items[0].document.id, newerVersion: false });
  });

  it('files a confidential document that others see only by its public title', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 2:18');
    const { items } = channelWith([{ name: 'Yttrande från granne Andersson.pdf', content: pdf, mediaType: 'application/pdf' }]);
    const missingTitle = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, {
      json: { items: fileItems(items, { confidentiality: { provision: 'OSL 21 kap. 1 §' } }) },
    });
    expect(missingTitle.status).toBe(400);
    expect(missingTitle.body.errors.map((e: { field: string }) => e.field)).toEqual(['items.0.publicTitle']);

    const res = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, {
      json: { items: fileItems(items, { publicTitle: 'Yttrande från sakägare', confidentiality: { provision: 'OSL 21 kap. 1 §' } }) },
    });
    expect(res.status).toBe(201);
    const seen = await call('GET', `/api/v1/documents/${res.body.items[0].document.id}`, { as: 'sofia' });
    expect(seen.body).toMatchObject({ access: 'restricted', publicTitle: 'Yttrande från sakägare' });
    expect(JSON.stringify(seen.body)).not.toContain('Andersson');
  });

  it('refuses a file over the upload limit, naming the limit and the item, with nothing stored', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 2:19');
    const { items } = channelWith([
      { name: 'Liten.pdf', content: pdf, mediaType: 'application/pdf' },
      { name: 'Flygfoto.tif', content: Buffer.alloc(MAX_UPLOAD + 1, 7), mediaType: 'image/tiff' },
    ]);
    const count = await stored();
    const res = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, { json: { items: fileItems(items) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large', detail: 'Filen Flygfoto.tif är för stor för att diarieföras. Största tillåtna storlek är 64 kB.' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['items.1']);
    expect(await stored()).toEqual(count);
  });

  it('names the item Graph does not find, and stores nothing of the request', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 2:20');
    const { items } = channelWith([{ name: 'Finns.pdf', content: pdf, mediaType: 'application/pdf' }]);
    const count = await stored();
    const res = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, {
      json: { items: [...fileItems(items), { driveId: items[0]!.driveId, itemId: '01NOSUCHITEM', direction: 'incoming' }] },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'drive_item_not_found', errors: [{ field: 'items.1' }] });
    expect(await stored()).toEqual(count);
  });

  it('retries through Graph throttling, and answers a repeated Idempotency-Key with the first answer', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 2:21');
    const { items } = channelWith([{ name: 'Protokoll.pdf', content: pdf, mediaType: 'application/pdf' }]);
    m365.graph.faults.add({ match: /^GET \/drives\/[^/]+\/items\/[^/]+\/content$/, status: 429, retryAfter: '0.2', times: 1 });
    const headers = { 'idempotency-key': 'sjovik-2-21-protokoll' };
    const first = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, { json: { items: fileItems(items) }, headers });
    expect(first.status).toBe(201);
    const replay = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, { json: { items: fileItems(items) }, headers });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
  });

  it('needs registrar or officer in the diary, and names the fields of bad input', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 2:22');
    const { items } = channelWith([{ name: 'Karta.pdf', content: pdf, mediaType: 'application/pdf' }]);
    expect((await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, { as: 'sofia', json: { items: fileItems(items) } })).status).toBe(403);
    const empty = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, { json: { items: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['items']);
    const bad = await call('POST', `/api/v1/cases/${target.id}/documents/from-drive`, { json: { items: [{ driveId: 'x', direction: 'sideways' }] } });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['items.0.direction', 'items.0.itemId']);
  });

  it('answers 404 for the files of a channel bound to no case', async () => {
    const { path } = channelWith();
    const res = await call('GET', `${path}/files`);
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Fliken i den här kanalen är inte kopplad till något ärende.');
  });
});
