import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { startAzurite } from './azurite.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startAzurite', () => {
  it('serves blob storage on its own port until stop(), which leaves no process behind', async () => {
    const azurite = await startAzurite();
    try {
      const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('probe');
      await container.create();
      expect(await container.exists()).toBe(true);
      expect(isAlive(azurite.pid)).toBe(true);
    } finally {
      await azurite.stop();
    }

    expect(isAlive(azurite.pid)).toBe(false);
    await expect(azurite.stop()).resolves.toBeUndefined();
  });
});
