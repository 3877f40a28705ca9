import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { mailboxFolder } from '../api/src/ingest/directory-mail-source.ts';
import { startApiProcess, tokenFor, type ApiProcess } from './support/api-process.ts';
import { byReadOrder, cursorOf, DEMO_MAILBOX, directoryMailEnv, distinct, readDelivered, waitFor, writeBacklog } from './support/mail-folder.ts';
import { createPostgresDatabase } from './support/postgres.ts';

// Diarium scaled out as it runs in production: two serving processes and two workers on one
// PostgreSQL database, one file store and one folder of function-mailbox mail. Registrations of
// cases and documents with files go to both serving processes at once; the same mailbox message
// is registered through both at the same moment; one worker is killed (SIGKILL) in the middle of
// ingesting the mailbox and the other finishes. Afterwards the register is whole: case numbers
// 1..N per diary and year, one queue item a message, every registration in the history, every
// file's SHA-256 what was sent.

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const BACKLOG = 900;
const CASES = 36;
const DOCUMENTS = 64;
const CONCURRENCY = 8;
const SAME_CASE_PAIRS = 6;
const NEW_CASE_PAIRS = 4;
/** Whatever happens, one request answers within this. */
const REQUEST_BOUND_MS = 20_000;
const DIARIES = ['KS', 'BN', 'SN'] as const;
const REGISTRAR = 'karin.lindqvist@ekby.se';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Runs `tasks` at most `concurrency` at a time, in order of index; the answers in the same order. */
async function bounded<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

interface DocumentBody {
  id: string;
  caseId: string;
  documentNumber: string;
  files: { id: string; name: string; size: number; sha256: string }[];
}

interface QueueRegistration {
  item: { id: string; status: string; version: number };
  document: DocumentBody;
  alreadyRegistered: boolean;
}

describe('two serving processes and two workers on one PostgreSQL database', () => {
  it('keep numbers, queue items, history and files whole under spread load, racing registrations and a killed worker', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const dataDir = await mkdtemp(join(tmpdir(), 'diarium-scale-out-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const mailDir = join(dataDir, 'mailboxes');
    const folder = mailboxFolder(mailDir, DEMO_MAILBOX);
    await mkdir(folder, { recursive: true });
    const backlog = await writeBacklog(folder, BACKLOG, { twiceEvery: 20 });

    // One data folder (dev issuer key, file store) and one mail folder for all four processes.
    const env = {
      ...directoryMailEnv(database.url, dataDir, mailDir),
      JOB_POLL_MS: '100',
      JOB_LEASE_SECONDS: '2',
    };
    const start = async (name: string, role: 'serve' | 'worker'): Promise<ApiProcess> => {
      // The application name tells the processes' connections apart on the server.
      const api = await startApiProcess({ ...env, ROLE: role, PGAPPNAME: name });
      cleanups.push(() => api.stop());
      expect(new URL(api.url).hostname).toBe('127.0.0.1');
      return api;
    };
    // The first serving process seeds the demo (Ekby's mailboxes among it) before the others start.
    const serveA = await start('diarium-serve-a', 'serve');
    const [serveB, worker1, worker2] = await Promise.all([start('diarium-serve-b', 'serve'), start('diarium-worker-1', 'worker'), start('diarium-worker-2', 'worker')]);
    const serving = [serveA, serveB];
    const workers: Record<string, ApiProcess> = { 'diarium-worker-1': worker1, 'diarium-worker-2': worker2 };

    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    cleanups.push(() => sql.end());
    const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await sql.query<T>(text, values)).rows;
    const [mailbox] = await query<{ id: string }>('select id from function_mailboxes where address = $1', [DEMO_MAILBOX]);
    expect(mailbox).toBeDefined();
    const demo = await readDelivered(folder, (await readdir(folder)).filter((n) => n.startsWith('demo-') && n.endsWith('.eml')));
    const delivered = [...demo, ...backlog].sort(byReadOrder);
    const total = distinct(delivered);
    const endCursor = cursorOf(delivered.at(-1)!);
    const progress = async () =>
      (
        await query<{ items: number; cursor: string | null }>(
          'select (select count(*)::int from queue_items where mailbox_id = $1) as items, (select sync_cursor from function_mailboxes where id = $1) as cursor',
          [mailbox!.id],
        )
      )[0]!;

    // A token from one serving process is good at the other: one issuer, one key in the data folder.
    const token = await tokenFor(serveA.url, REGISTRAR);
    const call = async <T = Record<string, unknown>>(api: ApiProcess, method: string, path: string, init: { body?: unknown; form?: FormData; headers?: Record<string, string> } = {}): Promise<Answer<T>> => {
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        ...(init.form ? { body: init.form } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(REQUEST_BOUND_MS),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
    };
    const download = async (api: ApiProcess, documentId: string, fileId: string) => {
      const res = await fetch(`${api.url}/api/v1/documents/${documentId}/files/${fileId}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(REQUEST_BOUND_MS),
      });
      return { status: res.status, digest: res.headers.get('repr-digest'), bytes: new Uint8Array(await res.arrayBuffer()) };
    };

    // Load, spread over both serving processes while the workers ingest: cases, then documents with files.
    const load = (async () => {
      const cases = await bounded(CASES, CONCURRENCY, (i) =>
        call<{ id: string; caseNumber: string }>(serving[i % 2]!, 'POST', '/api/v1/cases', { body: { diary: DIARIES[i % DIARIES.length], title: `Ansökan om serveringstillstånd nr ${i}` } }),
      );
      const sent: { documentId: string; name: string; sha256: string }[] = [];
      const documents = await bounded(DOCUMENTS, CONCURRENCY, async (i) => {
        const target = cases[(i * 7) % CASES]!.body;
        const files = [
          { name: `skrivelse-${i}.pdf`, bytes: randomBytes(1_024 + ((i * 7_919) % 96_000)) },
          ...(i % 3 === 0 ? [{ name: `bilaga ${i} – åtgärder.txt`, bytes: new Uint8Array(Buffer.from(`Åtgärdslista nr ${i}\n`.repeat(50 + i))) }] : []),
        ];
        const form = new FormData();
        form.set('metadata', JSON.stringify({ direction: 'incoming', kind: 'letter', title: `Skrivelse ${i} från sökanden`, mainFile: files[0]!.name }));
        for (const f of files) form.append('files', new Blob([f.bytes], { type: 'application/octet-stream' }), f.name);
        const answer = await call<{ document: DocumentBody }>(serving[(i + 1) % 2]!, 'POST', `/api/v1/cases/${target.id}/documents`, { form });
        if (answer.status === 201) {
          for (const f of files) sent.push({ documentId: answer.body.document.id, name: f.name, sha256: sha256(f.bytes) });
        }
        return answer;
      });
      return { cases, documents, sent };
    })();

    // A worker is killed in the middle of ingesting the mailbox: the one seen inside a page's transaction.
    await waitFor('ingestion to be under way', async () => (await progress()).items >= total / 10, { withinMs: 30_000, everyMs: 20 });
    const syncing = await waitFor(
      'a worker inside a page of the sync',
      async () =>
        (
          await query<{ application_name: string }>(
            `select application_name from pg_stat_activity
             where datname = $1 and application_name like 'diarium-worker-%' and (state like 'idle in transaction%' or backend_xid is not null)
             limit 1`,
            [database.name],
          )
        )[0]?.application_name,
      { withinMs: 10_000, everyMs: 2 },
    );
    const killed = workers[syncing]!;
    const survivor = killed === worker1 ? worker2 : worker1;
    killed.child.kill('SIGKILL');
    await waitFor('the killed worker to be gone', async () => killed.child.signalCode === 'SIGKILL', { withinMs: 5_000, everyMs: 20 });
    const atKill = await progress();
    expect(atKill.items).toBeLessThan(total);

    // The same message registered through both serving processes at the same moment, for items
    // already in a queue: into one existing case (one document, the second told it is there), or
    // each into a new case (one registration; the other refused, and no case made for it).
    const ingested = await query<{ id: string; internet_message_id: string; source_id: string; subject: string; version: number }>(
      `select id, internet_message_id, source_id, subject, version from queue_items where mailbox_id = $1 and status = 'waiting' order by received_at limit $2`,
      [mailbox!.id, SAME_CASE_PAIRS + NEW_CASE_PAIRS],
    );
    expect(ingested.length).toBe(SAME_CASE_PAIRS + NEW_CASE_PAIRS);
    const target = await call<{ id: string; caseNumber: string }>(serveA, 'POST', '/api/v1/cases', { body: { diary: 'KS', title: 'Synpunkter från medborgare' } });
    expect(target.status).toBe(201);
    const pairs = await Promise.all(
      ingested.map(async (item, n) => {
        const sameCase = n < SAME_CASE_PAIRS;
        const body = {
          target: sameCase ? { caseRef: target.body.id } : { newCase: { diary: 'KS', title: `Inkommen skrivelse: ${item.subject}` } },
          title: item.subject,
        };
        const answers = await Promise.all(
          serving.map((api) => call<QueueRegistration & { code?: string }>(api, 'POST', `/api/v1/queue-items/${item.id}/registration`, { body, headers: { 'if-match': `"${item.version}"` } })),
        );
        return { item, sameCase, answers };
      }),
    );
    const loaded = await load;

    // The surviving worker takes the sync up once the killed one's lease has run out, and finishes it.
    await waitFor(`${total} items and the cursor at ${endCursor}`, async () => {
      const now = await progress();
      return now.items >= total && now.cursor === endCursor;
    }, { withinMs: 40_000, everyMs: 200 });
    expect(killed.output()).not.toContain('Diarium stopped');

    // Every load request registered what it asked for.
    expect(loaded.cases.filter((a) => a.status !== 201).map((a) => a.body)).toEqual([]);
    expect(loaded.documents.filter((a) => a.status !== 201).map((a) => a.body)).toEqual([]);

    // The racing registrations: one created each message's document; the other was told it is
    // there already (same case: the same document), or refused (another case, or the item taken).
    let toldAlreadyThere = 0;
    for (const { sameCase, answers } of pairs) {
      const statuses = answers.map((a) => a.status).sort();
      const created = answers.filter((a) => a.status === 201);
      expect(created.length, JSON.stringify(answers.map((a) => [a.status, a.body.code]))).toBe(1);
      const other = answers.find((a) => a !== created[0])!;
      if (other.status === 200) {
        expect(sameCase).toBe(true);
        expect(other.body.alreadyRegistered).toBe(true);
        expect(other.body.document.id).toBe(created[0]!.body.document.id);
        toldAlreadyThere++;
      } else {
        expect(statuses, JSON.stringify(other.body)).toSatisfy((s: number[]) => s[0] === 201 && (s[1] === 409 || s[1] === 412));
        expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    }
    // Both asked at once, so the second as a rule finds the first's document; never once would mean no race was run.
    expect(toldAlreadyThere).toBeGreaterThan(0);
    const racedIds = pairs.map((p) => p.item.internet_message_id);
    const mailDocuments = await query<{ source_ref: string; n: number; cases: number }>(
      `select source_ref, count(*)::int as n, count(distinct case_id)::int as cases from documents where source = 'mail' and source_ref = any($1) group by source_ref`,
      [racedIds],
    );
    expect(mailDocuments.length).toBe(racedIds.length);
    expect(mailDocuments.filter((d) => d.n !== 1)).toEqual([]);
    // Each new-case race made one case, not two.
    const [newCases] = await query<{ n: number }>(`select count(*)::int as n from cases where title like 'Inkommen skrivelse: %'`);
    expect(newCases!.n).toBe(NEW_CASE_PAIRS);

    // Case numbers: in each diary and year 1..N, no gap, no duplicate, and the series at N.
    const numbers = await query<{ prefix: string; year: number; sequences: number[]; last_sequence: number; distinct_numbers: number }>(
      `select d.prefix, c.year, array_agg(c.sequence order by c.sequence) as sequences, s.last_sequence, count(distinct c.case_number)::int as distinct_numbers
       from cases c join diaries d on d.id = c.diary_id join case_number_series s on s.diary_id = c.diary_id and s.year = c.year
       group by d.prefix, c.year, s.last_sequence`,
    );
    expect(numbers.length).toBeGreaterThanOrEqual(DIARIES.length);
    for (const series of numbers) {
      expect(series.sequences, `${series.prefix} ${series.year}`).toEqual(series.sequences.map((_, i) => i + 1));
      expect(series.last_sequence).toBe(series.sequences.length);
      expect(series.distinct_numbers).toBe(series.sequences.length);
    }
    const answered = [...loaded.cases.map((a) => a.body.caseNumber), target.body.caseNumber];
    expect(new Set(answered).size).toBe(answered.length);

    // One queue item a message, each received once; the raced ones registered once, to their document.
    const items = await query<{ id: string; internet_message_id: string; status: string; document_id: string | null }>(
      'select id, internet_message_id, status, document_id from queue_items where mailbox_id = $1',
      [mailbox!.id],
    );
    const messageIds = items.map((i) => i.internet_message_id);
    const expected = new Set(delivered.map((f) => f.messageId));
    expect({
      items: items.length,
      duplicated: messageIds.length - new Set(messageIds).size,
      missing: [...expected].filter((id) => !messageIds.includes(id)).length,
      unexpected: messageIds.filter((id) => !expected.has(id)).length,
    }).toEqual({ items: total, duplicated: 0, missing: 0, unexpected: 0 });
    const itemEvents = await query<{ item_id: string; received: number; registered: number }>(
      `select e.item_id, count(*) filter (where e.action = 'item.received')::int as received, count(*) filter (where e.action = 'item.register')::int as registered
       from queue_item_events e join queue_items i on i.id = e.item_id where i.mailbox_id = $1 group by e.item_id`,
      [mailbox!.id],
    );
    const eventsOf = new Map(itemEvents.map((e) => [e.item_id, e]));
    expect(items.filter((i) => eventsOf.get(i.id)?.received !== 1).length).toBe(0);
    const racedItems = new Set(pairs.map((p) => p.item.id));
    for (const { item, answers } of pairs) {
      const stored = items.find((i) => i.id === item.id)!;
      expect(stored.status).toBe('registered');
      expect(stored.document_id).toBe(answers.find((a) => a.status === 201)!.body.document.id);
      expect(eventsOf.get(item.id)!.registered).toBe(1);
    }
    expect(items.filter((i) => !racedItems.has(i.id) && i.status !== 'waiting').map((i) => i.status)).toEqual([]);
    const failed = await query('select kind, last_error from jobs where status = $1', ['failed']);
    expect(failed).toEqual([]);

    // History: every document has its registration event, once; every case too.
    const unrecorded = await query<{ id: string; n: number }>(
      `select d.id, count(e.id)::int as n from documents d left join events e on e.document_id = d.id and e.action = 'document.registered'
       group by d.id having count(e.id) <> 1`,
    );
    expect(unrecorded).toEqual([]);
    const casesUnrecorded = await query(
      `select c.case_number from cases c where (select count(*) from events e where e.case_id = c.id and e.action = 'case.registered') <> 1`,
    );
    expect(casesUnrecorded).toEqual([]);
    // …and the API shows it, whichever serving process is asked.
    const registeredDocs = [...loaded.documents.map((a) => a.body.document), ...pairs.map((p) => p.answers.find((a) => a.status === 201)!.body.document)];
    const byCase = new Map<string, string[]>();
    for (const doc of registeredDocs) byCase.set(doc.caseId, [...(byCase.get(doc.caseId) ?? []), doc.id]);
    await bounded(byCase.size, CONCURRENCY, async (i) => {
      const [caseId, docIds] = [...byCase.entries()][i]!;
      const history = await call<{ items: { action: string; documentId: string | null }[] }>(serving[i % 2]!, 'GET', `/api/v1/cases/${caseId}/events`);
      expect(history.status).toBe(200);
      const recorded = history.body.items.filter((e) => e.action === 'document.registered').map((e) => e.documentId);
      expect(docIds.filter((id) => !recorded.includes(id))).toEqual([]);
    });
    for (const [n, { item }] of pairs.entries()) {
      const history = await call<{ items: { action: string }[] }>(serving[n % 2]!, 'GET', `/api/v1/queue-items/${item.id}/events`);
      expect(history.body.items.map((e) => e.action).filter((a) => a === 'item.received' || a === 'item.register').sort()).toEqual(['item.received', 'item.register']);
    }

    // Files: what was sent comes back, byte for byte, with its SHA-256 recorded and announced,
    // from either serving process; a registered mail's .eml is the very file in the mailbox.
    const expectedFiles: { documentId: string; fileId: string; sha256: string }[] = [];
    for (const doc of loaded.documents.map((a) => a.body.document)) {
      for (const f of doc.files) {
        const sent = loaded.sent.find((s) => s.documentId === doc.id && s.name === f.name);
        expect(sent, `${doc.documentNumber} ${f.name}`).toBeDefined();
        expectedFiles.push({ documentId: doc.id, fileId: f.id, sha256: sent!.sha256 });
      }
    }
    expect(expectedFiles.length).toBe(loaded.sent.length);
    for (const { item, answers } of pairs) {
      const doc = answers.find((a) => a.status === 201)!.body.document;
      const eml = doc.files.find((f) => f.name.endsWith('.eml'));
      expect(eml, doc.documentNumber).toBeDefined();
      const original = sha256(await readFile(join(folder, item.source_id)));
      expectedFiles.push({ documentId: doc.id, fileId: eml!.id, sha256: original });
    }
    const storedDigests = new Map(
      (await query<{ id: string; sha256: string }>('select id, sha256 from document_files where id = any($1)', [expectedFiles.map((f) => f.fileId)])).map((r) => [r.id, r.sha256]),
    );
    const wrong = (
      await bounded(expectedFiles.length, CONCURRENCY, async (i) => {
        const f = expectedFiles[i]!;
        const got = await download(serving[i % 2]!, f.documentId, f.fileId);
        const announced = `sha-256=:${Buffer.from(f.sha256, 'hex').toString('base64')}:`;
        const ok = got.status === 200 && sha256(got.bytes) === f.sha256 && got.digest === announced && storedDigests.get(f.fileId) === f.sha256;
        return ok ? null : { ...f, status: got.status, digest: got.digest, stored: storedDigests.get(f.fileId) };
      })
    ).filter((w) => w !== null);
    expect(wrong).toEqual([]);

    // The survivors stop cleanly.
    expect(await Promise.all([serveA.stop(), serveB.stop(), survivor.stop()])).toEqual([0, 0, 0]);
  });
});
