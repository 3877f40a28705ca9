import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeBlobStoreContract } from './blob-store.contract.ts';
import { createLocalBlobStore } from './local-blob-store.ts';
import { expectAppError, readAll } from './stream-fixtures.ts';

/** Every file under `dir` (folders left empty are not files), as `/`-separated paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

describeBlobStoreContract('local folder', async () => {
  const root = await mkdtemp(join(tmpdir(), 'diarium-blobs-'));
  return {
    store: createLocalBlobStore(root),
    listStored: () => filesUnder(root),
    tamper: (key, bytes) => writeFile(join(root, key), bytes),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});

describe('local folder blob store', () => {
  let parent: string;
  let root: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'diarium-blobs-'));
    root = join(parent, 'store');
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('files each blob under two levels of folders named from its key, with no temporary file left', async () => {
    const store = createLocalBlobStore(root);
    const bytes = Buffer.from('Ansökan om bygglov');

    const { key } = await store.put(Readable.from([bytes]), { maxBytes: 1024 });

    expect(key).toMatch(/^([0-9a-f]{2})\/([0-9a-f]{2})\/\1\2[0-9a-f]{4}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await filesUnder(root)).toEqual([key]);
    expect((await readFile(join(root, key))).equals(bytes)).toBe(true);
  });

  it('will not read or delete files outside its own blobs, however the key is written', async () => {
    const secret = Buffer.from('lösenord');
    await writeFile(join(parent, 'secret.txt'), secret);
    const store = createLocalBlobStore(root);
    const { key } = await store.put(Readable.from([Buffer.from('ett dokument')]), { maxBytes: 1024 });
    const expected = { size: secret.length, sha256: 'irrelevant' };

    for (const outside of ['../secret.txt', `${key}/../../../../secret.txt`, join(parent, 'secret.txt')]) {
      await expectAppError(store.get(outside, expected), 'not_found');
      await store.delete(outside);
    }

    expect((await readFile(join(parent, 'secret.txt'))).equals(secret)).toBe(true);
  });

  it('reads a blob written by an earlier process', async () => {
    const bytes = Buffer.from('Protokoll från kommunstyrelsen');
    const stored = await createLocalBlobStore(root).put(Readable.from([bytes]), { maxBytes: 1024 });

    const read = await readAll(await createLocalBlobStore(root).get(stored.key, stored));

    expect(read.equals(bytes)).toBe(true);
  });

  it('reports itself unavailable when its folder cannot be used', async () => {
    await writeFile(root, 'a file where the folder should be');

    await expectAppError(createLocalBlobStore(root).check(), 'unavailable');
  });
});
