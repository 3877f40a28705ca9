import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobServiceClient } from '@azure/storage-blob';
import type { ContainerClient } from '@azure/storage-blob';
import { AppError } from '@diarium/core';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import { HashingLimiter, verifyingReadable } from './digest-stream.ts';

// uploadStream holds at most BLOCK_BUFFERS blocks in memory at once: about 8 MB an
// upload, whatever the file's size.
const BLOCK_SIZE = 2 * 1024 * 1024;
const BLOCK_BUFFERS = 4;
const CHECK_TIMEOUT_MS = 5_000;
const KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface AzureBlobStoreOptions {
  connectionString: string;
  container: string;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Stores files as block blobs in one Azure Blob Storage container, created on first use.
 * Each blob carries its SHA-256 in its metadata, so it describes itself without the register.
 */
export function createAzureBlobStore(options: AzureBlobStoreOptions): BlobStore {
  const container = BlobServiceClient.fromConnectionString(options.connectionString).getContainerClient(
    options.container,
  );
  // A readiness probe asks once and answers fast; the platform asks again.
  const probe: ContainerClient = BlobServiceClient.fromConnectionString(options.connectionString, {
    retryOptions: { maxTries: 1, tryTimeoutInMs: CHECK_TIMEOUT_MS },
  }).getContainerClient(options.container);

  let containerReady: Promise<unknown> | undefined;
  const ensureContainer = async (): Promise<void> => {
    containerReady ??= container.createIfNotExists().catch((error: unknown) => {
      containerReady = undefined; // let the next call try again
      throw error;
    });
    await containerReady;
  };

  return {
    async put(source: Readable, putOptions): Promise<StoredBlob> {
      const key = randomUUID();
      const meter = new HashingLimiter(putOptions.maxBytes);
      try {
        await ensureContainer();
        await Promise.all([
          pipeline(source, meter),
          container.getBlockBlobClient(key).uploadStream(meter, BLOCK_SIZE, BLOCK_BUFFERS, {
            blobHTTPHeaders: { blobContentType: putOptions.mediaType },
            // uploadStream stages blocks as bytes arrive and commits the block list (with
            // this metadata) only after the stream has ended, when the hash is known: one
            // request makes the blob visible together with its hash. A stream that errors
            // (over the limit, client gone) is never committed, and Azure discards the
            // staged blocks.
            metadata: {
              get sha256() {
                return meter.sha256;
              },
            },
          }),
        ]);
        return { key, size: meter.size, sha256: meter.sha256 };
      } catch (error) {
        source.destroy();
        meter.destroy();
        throw error;
      }
    },

    async get(key, expected) {
      if (!KEY_PATTERN.test(key)) throw new AppError('not_found', `No blob ${JSON.stringify(key)}`);
      try {
        const response = await container.getBlobClient(key).download();
        if (!response.readableStreamBody) throw new Error('The download of a blob gave no body');
        return verifyingReadable(response.readableStreamBody as Readable, expected, key);
      } catch (error) {
        if (statusOf(error) === 404) throw new AppError('not_found', `No blob ${key}`, { cause: error });
        throw error;
      }
    },

    async delete(key) {
      if (!KEY_PATTERN.test(key)) return;
      await container.getBlobClient(key).deleteIfExists();
    },

    async check() {
      try {
        // A container not created yet still proves the account answers and accepts our key.
        await probe.exists();
      } catch (error) {
        throw new AppError('unavailable', `Azure Blob Storage container ${options.container} is not reachable`, {
          cause: error,
        });
      }
    },
  };
}
