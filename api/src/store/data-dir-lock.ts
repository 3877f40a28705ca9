import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Claims an embedded database folder for this process. PGlite has no lock of its own, and
 * two processes writing one folder would corrupt it: the second is refused with a message
 * that says what to do instead.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'diarium.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(file).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `The embedded database in ${dir} is in use by process ${holder}. Stop it, or give this process its own DATA_DIR; several processes sharing one register need DATABASE_URL (PostgreSQL).`,
        );
      }
      // Left behind by a process that is gone.
      await unlink(file).catch(() => undefined);
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
