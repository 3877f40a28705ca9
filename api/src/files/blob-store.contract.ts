// What every BlobStore promises its callers. Each implementation's test file runs it.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.ts';
import {
  MB,
  countingStream,
  digestOf,
  expectAppError,
  failingStream,
  patternChunks,
  patternStream,
  readAll,
  sha256Hex,
} from './stream-fixtures.ts';

/** A store on fresh, empty storage, with a way to look at that storage behind its back. */
export interface BlobStoreHarness {
  store: BlobStore;
  /** Everything the storage holds, temporary files included, as the storage itself lists it. */
  listStored(): Promise<string[]>;
  /** Replaces a stored blob's bytes without going through the store. */
  tamper(key: string, bytes: Buffer): Promise<void>;
  dispose(): Promise<void>;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const streamOf = (bytes: Buffer): Readable => Readable.from([bytes], { objectMode: false });
const decision = Buffer.from('Beslut: bygglov beviljas för Storgatan 1, Åre. Dnr KS 2026/0042.\n'.repeat(200));

export function describeBlobStoreContract(name: string, makeStore: () => Promise<BlobStoreHarness>): void {
  describe(`${name}: the blob store contract`, () => {
    let harness: BlobStoreHarness;
    let store: BlobStore;

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.dispose();
    });

    it('gives back the bytes it stored, and records their SHA-256 and size', async () => {
      const stored = await store.put(streamOf(decision), { maxBytes: MB, mediaType: 'text/plain' });

      expect(stored).toEqual({ key: expect.any(String), size: decision.length, sha256: sha256(decision) });
      const read = await readAll(await store.get(stored.key, stored));
      expect(read.equals(decision)).toBe(true);
    });

    it('stores an empty file', async () => {
      const stored = await store.put(streamOf(Buffer.alloc(0)), { maxBytes: MB });

      expect(stored).toMatchObject({ size: 0, sha256: sha256(Buffer.alloc(0)) });
      expect((await readAll(await store.get(stored.key, stored))).length).toBe(0);
    });

    it('streams a 20 MB file into storage and back with the right SHA-256', async () => {
      const size = 20 * MB;
      const expected = { size, sha256: sha256Hex(patternChunks(size)) };

      const stored = await store.put(patternStream(size), { maxBytes: 25 * MB, mediaType: 'application/pdf' });

      expect(stored).toMatchObject(expected);
      expect(await digestOf(await store.get(stored.key, stored))).toEqual(expected);
    });

    it('accepts a file of exactly maxBytes and refuses one byte more', async () => {
      const stored = await store.put(streamOf(decision), { maxBytes: decision.length });
      expect(stored.size).toBe(decision.length);

      await expectAppError(store.put(streamOf(decision), { maxBytes: decision.length - 1 }), 'payload_too_large');
    });

    it('refuses a file over maxBytes with payload_too_large naming the limit, and keeps nothing of it', async () => {
      const error = await expectAppError(store.put(patternStream(8 * MB), { maxBytes: 5 * MB }), 'payload_too_large');

      expect(error.params).toEqual({ limit: '5 MB' });
      expect(await harness.listStored()).toEqual([]);
    });

    it('stops reading an upload where it crosses maxBytes, not at its end', async () => {
      const upload = countingStream(1024 * MB);

      await expectAppError(store.put(upload.stream, { maxBytes: 2 * MB }), 'payload_too_large');

      expect(upload.bytesRead()).toBeLessThan(3 * MB);
    });

    it('keeps nothing of an upload whose source fails midway, and passes the failure on', async () => {
      const reset = new Error('connection reset by client');

      await expect(store.put(failingStream(3 * MB, reset), { maxBytes: 25 * MB })).rejects.toBe(reset);
      expect(await harness.listStored()).toEqual([]);
    });

    it('gives every file its own key, so deleting one leaves an identical one readable', async () => {
      const first = await store.put(streamOf(decision), { maxBytes: MB });
      const second = await store.put(streamOf(decision), { maxBytes: MB });
      expect(second.key).not.toBe(first.key);

      await store.delete(first.key);

      expect((await readAll(await store.get(second.key, second))).equals(decision)).toBe(true);
    });

    it('fails the read with integrity_failed when the recorded SHA-256 is not that of the stored bytes', async () => {
      const stored = await store.put(streamOf(decision), { maxBytes: MB });
      const wrong = { size: stored.size, sha256: sha256(Buffer.from('something else')) };

      await expectAppError(readAll(await store.get(stored.key, wrong)), 'integrity_failed');
    });

    it('fails the read with integrity_failed when the recorded size is not that of the stored bytes', async () => {
      const stored = await store.put(streamOf(decision), { maxBytes: MB });

      await expectAppError(readAll(await store.get(stored.key, { ...stored, size: stored.size - 1 })), 'integrity_failed');
      await expectAppError(readAll(await store.get(stored.key, { ...stored, size: stored.size + 1 })), 'integrity_failed');
    });

    it('detects bytes changed behind its back, even when the size is unchanged', async () => {
      const stored = await store.put(streamOf(decision), { maxBytes: MB });
      const forged = Buffer.from(decision);
      forged.write('avslås', forged.indexOf('beviljas'));

      await harness.tamper(stored.key, forged);

      await expectAppError(readAll(await store.get(stored.key, stored)), 'integrity_failed');
    });

    it('answers not_found for a key it never gave out', async () => {
      const anyHash = { size: 1, sha256: sha256(Buffer.from('x')) };
      const keys = [
        '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
        '1b/9d/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
        '../../etc/passwd',
        '',
      ];
      for (const key of keys) {
        await expectAppError(store.get(key, anyHash), 'not_found');
      }
    });

    it('answers not_found once a blob is deleted, and deleting it again is fine', async () => {
      const stored = await store.put(streamOf(decision), { maxBytes: MB });

      await store.delete(stored.key);

      await expectAppError(store.get(stored.key, stored), 'not_found');
      await expect(store.delete(stored.key)).resolves.toBeUndefined();
      expect(await harness.listStored()).toEqual([]);
    });

    it('reports itself ready when storage answers', async () => {
      await expect(store.check()).resolves.toBeUndefined();
    });
  });
}
