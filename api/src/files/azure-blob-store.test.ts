import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobServiceClient } from '@azure/storage-blob';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAzurite } from './azurite.ts';
import type { RunningAzurite } from './azurite.ts';
import { createAzureBlobStore } from './azure-blob-store.ts';
import { describeBlobStoreContract } from './blob-store.contract.ts';
import { MB, expectAppError, patternStream } from './stream-fixtures.ts';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

const freshContainerName = (): string => `test-${randomUUID()}`;
const containerClient = (name: string): ContainerClient =>
  BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(name);

async function committedBlobs(container: ContainerClient): Promise<string[]> {
  if (!(await container.exists())) return [];
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  return names;
}

describeBlobStoreContract('Azure Blob Storage (Azurite)', async () => {
  const name = freshContainerName();
  const container = containerClient(name);
  return {
    store: createAzureBlobStore({ connectionString: azurite.connectionString, container: name }),
    listStored: () => committedBlobs(container),
    tamper: async (key, bytes) => {
      await container.getBlockBlobClient(key).upload(bytes, bytes.length);
    },
    dispose: async () => {
      await container.deleteIfExists();
    },
  };
});

describe('Azure blob store', () => {
  let name: string;
  let container: ContainerClient;
  beforeEach(() => {
    name = freshContainerName();
    container = containerClient(name);
    return async () => {
      await container.deleteIfExists();
    };
  });

  it('creates its container on first use', async () => {
    const store = createAzureBlobStore({ connectionString: azurite.connectionString, container: name });
    expect(await container.exists()).toBe(false);

    await store.put(Readable.from([Buffer.from('x')]), { maxBytes: 1 });

    expect(await container.exists()).toBe(true);
  });

  it('commits each blob with its SHA-256 in metadata and its media type', async () => {
    const store = createAzureBlobStore({ connectionString: azurite.connectionString, container: name });

    const stored = await store.put(patternStream(5 * MB), { maxBytes: 25 * MB, mediaType: 'application/pdf' });

    const properties = await container.getBlobClient(stored.key).getProperties();
    expect(properties.metadata).toEqual({ sha256: stored.sha256 });
    expect(properties.contentType).toBe('application/pdf');
    expect(properties.contentLength).toBe(5 * MB);
  });

  it('stages blocks while a file streams in, yet commits no blob when it goes over the limit', async () => {
    const store = createAzureBlobStore({ connectionString: azurite.connectionString, container: name });

    await expectAppError(store.put(patternStream(12 * MB), { maxBytes: 9 * MB }), 'payload_too_large');

    const staged: string[] = [];
    for await (const blob of container.listBlobsFlat({ includeUncommitedBlobs: true })) staged.push(blob.name);
    expect(staged).toHaveLength(1);
    expect(await container.getBlobClient(staged[0]!).exists()).toBe(false);
    expect(await committedBlobs(container)).toEqual([]);
  });

  it('reports itself unavailable, at once, when storage does not answer', async () => {
    const stopped = await startAzurite();
    await stopped.stop();
    const store = createAzureBlobStore({ connectionString: stopped.connectionString, container: name });
    const started = Date.now();

    await expectAppError(store.check(), 'unavailable');

    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
