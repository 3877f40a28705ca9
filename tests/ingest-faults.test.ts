import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { mailboxFolder } from '../api/src/ingest/directory-mail-source.ts';
import { requestMailboxSync, SYNC_MAILBOX_NOW_JOB } from '../api/src/jobs/ingest-jobs.ts';
import { openDatabase } from '../api/src/store/database.ts';
import { startApiProcess, type ApiProcess } from './support/api-process.ts';
import {
  byReadOrder,
  cursorOf,
  DEMO_MAILBOX,
  directoryMailEnv,
  distinct,
  emlOf,
  readDelivered,
  sleep,
  SUBJECTS,
  waitFor,
  writeBacklog as writeBacklogOf,
  type Delivered,
} from './support/mail-folder.ts';
import { createPostgresDatabase } from './support/postgres.ts';

// A function mailbox delivered to a folder of .eml files, ingested by the API running as real
// processes on one PostgreSQL database. A process is killed (SIGKILL) in the middle of a sync, and
// two processes sync the same folder at once while mail keeps arriving: every message is one queue
// item with one "received" event, whatever happens, and the mailbox's cursor ends after the last file.

const ADDRESS = DEMO_MAILBOX;
const BACKLOG = 2_400;
/** Every this many messages, the same mail is delivered a second time under another file name. */
const TWICE_EVERY = 20;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const writeBacklog = (folder: string, count: number) => writeBacklogOf(folder, count, { twiceEvery: TWICE_EVERY });

/**
 * A fresh PostgreSQL database and data folder, with the function mailboxes' folder in it. The demo
 * seed (SEED_DEMO, with DEMO_CASES > 0 on an empty register) makes Ekby's function mailboxes, and
 * drops a few mails into kommunen@'s folder: done by the first process started here.
 */
async function setting() {
  const database = await createPostgresDatabase();
  cleanups.push(() => database.drop());
  const dataDir = await mkdtemp(join(tmpdir(), 'diarium-ingest-faults-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const mailDir = join(dataDir, 'mailboxes');
  const folder = mailboxFolder(mailDir, ADDRESS);
  await mkdir(folder, { recursive: true });
  const env = directoryMailEnv(database.url, dataDir, mailDir);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  cleanups.push(() => client.end());
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await client.query<T>(text, values)).rows;
  const s = {
    database,
    folder,
    query,
    /** kommunen@'s id, once seeded. */
    mailboxId: '',
    /** An API process syncing the mailboxes, a job poll every 100 ms. */
    async start(extra: Record<string, string>): Promise<ApiProcess> {
      const api = await startApiProcess({ ...env, JOB_POLL_MS: '100', ...extra });
      cleanups.push(() => api.stop());
      return api;
    },
    /** Seeds the demo with a process that runs no jobs: nothing is synced yet. */
    async seed(): Promise<void> {
      const seeder = await startApiProcess({ ...env, JOB_POLL_MS: '0' });
      cleanups.push(() => seeder.stop());
      // Not its exit code: a SIGTERM this soon after start-up can come before main.ts listens for it.
      await seeder.stop();
    },
    /** The seeded mailbox, and the demo's mails in its folder (they count too). */
    async seeded(): Promise<Delivered[]> {
      const [mailbox] = await query<{ id: string }>('select id from function_mailboxes where address = $1', [ADDRESS]);
      expect(mailbox).toBeDefined();
      s.mailboxId = mailbox!.id;
      const demo = await readDelivered(folder, (await readdir(folder)).filter((n) => n.startsWith('demo-') && n.endsWith('.eml')));
      expect(demo.length).toBeGreaterThan(0);
      return demo;
    },
  };
  return s;
}

type Setting = Awaited<ReturnType<typeof setting>>;

async function progress(s: Setting): Promise<{ items: number; cursor: string | null }> {
  const [row] = await s.query<{ items: number; cursor: string | null }>(
    'select (select count(*)::int from queue_items where mailbox_id = $1) as items, (select sync_cursor from function_mailboxes where id = $1) as cursor',
    [s.mailboxId],
  );
  return row!;
}

/** Waits until every message is in, the cursor is after the last file, and nothing moves for a while. */
async function waitUntilComplete(s: Setting, expected: number, endCursor: string, withinMs: number): Promise<void> {
  await waitFor(`${expected} items and the cursor at ${endCursor}`, async () => {
    const now = await progress(s);
    return now.items >= expected && now.cursor === endCursor;
  }, { withinMs, everyMs: 200 });
  const settled = await progress(s);
  await sleep(1_500);
  expect(await progress(s)).toEqual(settled);
}

/** Every message once, with what it said, and one "received" event each; nothing else. */
async function expectExactlyOnce(s: Setting, delivered: Delivered[], endCursor: string): Promise<void> {
  const expected = new Map<string, Delivered[]>();
  for (const file of delivered) expected.set(file.messageId, [...(expected.get(file.messageId) ?? []), file]);

  const items = await s.query<{ id: string; internet_message_id: string; source_id: string; subject: string; status: string }>(
    'select id, internet_message_id, source_id, subject, status from queue_items where mailbox_id = $1',
    [s.mailboxId],
  );
  const ids = items.map((i) => i.internet_message_id);
  const once = new Set(ids);
  const unexpected = ids.filter((id) => !expected.has(id));
  const missing = [...expected.keys()].filter((id) => !once.has(id));
  expect({ items: items.length, duplicated: ids.length - once.size, unexpected: unexpected.slice(0, 3), missing: missing.length, someMissing: missing.slice(0, 3) }).toEqual({
    items: expected.size,
    duplicated: 0,
    unexpected: [],
    missing: 0,
    someMissing: [],
  });
  const wrong = items.filter((item) => {
    const files = expected.get(item.internet_message_id)!;
    return !files.some((f) => f.name === item.source_id) || item.subject !== files[0]!.subject || item.status !== 'waiting';
  });
  expect(wrong.slice(0, 3)).toEqual([]);

  const events = await s.query<{ item_id: string; action: string; n: number }>(
    `select e.item_id, e.action, count(*)::int as n from queue_item_events e
     join queue_items i on i.id = e.item_id where i.mailbox_id = $1 group by e.item_id, e.action`,
    [s.mailboxId],
  );
  expect(events.filter((e) => e.action !== 'item.received' || e.n !== 1).slice(0, 3)).toEqual([]);
  const withEvent = new Set(events.map((e) => e.item_id));
  expect(items.filter((i) => !withEvent.has(i.id)).length).toBe(0);
  // No event points at an item elsewhere (queue_item_events has no mailbox: count all of them).
  const [all] = await s.query<{ n: number }>('select count(*)::int as n from queue_item_events');
  expect(all!.n).toBe(items.length);

  const [mailbox] = await s.query<{ sync_cursor: string | null; sync_error: string | null }>('select sync_cursor, sync_error from function_mailboxes where id = $1', [s.mailboxId]);
  expect(mailbox).toEqual({ sync_cursor: endCursor, sync_error: null });
  const failed = await s.query('select kind, last_error from jobs where status = $1', ['failed']);
  expect(failed).toEqual([]);
}

describe('ingesting a function mailbox from a folder, with processes dying and running side by side', () => {
  it('a kill -9 in the middle of a sync loses nothing and duplicates nothing', async () => {
    const s = await setting();
    const backlog = await writeBacklog(s.folder, BACKLOG);
    // The first process seeds the demo, then syncs: the backlog was there before it started.
    let api = await s.start({ JOB_LEASE_SECONDS: '2' });
    const delivered = [...(await s.seeded()), ...backlog].sort(byReadOrder);
    const total = distinct(delivered);
    const endCursor = cursorOf(delivered.at(-1)!);

    // Killed twice, each time once another tenth of the backlog is in and then a random while
    // later (anywhere in a page's round: reading files, routing, storing), many pages still to come.
    let before = 0;
    for (let kill = 1; kill <= 2; kill++) {
      const from = before;
      await waitFor(`the sync to be under way (kill ${kill})`, async () => (await progress(s)).items >= from + total / 10, { withinMs: 30_000, everyMs: 20 });
      await sleep(Math.random() * 300);
      api.child.kill('SIGKILL');
      const killed = api;
      await waitFor('the killed process to be gone', async () => killed.child.signalCode === 'SIGKILL', { withinMs: 5_000, everyMs: 20 });
      expect(killed.output()).not.toContain('Diarium stopped');

      // What survived is exactly the pages stored: the items of the files up to the stored cursor,
      // and not one from after it (a page's items and the cursor after them are one transaction).
      const after = await progress(s);
      expect(after.items).toBeGreaterThan(before);
      expect(after.items).toBeLessThan(total);
      const readUpTo = delivered.findIndex((f) => cursorOf(f) === after.cursor);
      expect(readUpTo).toBeGreaterThanOrEqual(0);
      const read = new Set(delivered.slice(0, readUpTo + 1).map((f) => f.messageId));
      const stored = new Set(
        (await s.query<{ internet_message_id: string }>('select internet_message_id from queue_items where mailbox_id = $1', [s.mailboxId])).map((r) => r.internet_message_id),
      );
      expect({ storedAfterCursor: [...stored].filter((id) => !read.has(id)).length, missingBeforeCursor: [...read].filter((id) => !stored.has(id)).length }).toEqual({
        storedAfterCursor: 0,
        missingBeforeCursor: 0,
      });
      before = after.items;

      // Started again, the sync goes on from the stored cursor once the dead process's lease runs out.
      api = await s.start({ JOB_LEASE_SECONDS: '2' });
    }
    await waitUntilComplete(s, total, endCursor, 40_000);
    await expectExactlyOnce(s, delivered, endCursor);
    expect(api.output()).toContain('function mailbox synced');
    expect(await api.stop()).toBe(0);
  });

  it('two worker processes at once, with mail arriving meanwhile: every message appears exactly once', async () => {
    const s = await setting();
    await s.seed();
    const backlog = [...(await s.seeded()), ...(await writeBacklog(s.folder, BACKLOG))];
    expect(await progress(s)).toEqual({ items: 0, cursor: null });
    const backlogTotal = distinct(backlog);
    // A one-second lease: a sync running longer is taken up by the other process while it still runs.
    const workers = await Promise.all([s.start({ JOB_LEASE_SECONDS: '1' }), s.start({ JOB_LEASE_SECONDS: '1' })]);
    const handle = await openDatabase({ engine: 'postgres', url: s.database.url, poolSize: 1 });
    cleanups.push(() => handle.close());
    const nudge = () => requestMailboxSync(handle.db, s.mailboxId, new Date());

    // A process runs one job at a time, so a sync asked for now that is done before the backlog is
    // in ran beside the other process's sync, and stopped when that one stored a page first.
    let overlapped = false;
    const lookForOverlap = async () => {
      const [row] = await s.query<{ nudges: number; items: number }>(
        `select (select count(*)::int from jobs where kind = $1 and key = $2 and status = 'done') as nudges,
                (select count(*)::int from queue_items where mailbox_id = $3) as items`,
        [SYNC_MAILBOX_NOW_JOB, s.mailboxId, s.mailboxId],
      );
      overlapped ||= row!.nudges > 0 && row!.items < backlogTotal;
    };
    await nudge();

    // Mail keeps arriving while both sync: written aside and renamed into place (as a mail server
    // delivers), each batch followed by a nudge to sync now (as Graph's change notification would).
    // Names are random, as a mail server's are: a file delivered in the clock tick of one already
    // read, with a name sorting before it, is read all the same (the source waits for files to settle).
    const arrived: Delivered[] = [];
    for (let batch = 0; batch < 8; batch++) {
      for (let k = 0; k < 12; k++) {
        const n = batch * 12 + k;
        const name = `${randomUUID()}.eml`;
        // Now and then a mail from the backlog is delivered again: still one item.
        const again = n % 25 === 3 ? backlog[(n * 37) % backlog.length]! : null;
        const messageId = again?.messageId ?? `<${randomUUID()}@example.se>`;
        const subject = again?.subject ?? SUBJECTS[n % SUBJECTS.length]!(BACKLOG + n);
        const path = join(s.folder, name);
        await writeFile(`${path}.part`, emlOf(BACKLOG + n, messageId, subject, new Date()));
        await rename(`${path}.part`, path);
        arrived.push({ name, mtimeMs: Math.floor((await stat(path)).mtimeMs), messageId, subject });
      }
      await nudge();
      for (let look = 0; look < 5; look++) {
        await lookForOverlap();
        await sleep(50);
      }
    }

    const delivered = [...backlog, ...arrived].sort(byReadOrder);
    const endCursor = cursorOf(delivered.at(-1)!);
    await waitUntilComplete(s, distinct(delivered), endCursor, 40_000);
    await expectExactlyOnce(s, delivered, endCursor);
    expect(overlapped).toBe(true);
    expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
  });
});
