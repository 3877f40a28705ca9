import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@diarium/core';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import { HashingLimiter, verifyingReadable } from './digest-stream.ts';

// `ab/cd/abcd…-uuid`: two levels of folders so no folder grows past a few thousand files.
// Anything else (`../x`, absolute paths, other files under the root) is not one of ours.
const KEY_PATTERN = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function isOurKey(key: string): boolean {
  const match = KEY_PATTERN.exec(key);
  return match !== null && match[3]!.startsWith(match[1]! + match[2]!);
}

function keyFor(id: string): string {
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** Makes a rename durable: without this a crash can lose it after the register has recorded the key. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // Windows cannot open a folder to fsync it.
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Stores files in a folder on this machine: the default for one machine and for tests.
 * A file is written to `tmp/`, fsynced, then renamed into place, so a key never names a
 * half-written file.
 */
export function createLocalBlobStore(rootDir: string): BlobStore {
  const tmpDir = join(rootDir, 'tmp');
  const pathOf = (key: string): string => join(rootDir, ...key.split('/'));

  return {
    async put(source: Readable, options: { maxBytes: number }): Promise<StoredBlob> {
      const id = randomUUID();
      const tmpPath = join(tmpDir, `${id}.part`);
      const meter = new HashingLimiter(options.maxBytes);
      try {
        await mkdir(tmpDir, { recursive: true });
        // Opened before streaming, so the clean-up below always finds the file it removes.
        const handle = await open(tmpPath, 'wx');
        // The stream closes the handle when it ends or fails; `flush` fsyncs it first.
        await pipeline(source, meter, handle.createWriteStream({ flush: true }));
        const key = keyFor(id);
        const target = pathOf(key);
        await mkdir(dirname(target), { recursive: true });
        await rename(tmpPath, target);
        await syncDirectory(dirname(target));
        return { key, size: meter.size, sha256: meter.sha256 };
      } catch (error) {
        source.destroy();
        await rm(tmpPath, { force: true });
        throw error;
      }
    },

    async get(key, expected) {
      if (!isOurKey(key)) throw new AppError('not_found', `No blob ${JSON.stringify(key)}`);
      try {
        const handle = await open(pathOf(key), 'r');
        return verifyingReadable(handle.createReadStream(), expected, key);
      } catch (error) {
        if (hasCode(error, 'ENOENT')) throw new AppError('not_found', `No blob ${key}`, { cause: error });
        throw error;
      }
    },

    async delete(key) {
      if (!isOurKey(key)) return;
      await rm(pathOf(key), { force: true });
    },

    async check() {
      try {
        await mkdir(tmpDir, { recursive: true });
        await access(tmpDir, constants.R_OK | constants.W_OK);
      } catch (error) {
        throw new AppError('unavailable', `The file store folder ${rootDir} is not usable`, { cause: error });
      }
    },
  };
}
