import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runApiExpectingFailure, startApiProcess, tokenFor, type ApiProcess } from './support/api-process.ts';
import { createPostgresDatabase } from './support/postgres.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'diarium-mp-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('several API processes on one PostgreSQL database', () => {
  it('give 200 concurrent registrations in one diary every number once, none missing', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const dataDir = await tempDir();
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3000', DEMO_CASES: '0' };
    // Both start at once: migrations and seeding must not trip over each other.
    const apis: ApiProcess[] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    for (const api of apis) cleanups.push(() => api.stop());
    const token = await tokenFor(apis[0]!.url, 'karin.lindqvist@ekby.se');

    const responses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const res = await fetch(`${apis[i % 2]!.url}/api/v1/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ diary: 'BN', title: `Ansökan om bygglov nr ${i}` }),
        });
        return { status: res.status, body: (await res.json()) as { caseNumber: string } };
      }),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const sequences = responses.map((r) => Number(r.body.caseNumber.split('/')[1])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ n: number; max: number }>(
      `select count(*)::int as n, max(sequence) as max from cases c join diaries d on d.id = c.diary_id where d.prefix = 'BN'`,
    );
    await client.end();
    expect(rows[0]).toEqual({ n: 200, max: 200 });
  });
});

describe('stopping the API', () => {
  it('lets a registration under way finish on SIGTERM, takes no new ones, and exits cleanly', async () => {
    const api = await startApiProcess({ DATA_DIR: await tempDir(), DEMO_CASES: '0' });
    cleanups.push(() => api.stop());
    const token = await tokenFor(api.url, 'karin.lindqvist@ekby.se');
    const created = await fetch(`${api.url}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ diary: 'KS', title: 'Skrivelse om vägbelysning' }),
    });
    const { id } = (await created.json()) as { id: string };

    // A slow upload: the metadata and half a file now, the rest after SIGTERM.
    const boundary = 'diarium-slow-upload';
    const encoder = new TextEncoder();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(
          encoder.encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"direction":"incoming","title":"Skrivelse"}\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="skrivelse.txt"\r\nContent-Type: text/plain\r\n\r\nFörsta halvan, `,
          ),
        );
        await released;
        controller.enqueue(encoder.encode(`andra halvan.\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const upload = fetch(`${api.url}/api/v1/cases/${id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const exit = api.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await fetch(`${api.url}/healthz`).then(
      (res) => res.status,
      () => 'refused',
    );
    release();
    const res = await upload;
    expect(res.status).toBe(201);
    const document = ((await res.json()) as { document: { files: { size: number }[] } }).document;
    expect(document.files[0]!.size).toBe(Buffer.byteLength('Första halvan, andra halvan.'));
    expect(during).toBe('refused');
    expect(await exit).toBe(0);
    expect(api.output()).toContain('Diarium stopped');
  });
});

describe('starting the API', () => {
  it('refuses the dev issuer in production, naming the setting', async () => {
    const { code, output } = await runApiExpectingFailure({ NODE_ENV: 'production', AUTH_MODE: 'dev', DATA_DIR: await tempDir() });
    expect(code).toBe(1);
    expect(output).toContain('AUTH_MODE');
    expect(output).not.toContain('Diarium is serving');
  });

  it('refuses a second process on the same embedded database, and says to use PostgreSQL', async () => {
    const dataDir = await tempDir();
    const first = await startApiProcess({ DATA_DIR: dataDir, DEMO_CASES: '0' });
    cleanups.push(() => first.stop());
    const second = await runApiExpectingFailure({ DATA_DIR: dataDir, DEMO_CASES: '0' });
    expect(second.code).not.toBe(0);
    expect(second.output).toContain('DATABASE_URL');
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });

  it('names a wrong setting and does not start', async () => {
    const { code, output } = await runApiExpectingFailure({ PORT: 'tretusen' });
    expect(code).toBe(1);
    expect(output).toMatch(/PORT/);
  });
});
