import { createHash } from 'node:crypto';
import { access, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoMail } from '../demo/mail.ts';
import { directoryMailSource, mailboxFolder } from '../ingest/directory-mail-source.ts';
import { syncMailbox } from '../ingest/sync-mailbox.ts';
import { ingestJobHandlers } from '../jobs/ingest-jobs.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { rowsOf } from '../store/database.ts';
import { addQueueMembers, insertFunctionMailbox, insertQueue } from '../store/function-mailboxes.ts';
import { signedInCaller, startTestServer, type ApiCall, type NewCase, type TestServer } from './test-server.ts';

// A function mailbox's message registered from its queue, through the same use case as the
// add-in: the mail read as Diarium from where it lies (here a folder of .eml files), kept byte
// for byte with the chosen attachments, the item registered, and the mail moved to the
// mailbox's handled folder once the job has run.

const ADDRESS = 'kommunen@ekby.se';
const HANDLED = 'Diarieförda';
const logger = pino({ level: 'silent' });
let s: TestServer;
let call: ApiCall;
let newCase: NewCase;
let root: string;
let mailboxId: string;
let queueId: string;
const files: Record<string, Buffer> = {};

interface Item {
  id: string;
  subject: string;
  version: number;
  status: string;
  assignee: { name: string } | null;
  document: { id: string; documentNumber: string } | null;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'diarium-queue-mail-'));
  const folder = mailboxFolder(root, ADDRESS);
  await mkdir(folder, { recursive: true });
  files['serveringstillstand.eml'] = await readDemoMail('registrator/01-serveringstillstand.eml');
  files['lekplats.eml'] = await readDemoMail('inbox/01-medborgarforslag-lekplats.eml');
  files['belysning.eml'] = await readDemoMail('inbox/02-gatubelysning-bild.eml');
  files['samrad.eml'] = await readDemoMail('inbox/03-vidarebefordrat-samradsyttrande.eml');
  for (const [name, raw] of Object.entries(files)) await writeFile(join(folder, name), raw);

  const source = directoryMailSource(root);
  s = await startTestServer({ mailSource: source, maxUploadBytes: 5 * 1024 * 1024 });
  ({ call, newCase } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', amira: 'amira.haddad@ekby.se', sofia: 'sofia.ek@ekby.se' }));
  const { db } = s.register.deps;
  const orgId = s.register.orgId;
  const amira = (await call('GET', '/api/v1/me', { as: 'amira' })).body.id as string;
  queueId = await insertQueue(db, { orgId, name: 'Registraturen' });
  await addQueueMembers(db, queueId, [amira]);
  mailboxId = await insertFunctionMailbox(db, { orgId, address: ADDRESS, displayName: 'Ekby kommun', defaultQueueId: queueId, handledFolder: HANDLED, updatedAt: new Date() });
  await syncMailbox(s.register.deps, source, mailboxId, { logger });
});
afterAll(async () => {
  await s.close();
  await rm(root, { recursive: true, force: true });
});

async function waiting(who = 'amira'): Promise<Item[]> {
  return (await call('GET', `/api/v1/queues/${queueId}/items`, { as: who })).body.items as Item[];
}
const item = async (subject: RegExp) => (await waiting()).find((i) => subject.test(i.subject))!;

/** Runs the background jobs that are due, as the worker would. */
async function runJobs(): Promise<number> {
  const runner = createJobRunner({
    db: s.register.deps.db,
    now: () => new Date(),
    handlers: ingestJobHandlers(s.register.deps, { source: directoryMailSource(root), logger, syncEveryMs: 60_000 }),
    logger,
  });
  return runner.runDue();
}

const inHandledFolder = (name: string) =>
  access(join(mailboxFolder(root, ADDRESS), HANDLED, name)).then(
    () => true,
    () => false,
  );

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('registering a function mailbox message from its queue', () => {
  it('opens the mail for a member to read first, with its attachments, and records that it was opened', async () => {
    const application = await item(/serveringstillstånd/u);
    const res = await call('GET', `/api/v1/queue-items/${application.id}/mail`, { as: 'amira' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      itemId: application.id,
      subject: 'Ansökan om serveringstillstånd – Café Ån',
      from: [{ address: 'linnea@cafean.se', name: 'Linnéa Åberg' }],
      attachments: [{ name: 'Ansökan serveringstillstånd Café Ån.pdf', mediaType: 'application/pdf', inline: false }],
    });
    expect(res.body.text).toContain('Café Ån AB ansöker om stadigvarande serveringstillstånd');
    expect((await call('GET', `/api/v1/queue-items/${application.id}/mail`, { as: 'sofia' })).status).toBe(404);
    const opened = rowsOf<{ n: number }>(await s.register.deps.db.execute(sql`select count(*)::int as n from queue_item_events where item_id = ${application.id} and action = 'item.open'`));
    expect(opened[0]!.n).toBe(1);
  });


  it('registers it into a new case with the chosen attachment, keeps the mail byte for byte, and records who did it', async () => {
    const application = await item(/serveringstillstånd/u);
    const res = await call('POST', `/api/v1/queue-items/${application.id}/registration`, {
      as: 'karin',
      headers: { 'if-match': `"${application.version}"` },
      json: {
        target: { newCase: { diary: 'KS', title: 'Ansökan om serveringstillstånd för Café Ån' } },
        title: 'Ansökan om serveringstillstånd',
        attachments: [{ name: 'Ansökan serveringstillstånd Café Ån.pdf', main: true }],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.alreadyRegistered).toBe(false);
    expect(res.body.item).toMatchObject({ status: 'registered', assignee: { name: 'Karin Lindqvist' }, document: { id: res.body.document.id } });
    expect(res.headers.get('etag')).toBe(`"${application.version + 1}"`);

    const document = (await call('GET', `/api/v1/documents/${res.body.document.id}`, { as: 'karin' })).body;
    expect(document).toMatchObject({ kind: 'mail', direction: 'incoming', title: 'Ansökan om serveringstillstånd' });
    const names = (document.files as { name: string }[]).map((f) => f.name).sort();
    expect(names).toEqual(['Ansökan om serveringstillstånd – Café Ån.eml', 'Ansökan serveringstillstånd Café Ån.pdf'].sort());
    const eml = (document.files as { id: string; name: string }[]).find((f) => f.name.endsWith('.eml'))!;
    const bytes = Buffer.from(await (await fetch(`${s.url}/api/v1/documents/${document.id}/files/${eml.id}`, { headers: { authorization: `Bearer ${await s.tokenFor('karin.lindqvist@ekby.se')}` } })).arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(files['serveringstillstand.eml']!));

    // The queue no longer shows it as waiting; its history names the registration.
    expect((await waiting()).some((i) => i.id === application.id)).toBe(false);
    const history = (await call('GET', `/api/v1/queue-items/${application.id}/events`, { as: 'amira' })).body.items as Record<string, unknown>[];
    expect(history.map((e) => [e.action, (e.actor as { name: string } | null)?.name ?? null, e.documentNumber])).toEqual([
      ['item.received', null, null],
      ['item.open', 'Amira Haddad', null],
      ['item.register', 'Karin Lindqvist', res.body.document.documentNumber],
    ]);
    expect(history[0]).toMatchObject({ queue: { name: 'Registraturen' } });
    expect((await call('GET', `/api/v1/queue-items/${application.id}/events`, { as: 'sofia' })).status).toBe(404);

    // The mail leaves the inbox for the handled folder once the job has run.
    expect(await inHandledFolder('serveringstillstand.eml')).toBe(false);
    expect(await runJobs()).toBeGreaterThan(0);
    expect(await inHandledFolder('serveringstillstand.eml')).toBe(true);
  });

  it('registers into an existing case by its number, and refuses to register the handled item again, saying why', async () => {
    const target = await newCase('KS', 'Medborgarförslag om lekplats vid Åkermyran');
    const proposal = await item(/lekplats/iu);
    const body = { target: { caseRef: target.caseNumber }, title: 'Medborgarförslag om lekplats' };
    const first = await call('POST', `/api/v1/queue-items/${proposal.id}/registration`, { as: 'karin', json: body, headers: { 'if-match': `"${proposal.version}"` } });
    expect(first.status).toBe(201);
    expect(first.body.document.documentNumber).toBe(`${target.caseNumber}-1`);
    await runJobs();

    // Registered already: the item says so, and says how to go on.
    const again = await call('POST', `/api/v1/queue-items/${proposal.id}/registration`, { as: 'karin', json: body, headers: { 'if-match': `"${first.body.item.version}"` } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'action' })]);
  });

  it('refuses a stale version, someone outside the queue, and a member without the right to register in the diary, and keeps the item waiting', async () => {
    const light = await item(/belysning/iu);
    const stale = await call('POST', `/api/v1/queue-items/${light.id}/registration`, {
      as: 'amira',
      headers: { 'if-match': `"${light.version + 7}"` },
      json: { target: { newCase: { diary: 'KS', title: 'Gatubelysning' } }, title: 'Synpunkt på gatubelysningen' },
    });
    expect(stale.status).toBe(412);
    const outsider = await call('POST', `/api/v1/queue-items/${light.id}/registration`, {
      as: 'sofia',
      headers: { 'if-match': `"${light.version}"` },
      json: { target: { newCase: { diary: 'KS', title: 'Gatubelysning' } }, title: 'Synpunkt på gatubelysningen' },
    });
    expect(outsider.status).toBe(404);
    // Amira handles the queue, but registers only in the building committee's diary.
    const elsewhere = await call('POST', `/api/v1/queue-items/${light.id}/registration`, {
      as: 'amira',
      headers: { 'if-match': `"${light.version}"` },
      json: { target: { newCase: { diary: 'KS', title: 'Gatubelysning' } }, title: 'Synpunkt på gatubelysningen' },
    });
    expect(elsewhere.status).toBe(403);
    expect((await item(/belysning/iu)).status).toBe('waiting');
  });

  it('names the field when the input is wrong, before fetching anything', async () => {
    const light = await item(/belysning/iu);
    const res = await call('POST', `/api/v1/queue-items/${light.id}/registration`, {
      as: 'karin',
      headers: { 'if-match': `"${light.version}"` },
      json: { target: { caseRef: 'KS 2026/99999' }, title: '' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('title');
    const unknown = await call('POST', `/api/v1/queue-items/${light.id}/registration`, {
      as: 'karin',
      headers: { 'if-match': `"${light.version}"` },
      json: { target: { caseRef: 'KS 1999/99999' }, title: 'Synpunkt' },
    });
    expect(unknown.status).toBe(404);
    expect((await item(/belysning/iu)).status).toBe('waiting');
  });

  it('marks a message set aside as handled: it moves to the handled folder too', async () => {
    const last = (await waiting()).find((i) => !/belysning/iu.test(i.subject))!;
    const aside = await call('POST', `/api/v1/queue-items/${last.id}/actions`, {
      as: 'amira',
      headers: { 'if-match': `"${last.version}"` },
      json: { action: 'setAside', reason: 'not_official' },
    });
    expect(aside.status).toBe(200);
    await runJobs();
    expect(await inHandledFolder('samrad.eml')).toBe(true);

    // Taken back and registered after all: the mail is read from the handled folder.
    const restored = await call('POST', `/api/v1/queue-items/${last.id}/actions`, {
      as: 'amira',
      headers: { 'if-match': `"${aside.body.version}"` },
      json: { action: 'restore' },
    });
    expect(restored.status).toBe(200);
    const registered = await call('POST', `/api/v1/queue-items/${last.id}/registration`, {
      as: 'karin',
      headers: { 'if-match': `"${restored.body.version}"` },
      json: { target: { newCase: { diary: 'KS', title: 'Samråd om detaljplan' } }, title: 'Samrådsyttrande' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.item.status).toBe('registered');
  });
});

describe('a server that reads no function mailbox', () => {
  it('says the message cannot be fetched, and what to do', async () => {
    const other = await startTestServer();
    try {
      const { call: ask } = await signedInCaller(other, { karin: 'karin.lindqvist@ekby.se' });
      const orgId = other.register.orgId;
      const { db } = other.register.deps;
      const queue = await insertQueue(db, { orgId, name: 'Registraturen' });
      const box = await insertFunctionMailbox(db, { orgId, address: ADDRESS, displayName: 'Ekby kommun', defaultQueueId: queue, updatedAt: new Date() });
      const folder = await mkdtemp(join(tmpdir(), 'diarium-queue-mail-'));
      await mkdir(mailboxFolder(folder, ADDRESS), { recursive: true });
      await copyFile(join(mailboxFolder(root, ADDRESS), 'belysning.eml'), join(mailboxFolder(folder, ADDRESS), 'belysning.eml'));
      await syncMailbox(other.register.deps, directoryMailSource(folder), box, { logger });
      await rm(folder, { recursive: true, force: true });
      const [waitingItem] = (await ask('GET', `/api/v1/queues/${queue}/items`)).body.items as Item[];
      const res = await ask('POST', `/api/v1/queue-items/${waitingItem!.id}/registration`, {
        headers: { 'if-match': `"${waitingItem!.version}"` },
        json: { target: { newCase: { diary: 'KS', title: 'Gatubelysning' } }, title: 'Synpunkt' },
      });
      expect(res.status).toBe(503);
      expect(res.body.detail).toContain('Funktionsbrevlådorna läses inte');
    } finally {
      await other.close();
    }
  });
});
