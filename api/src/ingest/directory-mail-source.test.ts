import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryMailSource, mailboxFolder } from './directory-mail-source.ts';

// A function mailbox as a folder of .eml files: what is read when, and where a handled file goes.

const ADDRESS = 'bygglov@ekby.se';
let root: string;
let folder: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'diarium-dir-source-'));
  folder = mailboxFolder(root, ADDRESS);
  await mkdir(folder, { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const eml = (n: number) => `From: sokande${n}@example.se\r\nTo: ${ADDRESS}\r\nSubject: Ansökan ${n}\r\nMessage-ID: <ansokan-${n}@example.se>\r\n\r\nHej ${n}\r\n`;

async function deliver(name: string, n: number, at: Date): Promise<void> {
  await writeFile(join(folder, name), eml(n));
  await utimes(join(folder, name), at, at);
}

describe('a folder of .eml files as a mail source', () => {
  it('reads a file only once it has settled, so one written in the same clock tick as the last one read is not passed over', async () => {
    const source = directoryMailSource(root, { settleMs: 2_000 });
    await deliver('c.eml', 3, new Date(Date.now() - 60_000));
    const first = await source.page(ADDRESS, null);
    expect(first.messages.map((m) => m.sourceId)).toEqual(['c.eml']);

    // Two files in one tick of the file system's clock, the later one with the name that sorts first.
    const tick = new Date();
    await deliver('b.eml', 2, tick);
    expect((await source.page(ADDRESS, first.cursor)).messages).toEqual([]);
    await deliver('a.eml', 1, tick);
    expect((await source.page(ADDRESS, first.cursor)).messages).toEqual([]);

    // Settled: both are read, neither left behind the cursor.
    const settled = new Date(tick.getTime() - 3_000);
    for (const name of ['a.eml', 'b.eml']) await utimes(join(folder, name), settled, settled);
    const second = await source.page(ADDRESS, first.cursor);
    expect(second.messages.map((m) => m.sourceId)).toEqual(['a.eml', 'b.eml']);
    expect((await source.page(ADDRESS, second.cursor)).messages).toEqual([]);
  });

  it('moves a handled file to the handled folder and still opens it there; a name that leaves the folder is refused', async () => {
    const source = directoryMailSource(root);
    await deliver('ansokan.eml', 7, new Date(Date.now() - 60_000));
    await source.mark(ADDRESS, 'ansokan.eml', { category: 'Hanterad', color: 'preset4', moveTo: 'Hanterade' });
    expect(await readFile(join(folder, 'Hanterade', 'ansokan.eml'), 'utf8')).toBe(eml(7));
    expect(await text(await source.open(ADDRESS, 'ansokan.eml'))).toBe(eml(7));
    // Marked again (a retried job): nothing moves, nothing fails.
    await source.mark(ADDRESS, 'ansokan.eml', { category: 'Hanterad', color: 'preset4', moveTo: 'Hanterade' });
    expect((await source.page(ADDRESS, null)).messages).toEqual([]);

    await expect(source.open(ADDRESS, '../../etc/passwd')).rejects.toMatchObject({ code: 'mail_not_found' });
    await expect(source.open(ADDRESS, '..')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
