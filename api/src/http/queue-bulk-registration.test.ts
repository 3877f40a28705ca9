import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoMail } from '../demo/mail.ts';
import { directoryMailSource, mailboxFolder } from '../ingest/directory-mail-source.ts';
import { syncMailbox } from '../ingest/sync-mailbox.ts';
import { addQueueMembers, insertFunctionMailbox, insertQueue } from '../store/function-mailboxes.ts';
import { signedInCaller, startTestServer, type ApiCall, type NewCase, type TestServer } from './test-server.ts';

// Several messages of a queue registered into one case at once: each its own document titled by
// its subject, with its attachments but not the images in its text; a new case is made with the
// first. Each message stands alone: one that cannot be registered stays waiting, with the reason.

const ADDRESS = 'kommunen@ekby.se';
let s: TestServer;
let call: ApiCall;
let newCase: NewCase;
let root: string;
let queueId: string;

interface Item {
  id: string;
  subject: string;
  version: number;
  status: string;
  document: { documentNumber: string } | null;
}
interface Outcome {
  itemId: string;
  status: string;
  document: { documentNumber: string; caseId: string } | null;
  problem: { status: number; title: string; detail: string | null } | null;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'diarium-queue-bulk-'));
  const folder = mailboxFolder(root, ADDRESS);
  await mkdir(folder, { recursive: true });
  for (const [name, demo] of [
    ['1-lekplats.eml', 'inbox/01-medborgarforslag-lekplats.eml'],
    ['2-belysning.eml', 'inbox/02-gatubelysning-bild.eml'],
    ['3-samrad.eml', 'inbox/03-vidarebefordrat-samradsyttrande.eml'],
    ['4-servering.eml', 'registrator/01-serveringstillstand.eml'],
  ] as const) {
    await writeFile(join(folder, name), await readDemoMail(demo));
  }
  const source = directoryMailSource(root);
  s = await startTestServer({ mailSource: source, maxUploadBytes: 5 * 1024 * 1024 });
  ({ call, newCase } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', sofia: 'sofia.ek@ekby.se' }));
  const { db } = s.register.deps;
  const orgId = s.register.orgId;
  const karin = (await call('GET', '/api/v1/me', { as: 'karin' })).body.id as string;
  queueId = await insertQueue(db, { orgId, name: 'Registraturen' });
  await addQueueMembers(db, queueId, [karin]);
  const mailboxId = await insertFunctionMailbox(db, { orgId, address: ADDRESS, displayName: 'Ekby kommun', defaultQueueId: queueId, updatedAt: new Date() });
  await syncMailbox(s.register.deps, source, mailboxId, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await s.close();
  await rm(root, { recursive: true, force: true });
});

async function items(status = 'waiting'): Promise<Item[]> {
  return (await call('GET', `/api/v1/queues/${queueId}/items?status=${status}`, { as: 'karin' })).body.items as Item[];
}
const find = async (subject: RegExp) => (await items()).find((i) => subject.test(i.subject))!;
const ref = (item: Item) => ({ id: item.id, version: item.version });

describe('registering several messages of a queue into one case', () => {
  it('makes the new case with the first, registers each as its own document with its attachments, and the messages leave the queue', async () => {
    const proposal = await find(/lekplats/iu);
    const light = await find(/belysning/iu);
    const res = await call('POST', '/api/v1/queue-items/registrations', {
      as: 'karin',
      json: { items: [ref(proposal), ref(light)], target: { newCase: { diary: 'KS', title: 'Synpunkter på Åkermyran' } } },
    });
    expect(res.status).toBe(200);
    const outcomes = res.body.items as Outcome[];
    const caseNumber = res.body.case.caseNumber as string;
    expect(caseNumber).toMatch(/^KS \d{4}\/\d{4}$/);
    expect(outcomes.map((o) => [o.itemId, o.status, o.document?.documentNumber, o.problem])).toEqual([
      [proposal.id, 'registered', `${caseNumber}-1`, null],
      [light.id, 'registered', `${caseNumber}-2`, null],
    ]);

    const documents = (await call('GET', `/api/v1/cases/${res.body.case.id}/documents`, { as: 'karin' })).body.items as { title: string; files: { name: string }[] }[];
    expect(documents.map((d) => d.title)).toEqual([proposal.subject, light.subject]);
    // The street light's photo in the text is no document of its own; the map attached is.
    const lightFiles = documents[1]!.files.map((f) => f.name);
    expect(lightFiles).toContain('Karta över Björkvägen.png');
    expect(lightFiles).not.toContain('lyktstolpe.png');

    expect((await items()).map((i) => i.subject)).not.toEqual(expect.arrayContaining([proposal.subject]));
    const registered = await items('registered');
    expect(registered.filter((i) => i.document?.documentNumber.startsWith(caseNumber)).map((i) => i.subject).sort()).toEqual([proposal.subject, light.subject].sort());
    const history = (await call('GET', `/api/v1/queue-items/${light.id}/events`, { as: 'karin' })).body.items as { action: string; documentNumber: string | null }[];
    expect(history.at(-1)).toMatchObject({ action: 'item.register', documentNumber: `${caseNumber}-2` });
  });

  it('registers the rest when one message cannot be, and keeps that one waiting with the reason in the reader’s language', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 2:14');
    const consultation = await find(/samråd/iu);
    const serving = await find(/serveringstillstånd/iu);
    const res = await call('POST', '/api/v1/queue-items/registrations', {
      as: 'karin',
      // The consultation as it was read before someone else changed it.
      json: { items: [{ ...ref(consultation), version: consultation.version + 3 }, ref(serving)], target: { caseRef: target.caseNumber } },
    });
    expect(res.status).toBe(200);
    const [stale, done] = res.body.items as Outcome[];
    expect(stale).toMatchObject({ itemId: consultation.id, status: 'failed', document: null, problem: { status: 412 } });
    expect(stale!.problem!.title).toMatch(/ändrat|ändrats/iu);
    expect(done).toMatchObject({ itemId: serving.id, status: 'registered', document: { documentNumber: `${target.caseNumber}-1` }, problem: null });
    expect(res.body.case).toEqual({ id: target.id, caseNumber: target.caseNumber });
    expect((await find(/samråd/iu)).status).toBe('waiting');
  });

  it('refuses the whole request before reading any mail when the case is wrong or the same message is sent twice, naming the field', async () => {
    const consultation = await find(/samråd/iu);
    const unknown = await call('POST', '/api/v1/queue-items/registrations', {
      as: 'karin',
      json: { items: [ref(consultation)], target: { caseRef: 'KS 1999/99999' } },
    });
    expect(unknown.status).toBe(404);
    const twice = await call('POST', '/api/v1/queue-items/registrations', {
      as: 'karin',
      json: { items: [ref(consultation), ref(consultation)], target: { caseRef: 'KS 1999/99999' } },
    });
    expect(twice.status).toBe(400);
    expect(twice.headers.get('content-type')).toContain('application/problem+json');
    expect(twice.body.errors).toEqual([{ field: 'items', message: 'Samma meddelande finns med flera gånger. Välj varje meddelande en gång.' }]);
    // Someone who may not open cases in the diary is refused as a whole, before any mail is read.
    const outsider = await call('POST', '/api/v1/queue-items/registrations', {
      as: 'sofia',
      json: { items: [ref(consultation)], target: { newCase: { diary: 'KS', title: 'Samråd' } } },
    });
    expect(outsider.status).toBe(403);
    expect((await find(/samråd/iu)).status).toBe('waiting');
  });
});
