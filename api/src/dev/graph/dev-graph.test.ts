import { registrationYear } from '@diarium/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';
import { DEMO_SHARED_MAILBOX } from '../../demo/mail.ts';
import { DEMO_TEAM } from '../../demo/teams.ts';
import { startServer, type RunningServer } from '../../server.ts';

// `npm start` as a newcomer meets it: the dev issuer, demo data, and an emulated Graph that
// the API itself serves and calls with the same Graph client code as in production.

let dataDir: string;
let server: RunningServer;
let amira: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'diarium-dev-graph-'));
  server = await startServer(parseConfig({ PORT: '0', DATA_DIR: dataDir, DEMO_CASES: '30', JOB_POLL_MS: '0' }), pino({ level: 'silent' }));
  const res = await fetch(`${server.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'amira.haddad@ekby.se' }) });
  amira = ((await res.json()) as { access_token: string }).access_token;
}, 120_000);
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function get(path: string, token = amira) {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

interface ListedMessage {
  id: string;
  subject: string;
  conversationId: string;
  internetMessageId: string;
  attachments: { name: string; size: number; isInline: boolean; contentId: string | null }[];
}

describe('the dev Graph under npm start', () => {
  it("gives each demo user Ekby's sample mail, and the shared mailbox its own", async () => {
    const mine = await get('/dev/graph/v1.0/me/messages?$expand=attachments&$top=50');
    const shared = await get(`/dev/graph/v1.0/users/${DEMO_SHARED_MAILBOX.address}/messages?$expand=attachments`);

    expect(mine.status).toBe(200);
    const subjects = (mine.body.value as ListedMessage[]).map((m) => m.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        'Medborgarförslag: lekplats vid Åkermyran',
        'Trasig gatubelysning på Björkvägen',
        'VB: Samrådsyttrande detaljplan Sjövik 2:14',
        `Komplettering till medborgarförslag om idrottshall, Dnr KS ${registrationYear(new Date())}/0042`,
        'SV: Kompletterande ritningar till bygglovsansökan Björkhagen 15:79',
      ]),
    );
    const withImage = (mine.body.value as ListedMessage[]).find((m) => m.subject.startsWith('Trasig'))!;
    expect(withImage.attachments).toEqual([
      expect.objectContaining({ name: 'lyktstolpe.png', isInline: true, contentId: 'lyktstolpe-bjorkvagen@ekby-invanare' }),
      expect.objectContaining({ name: 'Karta över Björkvägen.png', isInline: false }),
    ]);
    expect((shared.body.value as ListedMessage[]).map((m) => m.subject)).toEqual(['Ansökan om serveringstillstånd – Café Ån']);
  });

  it('knows the conversation of a reply from the mail the demo seed registered, and registers the reply through the emulated Graph', async () => {
    const mine = (await get('/dev/graph/v1.0/me/messages?$top=50')).body.value as ListedMessage[];
    const reply = mine.find((m) => m.subject.startsWith('SV: Kompletterande ritningar'))!;

    const earlier = await get(`/api/v1/mail/registrations?conversationId=${encodeURIComponent(reply.conversationId)}`);
    expect(earlier.body.items).toEqual([
      expect.objectContaining({
        caseNumber: expect.stringMatching(/^BN \d{4}\/0010$/),
        caseTitle: 'Ansökan om bygglov för nybyggnad av enbostadshus på fastigheten Björkhagen 15:79',
        registeredBy: expect.objectContaining({ name: 'Karin Lindqvist' }),
      }),
    ]);

    const res = await fetch(`${server.url}/api/v1/mail/registrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${amira}`, 'content-type': 'application/json' },
      body: JSON.stringify({ itemId: reply.id, target: { caseRef: earlier.body.items[0].caseId }, title: 'Svar om garagets placering' }),
    });
    const body = (await res.json()) as { document: { documentNumber: string; files: { name: string }[] }; categorySet: boolean };
    expect(res.status).toBe(201);
    expect(body.categorySet).toBe(true);
    expect(body.document.files.map((f) => f.name)).toEqual(['SV: Kompletterande ritningar till bygglovsansökan Björkhagen 15:79.eml']);

    const marked = await get(`/dev/graph/v1.0/me/messages/${encodeURIComponent(reply.id)}?$select=categories`);
    expect(marked.body.categories).toEqual([`Diarieförd ${body.document.documentNumber}`]);
  });

  it('lets Diarium in app-only, as background work does, but not as /me', async () => {
    const app = await server.devIssuer!.signAppToken({ appId: 'diarium', audience: 'https://graph.microsoft.com', roles: ['Mail.ReadWrite'] });
    expect((await get(`/dev/graph/v1.0/users/${DEMO_SHARED_MAILBOX.address}/messages`, app)).status).toBe(200);
    expect((await get('/dev/graph/v1.0/me/messages', app)).status).toBe(400);
    expect((await get('/dev/graph/v1.0/me/messages', 'not-a-token')).status).toBe(401);
  });

  it("fills the Sjövik case for the tabs: a citizen's mail and a confidential statement wait for Johan; Sofia sees the statement by its public title", async () => {
    const token = async (user: string) =>
      ((await (await fetch(`${server.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) })).json()) as { access_token: string })
        .access_token;
    const [johan, sofia] = [await token('johan.berg@ekby.se'), await token('sofia.ek@ekby.se')];
    const binding = await get(`/api/v1/channel-tabs/${encodeURIComponent(DEMO_TEAM.id)}/${encodeURIComponent(DEMO_TEAM.channel.id)}`, johan);

    const work = await get('/api/v1/me/work', johan);
    expect(work.body.waiting).toContainEqual(expect.objectContaining({ id: binding.body.caseId, title: 'Detaljplan för Sjövik 2:14', newDocuments: 2 }));

    const docs = (await get(`/api/v1/cases/${binding.body.caseId}/documents`, sofia)).body.items as { id: string; access: string; kind: string; title?: string; publicTitle: string; files?: { mediaType: string }[] }[];
    expect(docs.map((d) => [d.access, d.kind, d.title ?? d.publicTitle, d.files?.map((f) => f.mediaType) ?? null])).toEqual([
      ['full', 'letter', 'Underrättelse om samråd – detaljplan för Sjövik 2:14', ['application/pdf']],
      ['full', 'other', 'Foto från platsbesök vid Sjöviken', ['image/png']],
      ['full', 'mail', 'Synpunkter på samrådshandlingen för Sjövik 2:14', ['message/rfc822']],
      ['restricted', 'letter', 'Yttrande från sakägare', null],
    ]);
    const mail = await get(`/api/v1/documents/${docs[2]!.id}/mail`, sofia);
    expect(mail.body).toMatchObject({ subject: 'Synpunkter på samrådshandlingen för Sjövik 2:14', from: [{ name: 'Lena Holm' }] });
    expect(mail.body.html).toContain('<script>');
    expect((await get(`/api/v1/documents/${docs[3]!.id}/mail`, sofia)).status).toBe(403);
  });

  it('has the Sjövik project channel bound to its detaljplan case, with Swedish sample files that file through the emulated Graph', async () => {
    const johan = await (
      await fetch(`${server.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'johan.berg@ekby.se' }) })
    ).json() as { access_token: string };
    const tab = `/api/v1/channel-tabs/${encodeURIComponent(DEMO_TEAM.id)}/${encodeURIComponent(DEMO_TEAM.channel.id)}`;
    const binding = await get(tab, johan.access_token);
    expect(binding.body).toMatchObject({ caseNumber: expect.stringMatching(/^KS \d{4}\/\d{4}$/), boundBy: { name: 'Johan Berg' } });

    const files = await get(`${tab}/files`, johan.access_token);
    expect(files.status).toBe(200);
    const items = files.body.items as { name: string; driveId: string; itemId: string; mediaType: string; registration: unknown }[];
    expect(items.map((f) => [f.name, f.mediaType, f.registration])).toEqual([
      ['Anteckningar från byggherremöte.txt', 'text/plain', null],
      ['Flygfoto Sjöviken.png', 'image/png', null],
      ['Planbeskrivning Sjövik 2-14 samrådshandling.pdf', 'application/pdf', null],
      ['Samrådsredogörelse Sjövik 2-14.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', null],
    ]);

    const pdf = items[2]!;
    const res = await fetch(`${server.url}/api/v1/cases/${binding.body.caseId}/documents/from-drive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${johan.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ driveId: pdf.driveId, itemId: pdf.itemId, direction: 'internal' }] }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { items: { document: { title: string; files: { name: string; size: number }[] } }[] };
    expect(body.items[0]!.document.title).toBe('Planbeskrivning Sjövik 2-14 samrådshandling');
    expect(body.items[0]!.document.files[0]!.name).toBe('Planbeskrivning Sjövik 2-14 samrådshandling.pdf');
  });
});
