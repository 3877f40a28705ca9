import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedMessage } from '../dev/graph/mailboxes.ts';
import { startTestGraph, type TestGraph } from '../dev/graph/test-graph.ts';
import { mailJobHandlers } from '../jobs/mail-jobs.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { rowsOf } from '../store/database.ts';
import { signedInCaller, startTestServer, type ApiCall, type NewCase, type TestServer } from './test-server.ts';

// Registering mail from Outlook over HTTP, as the add-in does: the real routes, services,
// store and Graph client code, with Entra ID and Graph emulated behind msw.

const FIXTURES = '/work/shared/fixtures/mime/';
const MAX_UPLOAD = 256 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const demoMail = (name: string) => readFile(new URL(`../demo/mail/${name}`, import.meta.url));

let m365: TestGraph;
let s: TestServer;
let call: ApiCall;
let token: Record<string, string>;
let newCase: NewCase;
const logs: string[] = [];
beforeAll(async () => {
  m365 = startTestGraph({ maxRetryWaitSeconds: 3 });
  s = await startTestServer({ maxUploadBytes: MAX_UPLOAD, graph: m365.access, logs });
  m365.allow(s.url);
  ({ call, token, newCase } = await signedInCaller(s, {
    karin: 'karin.lindqvist@ekby.se',
    johan: 'johan.berg@ekby.se',
    erik: 'erik.nystrom@ekby.se',
    sofia: 'sofia.ek@ekby.se',
  }));
});
afterAll(async () => {
  await s.close();
  m365.close();
});


const deliver = (email: string, raw: Buffer) => m365.graph.mailboxes.addMessage(email, raw);

let copies = 0;
/** The same sample as another mail: a new Message-ID, as when the sender sends it again. */
const fresh = (raw: Buffer) =>
  Buffer.from(raw.toString('latin1').replace(/^Message-ID: <[^>]+>/im, `Message-ID: <copy-${++copies}@exempel.se>`), 'latin1');
const mailbox = (email: string) => m365.graph.mailboxes.find(email)!;

/** What the add-in sends for Outlook's attachment list: the ones not inline, as the pane checks them by default. */
const outlookChoices = (message: EmulatedMessage) =>
  message.attachments.filter((a) => !a.isInline).map((a) => ({ name: a.name, size: a.size, ...(a.contentId ? { contentId: a.contentId } : {}) }));

function register(body: Record<string, unknown>, options: { as?: string; headers?: Record<string, string> } = {}) {
  return call('POST', '/api/v1/mail/registrations', { ...options, json: body });
}

async function stored() {
  const [row] = rowsOf<{ cases: number; documents: number; files: number }>(
    await s.register.handle.db.execute(
      sql`select (select count(*)::int from cases) as cases, (select count(*)::int from documents) as documents, (select count(*)::int from document_files) as files`,
    ),
  );
  const blobs = (await readdir(s.register.blobDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
  return { ...row!, blobs };
}

async function download(documentId: string, fileId: string): Promise<Buffer> {
  const res = await call('GET', `/api/v1/documents/${documentId}/files/${fileId}`);
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

/** The API's job runner, with a clock `aheadMs` in the future. */
function jobRunner(aheadMs: number) {
  return createJobRunner({
    db: s.register.handle.db,
    now: () => new Date(Date.now() + aheadMs),
    handlers: mailJobHandlers({ ...s.register.deps, graph: m365.access, maxUploadBytes: MAX_UPLOAD }),
    logger: pino({ level: 'silent' }),
  });
}

async function jobs(kind: string) {
  return rowsOf<{ status: string; attempts: number; last_error: string | null }>(
    await s.register.handle.db.execute(sql`select status, attempts, last_error from jobs where kind = ${kind} order by id`),
  );
}

describe('registering a mail from Outlook', () => {
  it('keeps the mail as its .eml byte for byte (the main file) with the chosen attachments, and marks it in Outlook', async () => {
    const raw = await demoMail('inbox/01-medborgarforslag-lekplats.eml');
    const message = await deliver('karin.lindqvist@ekby.se', raw);
    const target = await newCase('KS', 'Medborgarförslag om lekplats vid Åkermyran');

    const res = await register({
      itemId: message.restId,
      target: { caseRef: target.caseNumber },
      title: 'Medborgarförslag: lekplats vid Åkermyran',
      attachments: outlookChoices(message),
    });

    expect(res.status).toBe(201);
    expect(res.body.alreadyRegistered).toBe(false);
    expect(res.body.categorySet).toBe(true);
    const document = res.body.document;
    expect(document).toMatchObject({
      documentNumber: `${target.caseNumber}-1`,
      kind: 'mail',
      direction: 'incoming',
      source: 'mail',
      sourceRef: '<7d2c6a1e.lekplats-akermyran@exempel.se>',
      counterparty: { name: 'Åsa Öberg', email: 'asa.oberg@exempel.se' },
      sentAt: '2026-11-16T07:12:04.000Z',
    });
    expect(document.files.map((f: { name: string; mediaType: string; main: boolean }) => [f.name, f.mediaType, f.main])).toEqual([
      ['Medborgarförslag: lekplats vid Åkermyran.eml', 'message/rfc822', true],
      ['Skiss lekplats Åkermyran.pdf', 'application/pdf', false],
      ['Önskemål från föräldrar på Åkermyran.csv', 'text/csv', false],
    ]);
    const eml = document.files.find((f: { main: boolean }) => f.main);
    expect(eml.sha256).toBe(sha256(raw));
    expect((await download(document.id, eml.id)).equals(raw)).toBe(true);

    const category = `Diarieförd ${target.caseNumber}-1`;
    expect(message.categories).toEqual([category]);
    expect(mailbox('karin.lindqvist@ekby.se').masterCategories).toEqual([expect.objectContaining({ displayName: category, color: 'preset4' })]);
  });

  it("acts as the user through on-behalf-of with the user's own token, and asks Graph for immutable ids", async () => {
    const raw = await demoMail('inbox/04-komplettering-ks-2026-0042.eml');
    const message = await deliver('johan.berg@ekby.se', raw);
    const target = await newCase('KS', 'Medborgarförslag om idrottshall i Västanå');
    const grantsBefore = m365.entra.grants.length;
    const requestsBefore = m365.graph.requests.length;

    const res = await register({ itemId: message.restId, target: { caseRef: target.id }, title: 'Komplettering' }, { as: 'johan' });

    expect(res.status).toBe(201);
    const grants = m365.entra.grants.slice(grantsBefore);
    expect(grants).toEqual([
      expect.objectContaining({
        grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requestedTokenUse: 'on_behalf_of',
        assertion: token.johan,
        clientId: expect.any(String),
      }),
    ]);
    expect(grants[0]!.scope.split(' ')).toEqual(
      expect.arrayContaining(['https://graph.microsoft.com/Mail.ReadWrite', 'https://graph.microsoft.com/MailboxSettings.ReadWrite']),
    );
    const requests = m365.graph.requests.slice(requestsBefore);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/me/translateExchangeIds' });
    expect(requests.filter((r) => r.path.startsWith('/me/messages/')).every((r) => r.prefer === 'IdType="ImmutableId"')).toBe(true);
    expect(requests.some((r) => r.path.includes(encodeURIComponent(message.immutableId)))).toBe(true);
  });

  it('registers every MIME sample, its stored .eml identical to the original, with the attachments Outlook lists', async () => {
    for (const name of (await readdir(FIXTURES)).sort()) {
      const raw = await readFile(`${FIXTURES}${name}`);
      const message = await deliver('karin.lindqvist@ekby.se', raw);
      const res = await register({
        itemId: message.restId,
        target: { newCase: { diary: 'KS', title: `Prov av e-post: ${name}` } },
        title: `Prov: ${name}`,
        attachments: outlookChoices(message),
        // Two of the samples share a Message-ID: to the register they are one mail, here put in two cases.
        alsoInOtherCase: true,
      });
      expect(res.status, name).toBe(201);
      const eml = res.body.document.files.find((f: { mediaType: string; main: boolean }) => f.main);
      expect(eml.sha256, name).toBe(sha256(raw));
      expect((await download(res.body.document.id, eml.id)).equals(raw), name).toBe(true);
    }
  });

  it('decodes RFC 2231 and RFC 2047 attachment names (continued, UTF-8 and ISO-8859-1)', async () => {
    const target = await newCase('BN', 'Prov av bilagenamn');
    const names: string[] = [];
    for (const sample of ['nodemailer-alternative-related-cid-rfc2231.eml', 'rfc2231-filename-latin1-inline-jpeg.eml']) {
      const message = await deliver('karin.lindqvist@ekby.se', fresh(await readFile(`${FIXTURES}${sample}`)));
      const res = await register({
        itemId: message.restId,
        target: { caseRef: target.id },
        title: sample,
        attachments: message.attachments.map((a) => ({ name: a.name, size: a.size })),
      });
      expect(res.status).toBe(201);
      names.push(...res.body.document.files.filter((f: { main: boolean }) => !f.main).map((f: { name: string }) => f.name));
    }
    expect(names).toEqual(expect.arrayContaining(['nyan cat ✔.gif', 'notes.txt', 'Eelanalüüsi päring.jpg']));
  });

  it('leaves inline images out unless chosen, and finds a chosen one by its content id', async () => {
    const raw = await demoMail('inbox/02-gatubelysning-bild.eml');
    const message = await deliver('karin.lindqvist@ekby.se', raw);
    const inline = message.attachments.find((a) => a.isInline)!;
    expect(inline).toMatchObject({ name: 'lyktstolpe.png', contentId: 'lyktstolpe-bjorkvagen@ekby-invanare' });

    const first = await register({
      itemId: message.restId,
      target: { caseRef: (await newCase('KS', 'Gatubelysning Björkvägen')).id },
      title: 'Trasig gatubelysning',
      attachments: outlookChoices(message),
    });
    expect(first.body.document.files.map((f: { name: string }) => f.name).sort()).toEqual(['Karta över Björkvägen.png', 'Trasig gatubelysning på Björkvägen.eml']);

    const second = await register({
      itemId: message.restId,
      target: { caseRef: (await newCase('KS', 'Trafiksäkerhet vid skolor')).id },
      title: 'Trasig gatubelysning',
      attachments: [{ name: 'bild.png', contentId: `<${inline.contentId}>`, main: true }],
      alsoInOtherCase: true,
    });
    expect(second.status).toBe(201);
    expect(second.body.document.files.map((f: { name: string; main: boolean }) => [f.name, f.main]).sort()).toEqual([
      ['Trasig gatubelysning på Björkvägen.eml', false],
      ['lyktstolpe.png', true],
    ]);
  });

  it('keeps a forwarded mail as an .eml of its own, chosen by the name Outlook gives it', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', await demoMail('inbox/03-vidarebefordrat-samradsyttrande.eml'));
    const res = await register({
      itemId: message.restId,
      target: { caseRef: (await newCase('BN', 'Detaljplan för Sjövik 2:14')).id },
      title: 'Samrådsyttrande från Länsstyrelsen',
      attachments: [{ name: 'Samrådsyttrande detaljplan Sjövik 2:14' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.document.files.map((f: { name: string; mediaType: string; main: boolean }) => [f.name, f.mediaType, f.main]).sort()).toEqual([
      ['Samrådsyttrande detaljplan Sjövik 2:14.eml', 'message/rfc822', false],
      ['VB: Samrådsyttrande detaljplan Sjövik 2:14.eml', 'message/rfc822', true],
    ]);
  });

  it('refuses a chosen attachment that is not in the mail, naming it, and stores nothing', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', fresh(await demoMail('inbox/01-medborgarforslag-lekplats.eml')));
    const target = await newCase('KS', 'Lekplatser i Ekby');
    const before = await stored();

    const res = await register({
      itemId: message.restId,
      target: { caseRef: target.id },
      title: 'Medborgarförslag',
      attachments: [{ name: 'Skiss lekplats Åkermyran.pdf' }, { name: 'Budget 2027.xlsx', size: 18_000 }],
    });

    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'attachment_not_found', errors: [{ field: 'attachments.1', message: 'Bilagan finns inte i mejlet. Välj den på nytt.' }] });
    expect(await stored()).toEqual(before);
  });

  it('registers into a new case and the mail as its first document, in one go', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', await demoMail('registrator/01-serveringstillstand.eml'));
    const res = await register({
      itemId: message.restId,
      target: { newCase: { diary: 'KS', title: 'Ansökan om serveringstillstånd för Café Ån', classification: '2.5.1' } },
      title: 'Ansökan om serveringstillstånd',
      attachments: outlookChoices(message),
    });
    expect(res.status).toBe(201);
    const { caseId, documentNumber } = res.body.document;
    const read = await call('GET', `/api/v1/cases/${caseId}`);
    expect(read.body).toMatchObject({ title: 'Ansökan om serveringstillstånd för Café Ån', documentCount: 1 });
    expect(documentNumber).toBe(`${read.body.caseNumber}-1`);
    const events = await call('GET', `/api/v1/cases/${caseId}/events`);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['case.registered', 'document.registered']);
  });

  it('answers the same mail into the same case with the document already there, storing nothing new', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', await demoMail('inbox/05-ritningar-bjorkhagen.eml'));
    const target = await newCase('BN', 'Ansökan om bygglov för enbostadshus på Björkhagen 15:79');
    const body = { itemId: message.restId, target: { caseRef: target.id }, title: 'Reviderade fasadritningar', attachments: outlookChoices(message) };
    const first = await register(body, { headers: { 'Idempotency-Key': 'mail-bjorkhagen-1' } });
    const before = await stored();

    const again = await register(body);
    const retry = await register(body, { headers: { 'Idempotency-Key': 'mail-bjorkhagen-1' } });
    const [a, b] = await Promise.all([register(body, { as: 'karin' }), register(body, { as: 'karin' })]);

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyRegistered: true, document: { id: first.body.document.id } });
    expect(retry.status).toBe(201);
    expect(retry.body.document.id).toBe(first.body.document.id);
    expect([a.body.document.id, b.body.document.id]).toEqual([first.body.document.id, first.body.document.id]);
    expect(await stored()).toEqual(before);
  });

  it('refuses the same mail into another case, naming where it is only to those who may see it, until asked to register it there too', async () => {
    const raw = await demoMail('inbox/06-svar-bjorkhagen.eml');
    const secret = await newCase('SN', 'Orosanmälan gällande barn – Ekström', { publicTitle: 'Orosanmälan gällande barn', confidentiality: { provision: 'OSL 26 kap. 1 §' } });
    const inSecret = await register({
      itemId: (await deliver('karin.lindqvist@ekby.se', raw)).restId,
      target: { caseRef: secret.id },
      title: 'Svar om garage',
      publicTitle: 'Inkommande e-post',
      confidentiality: { provision: 'OSL 26 kap. 1 §' },
    });
    expect(inSecret.status).toBe(201);

    const ksCase = await newCase('KS', 'Skrivelse om byggnation i Björkhagen');
    const asJohan = await register(
      { itemId: (await deliver('johan.berg@ekby.se', raw)).restId, target: { caseRef: ksCase.id }, title: 'Svar om garage' },
      { as: 'johan' },
    );
    expect(asJohan.status).toBe(409);
    expect(asJohan.body.code).toBe('already_registered_elsewhere');
    expect(asJohan.body.detail).toBe('Mejlet är redan diariefört i ett annat ärende. Välj att diarieföra det även här om det hör till båda ärendena.');
    expect(JSON.stringify(asJohan.body)).not.toContain('SN ');

    const karinsCopy = await deliver('karin.lindqvist@ekby.se', raw);
    const asKarin = await register({ itemId: karinsCopy.restId, target: { caseRef: ksCase.id }, title: 'Svar om garage' });
    expect(asKarin.status).toBe(409);
    expect(asKarin.body.detail).toContain(inSecret.body.document.documentNumber);
    expect(asKarin.body.errors).toEqual([{ field: 'alsoInOtherCase', message: expect.any(String) }]);

    const both = await register({ itemId: karinsCopy.restId, target: { caseRef: ksCase.id }, title: 'Svar om garage', alsoInOtherCase: true });
    expect(both.status).toBe(201);
    const events = await call('GET', `/api/v1/cases/${ksCase.id}/events`);
    expect(events.body.items.at(-1).after.mail.alsoRegisteredAs).toEqual([inSecret.body.document.documentNumber]);
    expect(karinsCopy.categories).toEqual([`Diarieförd ${both.body.document.documentNumber}`]);
  });
});

describe('finding registered mail', () => {
  it('finds the body text for those who may read it, and not for those who may not', async () => {
    const raw = Buffer.from(
      [
        'From: Ali Ahmed <ali.ahmed@exempel.se>',
        'To: kommunen@ekby.se',
        'Subject: Ang. min ansökan',
        'Date: Mon, 23 Nov 2026 09:00:00 +0100',
        'Message-ID: <sokord-test@exempel.se>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Jag bifogar intyget om min skuldsanering och ber om besked snarast.',
        '',
      ].join('\r\n'),
    );
    const secret = await newCase('SN', 'Ansökan om ekonomiskt bistånd – Ali Ahmed', {
      publicTitle: 'Ansökan om ekonomiskt bistånd',
      confidentiality: { provision: 'OSL 26 kap. 1 §' },
    });
    const res = await register({
      itemId: (await deliver('karin.lindqvist@ekby.se', raw)).restId,
      target: { caseRef: secret.id },
      title: 'Komplettering från Ali Ahmed',
      publicTitle: 'Komplettering',
      confidentiality: { provision: 'OSL 26 kap. 1 §' },
    });
    expect(res.status).toBe(201);

    const search = async (as: string) => (await call('GET', '/api/v1/cases?q=skuldsanering', { as })).body.items.map((c: { id: string }) => c.id);
    expect(await search('karin')).toEqual([secret.id]);
    expect(await search('sofia')).toEqual([]);
    expect(await search('johan')).toEqual([]);
  });

  it('finds the body text of a public mail for everyone on staff', async () => {
    const raw = Buffer.from(
      'From: a@exempel.se\r\nTo: kommunen@ekby.se\r\nSubject: Fråga\r\nMessage-ID: <public-body@exempel.se>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Gäller <b>hundrastgården</b> vid Sjövik.</p>\r\n',
    );
    const target = await newCase('KS', 'Skrivelse om parker');
    await register({ itemId: (await deliver('karin.lindqvist@ekby.se', raw)).restId, target: { caseRef: target.id }, title: 'Fråga om park' });
    expect((await call('GET', '/api/v1/cases?q=hundrastgården', { as: 'sofia' })).body.items.map((c: { id: string }) => c.id)).toEqual([target.id]);
  });

  it('says where a mail, or its conversation, is registered, showing a confidential case by its public title to outsiders', async () => {
    const first = await demoMail('inbox/05-ritningar-bjorkhagen.eml');
    const reply = await demoMail('inbox/06-svar-bjorkhagen.eml');
    const firstInMailbox = await deliver('erik.nystrom@ekby.se', first);
    const replyInMailbox = await deliver('erik.nystrom@ekby.se', reply);
    expect(replyInMailbox.conversationId).toBe(firstInMailbox.conversationId);

    const byMessage = await call('GET', `/api/v1/mail/registrations?internetMessageId=${encodeURIComponent(replyInMailbox.internetMessageId)}`);
    expect(byMessage.status).toBe(200);
    const titles = byMessage.body.items.map((i: { caseTitle: string }) => i.caseTitle);
    expect(titles).toEqual(expect.arrayContaining(['Skrivelse om byggnation i Björkhagen', 'Orosanmälan gällande barn – Ekström']));

    const asSofia = await call('GET', `/api/v1/mail/registrations?internetMessageId=${encodeURIComponent(replyInMailbox.internetMessageId)}`, { as: 'sofia' });
    expect(asSofia.body.items.map((i: { caseTitle: string }) => i.caseTitle)).toEqual(
      expect.arrayContaining(['Skrivelse om byggnation i Björkhagen', 'Orosanmälan gällande barn']),
    );
    expect(JSON.stringify(asSofia.body)).not.toContain('Ekström');

    const byConversation = await call('GET', `/api/v1/mail/registrations?conversationId=${encodeURIComponent(replyInMailbox.conversationId)}`, { as: 'sofia' });
    expect(byConversation.body.items.map((i: { documentNumber: string }) => i.documentNumber)).toEqual(
      expect.arrayContaining([...byMessage.body.items.map((i: { documentNumber: string }) => i.documentNumber)]),
    );
    expect(byConversation.body.items.length).toBeGreaterThan(byMessage.body.items.length);
    expect(byConversation.body.items[0]).toEqual({
      documentId: expect.any(String),
      documentNumber: expect.any(String),
      caseId: expect.any(String),
      caseNumber: expect.any(String),
      caseTitle: expect.any(String),
      registeredBy: { id: expect.any(String), name: 'Karin Lindqvist', email: 'karin.lindqvist@ekby.se' },
      registeredAt: expect.any(String),
    });

    const neither = await call('GET', '/api/v1/mail/registrations');
    expect(neither.status).toBe(400);
    expect(neither.body.errors).toEqual([{ field: 'internetMessageId', message: 'Ange internetMessageId eller conversationId.' }]);
  });
});

describe('when Outlook or Graph do not play along', () => {
  it('sets the category later, in the background, when Outlook refuses it now', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', fresh(await demoMail('inbox/04-komplettering-ks-2026-0042.eml')));
    m365.graph.faults.add({ match: /^PATCH \/me\/messages\//, status: 500, times: 1 });
    const res = await register({ itemId: message.restId, target: { caseRef: (await newCase('KS', 'Idrottshall i Västanå')).id }, title: 'Komplettering' });

    expect(res.status).toBe(201);
    expect(res.body.categorySet).toBe(false);
    expect(message.categories).toEqual([]);
    expect(await jobs('mail.category')).toEqual([{ status: 'pending', attempts: 0, last_error: null }]);

    expect(await jobRunner(0).runDue()).toBe(0);
    expect(await jobRunner(60_000).runDue()).toBe(1);
    expect(message.categories).toEqual([`Diarieförd ${res.body.document.documentNumber}`]);
    expect(await jobs('mail.category')).toEqual([{ status: 'done', attempts: 1, last_error: null }]);
    expect(m365.entra.grants.at(-1)).toMatchObject({ grantType: 'client_credentials', scope: 'https://graph.microsoft.com/.default' });
  });

  it('says the mail was not found when it was moved or deleted, and stores nothing', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', await demoMail('inbox/01-medborgarforslag-lekplats.eml'));
    m365.graph.mailboxes.move(mailbox('karin.lindqvist@ekby.se'), message.restId, null);
    const target = await newCase('KS', 'Lekplats');
    const before = await stored();

    const res = await register({ itemId: message.restId, target: { caseRef: target.id }, title: 'Förslag' });

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      code: 'mail_not_found',
      title: 'Mejlet hittades inte',
      detail: 'Mejlet hittades inte. Det kan ha flyttats eller tagits bort. Öppna det på nytt och försök igen.',
      errors: [{ field: 'itemId', message: expect.any(String) }],
    });
    const inEnglish = await call('POST', '/api/v1/mail/registrations', {
      json: { itemId: message.restId, target: { caseRef: target.id }, title: 'Förslag' },
      headers: { 'accept-language': 'en' },
    });
    expect(inEnglish.body.detail).toBe('The mail was not found. It may have been moved or deleted. Open it again and retry.');
    expect(await stored()).toEqual(before);
  });

  it('finds a mail Graph lost between two calls as not found too', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', fresh(await demoMail('inbox/01-medborgarforslag-lekplats.eml')));
    m365.graph.faults.add({ match: /^GET \/me\/messages\/[^/]+\/\$value$/, status: 404 });
    const res = await register({ itemId: message.restId, target: { caseRef: (await newCase('KS', 'Lekplats')).id }, title: 'Förslag' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('mail_not_found');
  });

  it('waits as Graph asks (429 with Retry-After) and then registers', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', fresh(await demoMail('inbox/02-gatubelysning-bild.eml')));
    const target = await newCase('KS', 'Gatubelysning');
    m365.graph.faults.add({ match: /^GET \/me\/messages\/[^/]+$/, status: 429, retryAfter: '0.3', times: 2 });
    const requestsBefore = m365.graph.requests.length;
    const started = Date.now();

    const res = await register({ itemId: message.restId, target: { caseRef: target.id }, title: 'Gatubelysning' });

    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    const gets = m365.graph.requests.slice(requestsBefore).filter((r) => /^\/me\/messages\/[^/]+$/.test(r.path) && r.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(3);
  });

  it('gives up at once, storing nothing, when Graph asks to wait longer than a user can', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', await demoMail('inbox/02-gatubelysning-bild.eml'));
    const target = await newCase('KS', 'Gatubelysning');
    m365.graph.faults.add({ match: /^GET \/me\/messages\//, status: 429, retryAfter: '120', times: 5 });
    const before = await stored();
    const started = Date.now();

    const res = await register({ itemId: message.restId, target: { caseRef: target.id }, title: 'Gatubelysning' });

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'unavailable', detail: 'Microsoft 365 är överbelastat eller svarar inte just nu. Försök igen om en stund.' });
    expect(await stored()).toEqual(before);
    m365.graph.faults.clear();
  });

  it('says Microsoft 365 failed (502) on any other Graph error', async () => {
    const message = await deliver('karin.lindqvist@ekby.se', fresh(await demoMail('inbox/02-gatubelysning-bild.eml')));
    m365.graph.faults.add({ match: /^POST \/me\/translateExchangeIds$/, status: 500 });
    const res = await register({ itemId: message.restId, target: { caseRef: (await newCase('KS', 'Gatubelysning')).id }, title: 'Gatubelysning' });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'upstream_failed', detail: 'Det gick inte att hämta mejlet från Microsoft 365. Försök igen om en stund.' });
  });

  it('refuses a mail over the upload limit before fetching it, naming the limit, and stores nothing', async () => {
    const big = Buffer.from(
      `From: a@exempel.se\r\nSubject: Stor bilaga\r\nMessage-ID: <stor@exempel.se>\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(300 * 1024)}\r\n`,
    );
    const message = await deliver('karin.lindqvist@ekby.se', big);
    const target = await newCase('KS', 'Stora filer');
    const before = await stored();
    const requestsBefore = m365.graph.requests.length;

    const res = await register({ itemId: message.restId, target: { caseRef: target.id }, title: 'Stor' });

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large', detail: 'Mejlet är för stort för att diarieföras. Största tillåtna storlek är 256 kB.' });
    expect(m365.graph.requests.slice(requestsBefore).some((r) => r.path.endsWith('/$value'))).toBe(false);
    expect(await stored()).toEqual(before);
  });

  it('registers a mail in a shared mailbox, asking for shared-mailbox access', async () => {
    m365.graph.mailboxes.addMailbox({ address: 'registrator@ekby.se', displayName: 'Registrator', kind: 'shared' });
    const message = await deliver('registrator@ekby.se', await demoMail('registrator/01-serveringstillstand.eml'));
    const res = await register({
      itemId: message.restId,
      mailbox: 'registrator@ekby.se',
      target: { newCase: { diary: 'KS', title: 'Serveringstillstånd för Café Ån' } },
      title: 'Ansökan om serveringstillstånd',
      alsoInOtherCase: true,
    });
    expect(res.status).toBe(201);
    expect(m365.entra.grants.at(-1)!.scope).toContain('https://graph.microsoft.com/Mail.ReadWrite.Shared');
    expect(message.categories).toEqual([`Diarieförd ${res.body.document.documentNumber}`]);
    expect(m365.graph.requests.at(-1)!.path).toMatch(/^\/users\/registrator%40ekby\.se\/messages\//);
  });

  it("refuses another user's own mailbox as Graph does", async () => {
    const message = await deliver('karin.lindqvist@ekby.se', await demoMail('inbox/02-gatubelysning-bild.eml'));
    const res = await register(
      { itemId: message.restId, mailbox: 'karin.lindqvist@ekby.se', target: { caseRef: (await newCase('KS', 'Gatubelysning')).id }, title: 'x' },
      { as: 'johan' },
    );
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('Du har inte behörighet till brevlådan där mejlet ligger.');
  });
});

describe('tying an outgoing mail to a case', () => {
  it('registers the sent copy once it is in Sent Items, once, however often the job runs', async () => {
    const target = await newCase('BN', 'Ansökan om bygglov för carport på Tallbacken 4:17');
    const draft = await m365.graph.mailboxes.addMessage(
      'karin.lindqvist@ekby.se',
      Buffer.from(
        'From: Karin Lindqvist <karin.lindqvist@ekby.se>\r\nTo: Per Åberg <per.aberg@exempel.se>\r\nSubject: =?utf-8?q?Beg=C3=A4ran_om_komplettering?=\r\nMessage-ID: <utkast-komplettering@ekby.se>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVi behöver en situationsplan.\r\n',
      ),
      { folder: 'drafts' },
    );

    const tie = await call('POST', '/api/v1/mail/outgoing', { json: { itemId: draft.restId, caseRef: target.caseNumber } });
    expect(tie.status).toBe(201);
    expect(tie.body).toEqual({
      id: expect.any(String),
      caseId: target.id,
      caseNumber: target.caseNumber,
      internetMessageId: '<utkast-komplettering@ekby.se>',
      status: 'waiting',
      documentId: null,
    });
    const again = await call('POST', '/api/v1/mail/outgoing', { json: { itemId: draft.restId, caseRef: target.id } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(tie.body.id);

    // Not sent yet: the job looks, finds nothing, and waits.
    expect(await jobRunner(2 * 60_000).runDue()).toBe(1);
    expect(await jobs('mail.outgoing')).toEqual([{ status: 'pending', attempts: 1, last_error: 'NotYet: The sent copy is not in Sent Items yet' }]);

    m365.graph.mailboxes.send(mailbox('karin.lindqvist@ekby.se'), draft.restId);
    const [one, two] = [jobRunner(10 * 60_000), jobRunner(10 * 60_000)];
    await Promise.all([one.runDue(), two.runDue()]);
    await jobRunner(60 * 60_000).runDue();

    const documents = (await call('GET', `/api/v1/cases/${target.id}/documents`)).body.items;
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      direction: 'outgoing',
      kind: 'mail',
      title: 'Begäran om komplettering',
      counterparty: { name: 'Per Åberg', email: 'per.aberg@exempel.se' },
      sourceRef: '<utkast-komplettering@ekby.se>',
      registeredBy: { name: 'Karin Lindqvist' },
    });
    expect(await jobs('mail.outgoing')).toEqual([{ status: 'done', attempts: 2, last_error: 'NotYet: The sent copy is not in Sent Items yet' }]);
    const settled = await call('POST', '/api/v1/mail/outgoing', { json: { itemId: draft.immutableId, caseRef: target.id } });
    expect(settled.body).toMatchObject({ status: 'registered', documentId: documents[0].id });
    expect(draft.categories).toEqual([`Diarieförd ${documents[0].documentNumber}`]);
  });

  it('gives up after a day when the mail is never sent, and says so', async () => {
    const target = await newCase('KS', 'Remiss om kollektivtrafik');
    const draft = await m365.graph.mailboxes.addMessage(
      'johan.berg@ekby.se',
      Buffer.from('From: johan.berg@ekby.se\r\nSubject: Remissvar\r\nMessage-ID: <aldrig-skickat@ekby.se>\r\n\r\nUtkast\r\n'),
      { folder: 'drafts' },
    );
    const tie = await call('POST', '/api/v1/mail/outgoing', { as: 'johan', json: { itemId: draft.restId, caseRef: target.id } });
    expect(tie.status).toBe(201);

    await jobRunner(25 * 60 * 60_000).runDue();

    const failed = (await jobs('mail.outgoing')).at(-1);
    expect(failed).toMatchObject({ status: 'failed', last_error: 'NotYet: The sent copy is not in Sent Items yet' });
    const after = await call('POST', '/api/v1/mail/outgoing', { as: 'johan', json: { itemId: draft.restId, caseRef: target.id } });
    expect(after.body.status).toBe('failed');
  });

  it('asks for a public title when the tie is confidential, and refuses a draft that is not saved', async () => {
    const res = await call('POST', '/api/v1/mail/outgoing', {
      json: { itemId: 'AAMkADx', caseRef: 'KS 2026/0001', confidentiality: { provision: 'OSL 26 kap. 1 §' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'publicTitle', message: expect.any(String) }]);
  });
});

describe('bad requests', () => {
  it('names every wrong field of a registration', async () => {
    const res = await register({ itemId: '', target: { caseRef: 'KS 2026/0001' }, attachments: [{ name: 'a', main: true }, { name: 'b', main: true }], extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'itemId', 'title']);
    const twoMain = await register({ itemId: 'AAMkADx', target: { caseRef: 'KS 2026/0001' }, title: 'x', attachments: [{ name: 'a', main: true }, { name: 'b', main: true }] });
    expect(twoMain.body.errors).toEqual([{ field: 'attachments', message: 'Markera högst en bilaga som huvuddokument.' }]);
  });

  it('refuses a user without a register role in the diary before asking Graph', async () => {
    const requestsBefore = m365.graph.requests.length;
    const target = await newCase('SN', 'Ansökan om färdtjänst', { publicTitle: 'Ansökan om färdtjänst', confidentiality: { provision: 'OSL 26 kap. 1 §' } });
    const res = await register({ itemId: 'AAMkADanything', target: { caseRef: target.id }, title: 'x' }, { as: 'sofia' });
    expect(res.status).toBe(403);
    expect(m365.graph.requests.length).toBe(requestsBefore);
  });
});

describe('what the logs keep', () => {
  it('has no subject, body, file name or confidential title of any mail registered above', () => {
    expect(logs.length).toBeGreaterThan(50);
    const all = logs.join('\n');
    for (const secret of ['Åkermyran', 'skuldsanering', 'Ali Ahmed', 'Ekström', 'hundrastgården', 'Begäran om komplettering', 'lyktstolpe']) {
      expect(all).not.toContain(secret);
    }
  });
});
