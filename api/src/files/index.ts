import type { BlobStore } from './blob-store.ts';
import { createAzureBlobStore } from './azure-blob-store.ts';
import { createLocalBlobStore } from './local-blob-store.ts';

export type { BlobStore, StoredBlob } from './blob-store.ts';
export { createAzureBlobStore } from './azure-blob-store.ts';
export type { AzureBlobStoreOptions } from './azure-blob-store.ts';
export { createLocalBlobStore } from './local-blob-store.ts';
export { formatBytes } from './format-bytes.ts';
export { HashingLimiter, verifyingReadable } from './digest-stream.ts';

/** Where files go: a local folder (one machine, tests) or Azure Blob Storage (production). */
export type BlobStoreConfig =
  | { kind: 'local'; dir: string }
  | { kind: 'azure'; connectionString: string; container: string };

/** The blob store the configuration asks for. */
export function createBlobStore(config: BlobStoreConfig): BlobStore {
  switch (config.kind) {
    case 'local':
      return createLocalBlobStore(config.dir);
    case 'azure':
      return createAzureBlobStore({ connectionString: config.connectionString, container: config.container });
  }
}
