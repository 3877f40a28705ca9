import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoChannelTab } from '../demo/seed-teams.ts';
import { HOSTILE_MARKERS, SJOVIK_MAIL, sjovikMail, TRACKING_PIXEL } from '../demo/sjovik.ts';
import { DEMO_TEAM, samplePng } from '../demo/teams.ts';
import { signedInCaller, startTestServer, type ApiCall, type NewCase, type TestServer } from './test-server.ts';

// Reading a registered mail in the Teams tab: GET /documents/{id}/mail, read from the .eml the
// register keeps (rule 6), as the demo's Sjövik case holds it.

let s: TestServer;
let call: ApiCall;
let token: Record<string, string>;
let newCase: NewCase;
let documents: { id: string; title: string; publicTitle: string; kind: string }[];
beforeAll(async () => {
  s = await startTestServer();
  ({ call, token, newCase } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', johan: 'johan.berg@ekby.se', sofia: 'sofia.ek@ekby.se' }));
  await seedDemoChannelTab(s.register.deps, s.register);
  const binding = await call('GET', `/api/v1/channel-tabs/${encodeURIComponent(DEMO_TEAM.id)}/${encodeURIComponent(DEMO_TEAM.channel.id)}`);
  documents = (await call('GET', `/api/v1/cases/${binding.body.caseId}/documents`, { as: 'johan' })).body.items;
});
afterAll(async () => {
  await s.close();
});

const byTitle = (start: string) => documents.find((d) => (d.title ?? d.publicTitle).startsWith(start))!;

/** Registers .eml files as a mail document over multipart, as an upload from the case view would. */
async function uploadMail(caseId: string, files: { name: string; raw: Buffer }[], metadata: Record<string, unknown>) {
  const form = new FormData();
  form.append('metadata', JSON.stringify({ direction: 'incoming', kind: 'mail', ...metadata }));
  for (const { name, raw } of files) form.append('files', new Blob([new Uint8Array(raw)], { type: 'message/rfc822' }), name);
  const res = await fetch(`${s.url}/api/v1/cases/${caseId}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token.karin}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { document: { id: string } }).document;
}

async function events(caseId: string) {
  return (await call('GET', `/api/v1/cases/${caseId}/events`)).body.items as { action: string; actor: { name: string } | null; documentId: string | null; after: unknown }[];
}

describe('reading a registered mail', () => {
  it("shows the citizen's mail with its headers, text and HTML, the inline photo as a data: URL, without loading anything", async () => {
    const mail = byTitle(SJOVIK_MAIL.subject);
    const res = await call('GET', `/api/v1/documents/${mail.id}/mail`, { as: 'johan' });

    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.body).toMatchObject({
      documentId: mail.id,
      subject: 'Synpunkter på samrådshandlingen för Sjövik 2:14',
      from: [{ name: 'Lena Holm', address: 'lena.holm@exempel.se' }],
      to: [{ name: 'Ekby kommun', address: 'kommunen@ekby.se' }],
      cc: [],
      date: SJOVIK_MAIL.sentAt,
      attachments: [{ name: 'strandvagen.png', mediaType: 'image/png', size: samplePng(160, 100).length, inline: true }],
    });
    expect(res.body.text).toContain('Jag bor på Strandvägen 12');
    const html: string = res.body.html;
    expect(html).toContain(`src="data:image/png;base64,${samplePng(160, 100).toString('base64')}"`);
    expect(html).not.toContain('cid:');
    // Not sanitised on the server: the viewer does that, and a browser test checks it does.
    expect(html).toContain(`<script>window.${HOSTILE_MARKERS.script} = true;`);
    expect(html).toContain(`onerror="window.${HOSTILE_MARKERS.onerror} = true"`);
    expect(html).toContain(TRACKING_PIXEL);
  });

  it('answers 404 not_a_mail for a document that holds no mail, in Swedish or English', async () => {
    const letter = byTitle('Underrättelse om samråd');
    const res = await call('GET', `/api/v1/documents/${letter.id}/mail`, { as: 'johan' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'not_a_mail', detail: 'Handlingen innehåller inget diariefört mejl att visa. Öppna dess filer i stället.' });
    const english = await call('GET', `/api/v1/documents/${letter.id}/mail`, { as: 'johan', headers: { 'accept-language': 'en' } });
    expect(english.body.title).toBe('The document is not a mail');
    expect((await call('GET', '/api/v1/documents/00000000-0000-4000-8000-000000000000/mail')).body.code).toBe('not_found');
  });

  it('refuses a confidential mail to someone who may not read it, and records the read of whoever may', async () => {
    const target = await newCase('KS', 'Klagomål på grannes bygge vid Sjöviken');
    const secret = await uploadMail(target.id, [{ name: 'Synpunkter.eml', raw: sjovikMail() }], {
      title: 'Synpunkter från Lena Holm, Strandvägen 12',
      publicTitle: 'Synpunkter från enskild',
      confidentiality: { provision: 'OSL 21 kap. 3 §' },
    });

    const refused = await call('GET', `/api/v1/documents/${secret.id}/mail`, { as: 'sofia' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('Lena');
    expect((await events(target.id)).filter((e) => e.action === 'file.read')).toEqual([]);

    const read = await call('GET', `/api/v1/documents/${secret.id}/mail`);
    expect(read.status).toBe(200);
    expect(read.body.from).toEqual([{ name: 'Lena Holm', address: 'lena.holm@exempel.se' }]);
    const reads = (await events(target.id)).filter((e) => e.action === 'file.read');
    expect(reads).toEqual([expect.objectContaining({ actor: expect.objectContaining({ name: 'Karin Lindqvist' }), documentId: secret.id, after: expect.objectContaining({ name: 'Synpunkter.eml' }) })]);
  });

  it('shows the registered mail, not a forwarded one kept beside it', async () => {
    const target = await newCase('KS', 'Vidarebefordrade synpunkter om Sjövik 2:14');
    const forwarded = Buffer.from(
      'From: Per Ek <per.ek@exempel.se>\r\nSubject: Vidarebefordrat\r\nMessage-ID: <vb.1@exempel.se>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSe nedan.\r\n',
    );
    const doc = await uploadMail(
      target.id,
      [
        { name: 'A vidarebefordrat.eml', raw: forwarded },
        { name: 'Synpunkter.eml', raw: sjovikMail() },
      ],
      { title: 'Synpunkter', source: 'mail', sourceRef: SJOVIK_MAIL.messageId, mainFile: 'A vidarebefordrat.eml' },
    );
    expect((await call('GET', `/api/v1/documents/${doc.id}/mail`)).body.subject).toBe(SJOVIK_MAIL.subject);
  });
});
