import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateDocumentSchema, isAppError, type CreateDocument } from '@diarium/core';
import { getDocument } from './get-document.ts';
import { listEvents } from './list-events.ts';
import { readFile } from './read-file.ts';
import { registerCase } from './register-case.ts';
import { registerDocument, type UploadedFile } from './register-document.ts';
import { openTestRegister, type TestRegister } from './test-register.ts';

let r: TestRegister;
let caseId: string;
beforeAll(async () => {
  r = await openTestRegister();
  const { value } = await registerCase(r.deps, r.registrar, {
    diary: 'BN',
    title: 'Ansökan om bygglov för carport på Björkhagen 3:12',
    officerId: r.bnOfficer.user.id,
  });
  caseId = value.id;
});
afterAll(() => r.close());

const meta = (input: CreateDocument) => CreateDocumentSchema.parse(input);

async function upload(name: string, content: string, mediaType = 'text/plain'): Promise<UploadedFile> {
  const blob = await r.deps.blobs.put(Readable.from([Buffer.from(content)]), { maxBytes: 1_000_000 });
  return { name, mediaType, blob };
}

async function storedBlobCount(): Promise<number> {
  const entries = await readdir(r.blobDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

describe('registering a document', () => {
  it('numbers documents inside the case, KS 2026/0001-1, -2, and records files with their SHA-256', async () => {
    const first = await registerDocument(
      r.deps,
      r.registrar,
      caseId,
      meta({ direction: 'incoming', kind: 'letter', title: 'Ansökan', counterparty: { name: 'Per Åberg' } }),
      [await upload('ansökan.txt', 'Jag ansöker om bygglov.')],
    );
    const second = await registerDocument(
      r.deps,
      r.bnOfficer,
      caseId,
      meta({ direction: 'outgoing', kind: 'decision', title: 'Beslut om bygglov' }),
      [],
    );
    expect(first.value.documentNumber).toMatch(/^BN \d{4}\/0001-1$/);
    expect(second.value.documentNumber).toMatch(/^BN \d{4}\/0001-2$/);
    const doc = first.value;
    expect(doc.access === 'full' && doc.files).toEqual([
      expect.objectContaining({
        name: 'ansökan.txt',
        size: Buffer.byteLength('Jag ansöker om bygglov.'),
        sha256: createHash('sha256').update('Jag ansöker om bygglov.').digest('hex'),
        main: true,
      }),
    ]);
    expect(doc.access === 'full' && doc.receivedAt).toBeTruthy();
  });

  it('gives the file back, byte for byte, checked against its SHA-256', async () => {
    const { value } = await registerDocument(
      r.deps,
      r.registrar,
      caseId,
      meta({ direction: 'incoming', title: 'Ritning' }),
      [await upload('ritning.txt', 'Fasad mot norr, skala 1:100')],
    );
    if (value.access !== 'full') throw new Error('expected full access');
    const { file, content } = await readFile(r.deps, r.reader, value.id, value.files[0]!.id);
    expect(file.name).toBe('ritning.txt');
    expect(await text(content)).toBe('Fasad mot norr, skala 1:100');
  });

  it('registers the same mail once into a case, and says so the second time (rule 2)', async () => {
    const input = meta({
      direction: 'incoming',
      kind: 'mail',
      title: 'Komplettering',
      source: 'mail',
      sourceRef: '<CAF=komplettering@exempel.se>',
    });
    const blobsBefore = await storedBlobCount();
    const [a, b] = await Promise.all([
      registerDocument(r.deps, r.registrar, caseId, input, [await upload('mail.eml', 'From: a')]),
      registerDocument(r.deps, r.bnOfficer, caseId, input, [await upload('mail.eml', 'From: a')]),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(['created', 'existing']);
    expect(a.value.id).toBe(b.value.id);
    // The second upload was not needed and is gone again.
    expect(await storedBlobCount()).toBe(blobsBefore + 1);
    const history = await listEvents(r.deps, r.registrar, caseId);
    expect(history.filter((e) => e.action === 'document.registered' && e.documentId === a.value.id)).toHaveLength(1);
  });

  it('refuses a reader, and leaves no file behind', async () => {
    const before = await storedBlobCount();
    const files = [await upload('x.txt', 'x')];
    const error = await registerDocument(r.deps, r.reader, caseId, meta({ direction: 'incoming', title: 'X' }), files).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.code).toBe('forbidden');
    expect(await storedBlobCount()).toBe(before);
  });

  it('keeps a confidential document in a public case to those allowed, and records their reads', async () => {
    const { value } = await registerDocument(
      r.deps,
      r.registrar,
      caseId,
      meta({
        direction: 'incoming',
        title: 'Läkarintyg för Ingrid Öberg',
        publicTitle: 'Läkarintyg',
        confidentiality: { provision: 'OSL 25 kap. 1 §' },
      }),
      [await upload('intyg.txt', 'Diagnos: ...')],
    );
    const outsider = await getDocument(r.deps, r.reader, value.id);
    expect(outsider.access).toBe('restricted');
    expect(JSON.stringify(outsider)).not.toContain('Öberg');
    if (value.access !== 'full') throw new Error('expected full access');
    const denied = await readFile(r.deps, r.reader, value.id, value.files[0]!.id).catch((e: unknown) => e);
    expect(isAppError(denied) && denied.code).toBe('forbidden');

    const officer = await getDocument(r.deps, r.bnOfficer, value.id);
    expect(officer.access === 'full' && officer.title).toBe('Läkarintyg för Ingrid Öberg');

    const readerHistory = await listEvents(r.deps, r.reader, caseId);
    const registered = readerHistory.find((e) => e.documentId === value.id && e.action === 'document.registered');
    expect(registered?.after).toEqual({ documentNumber: value.documentNumber, publicTitle: 'Läkarintyg', confidential: true });
    expect(JSON.stringify(readerHistory)).not.toContain('Öberg');
    const full = await listEvents(r.deps, r.registrar, caseId);
    expect(full.filter((e) => e.action === 'document.read').map((e) => e.actor?.name)).toEqual(['Amira Haddad']);
  });
});
