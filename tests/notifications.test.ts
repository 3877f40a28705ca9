import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../api/src/demo/organisation.ts';
import { createConnectorEmulator, type ConnectorEmulator } from '../api/src/dev/bot-connector.ts';
import { startApiProcess, tokenFor } from './support/api-process.ts';
import { createPostgresDatabase } from './support/postgres.ts';

// The bot's notifications go through the job table, one message a job, each marked done as soon as
// it is sent. Here the API runs as real processes on one PostgreSQL database, sending to a Bot
// Connector on loopback, and is stopped or killed while a message is on its way.

const JOHAN = DEMO_USERS.find((u) => u.email === 'johan.berg@ekby.se')!;
const CONVERSATION = `a:1dev-${JOHAN.objectId}`;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/**
 * The Bot Connector on loopback. `hold(n)` keeps the n-th message waiting: it reaches the
 * connector only when released, and never when its sender died before that (the message had not
 * been taken).
 */
async function startConnector(): Promise<{ url: string; emulator: ConnectorEmulator; hold(n: number): Promise<() => void> }> {
  const emulator = createConnectorEmulator();
  let sends = 0;
  let holding: { n: number; reached: () => void; gate: Promise<void> } | null = null;
  let open!: () => void;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (req.method === 'POST') {
        sends++;
        if (holding && sends === holding.n) {
          holding.reached();
          await holding.gate;
          if (req.socket.destroyed) return;
        }
      }
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method!, headers: { 'content-type': 'application/json' }, ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}) });
      const response = await emulator.handle(request, new URL(request.url).pathname);
      res.writeHead(response.status, { 'content-type': 'application/json' }).end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    open?.();
    server.closeAllConnections();
    server.close();
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    emulator,
    hold: (n) =>
      new Promise((resolveReached) => {
        const gate = new Promise<void>((resolve) => (open = resolve));
        holding = { n: sends + n, reached: () => resolveReached(open), gate };
      }),
  };
}

async function setting() {
  const database = await createPostgresDatabase();
  cleanups.push(() => database.drop());
  const dataDir = await mkdtemp(join(tmpdir(), 'diarium-notices-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const connector = await startConnector();
  const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3000', DEMO_CASES: '0', JOB_POLL_MS: '100', JOB_LEASE_SECONDS: '2' };
  const start = async () => {
    const api = await startApiProcess(env);
    cleanups.push(() => api.stop());
    return api;
  };
  const first = await start();
  const karin = await tokenFor(first.url, 'karin.lindqvist@ekby.se');
  const johan = await tokenFor(first.url, JOHAN.email);
  const me = (await (await fetch(`${first.url}/api/v1/me`, { headers: { authorization: `Bearer ${johan}` } })).json()) as { id: string };

  // Johan installs Diarium in Teams: the bot keeps where to reach him (the connector on loopback).
  const installed = await fetch(`${first.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'installationUpdate',
      action: 'add',
      id: 'install-1',
      channelId: 'msteams',
      serviceUrl: connector.url,
      locale: 'sv-SE',
      deliveryMode: 'expectReplies',
      from: { id: `29:${JOHAN.objectId}`, aadObjectId: JOHAN.objectId, name: JOHAN.name },
      recipient: { id: '28:diarium', name: 'Diarium' },
      conversation: { id: CONVERSATION, conversationType: 'personal' },
    }),
  });
  expect(installed.status).toBe(200);

  /** Karin gives Johan five new cases at once; each is one notice to send. */
  const assignFive = () =>
    Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const res = await fetch(`${first.url}/api/v1/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${karin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ diary: 'KS', title: `Medborgarförslag nr ${i + 1}`, officerId: me.id }),
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { caseNumber: string }).caseNumber;
      }),
    );

  /** The case numbers Johan has been told of, in the order they reached him. */
  const told = () =>
    connector.emulator
      .delivered(CONVERSATION)
      .map(({ activity }) => /handläggare för (.+)\.$/u.exec(String(activity['text']))?.[1] ?? '?');

  const noticeJobs = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ status: string; n: number }>(`select status, count(*)::int as n from jobs where kind = 'notice.case-assigned' group by status`);
    await client.end();
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  };

  return { first, start, connector, assignFive, told, noticeJobs };
}

/** Waits, at most 30 s, until `done()` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('notifications across a restart', () => {
  it('a process killed while a message is on its way: the next one sends the rest, none twice, none lost', async () => {
    const { first, start, connector, assignFive, told, noticeJobs } = await setting();
    const reachedThird = connector.hold(3);
    const cases = await assignFive();
    await reachedThird;
    expect(told()).toHaveLength(2);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    await start();
    await until(() => told().length >= 5, 'five notices');
    // A moment more, for anything sent twice to show.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect([...told()].sort()).toEqual([...cases].sort());
    expect(await noticeJobs()).toEqual({ done: 5 });
  });

  it('a process stopped (SIGTERM) mid-send finishes that message, hands back the rest, and exits cleanly', async () => {
    const { first, start, connector, assignFive, told, noticeJobs } = await setting();
    const reachedSecond = connector.hold(2);
    const cases = await assignFive();
    const release = await reachedSecond;
    const stopped = first.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    expect(await stopped).toBe(0);
    expect(told()).toHaveLength(2);

    await start();
    await until(() => told().length >= 5, 'five notices');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect([...told()].sort()).toEqual([...cases].sort());
    expect(await noticeJobs()).toEqual({ done: 5 });
  });
});
