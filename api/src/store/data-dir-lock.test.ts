import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarium-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the embedded database folder', () => {
  it('is refused to a second process while the first holds it, naming what to do', async () => {
    // PID 1 is always alive: it stands for another Diarium process.
    await writeFile(join(dir, 'diarium.lock'), '1');
    await expect(lockDataDir(dir)).rejects.toThrow(/in use by process 1[\s\S]*DATABASE_URL/);
  });

  it('is taken over from a process that is gone, and free again once released', async () => {
    await writeFile(join(dir, 'diarium.lock'), '999999999');
    const release = await lockDataDir(dir);
    await release();
    const again = await lockDataDir(dir);
    await again();
  });
});
