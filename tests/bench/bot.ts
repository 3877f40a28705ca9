import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../api/src/demo/organisation.ts';
import { seedOrganisation } from '../../api/src/demo/seed.ts';
import { createBlobStore } from '../../api/src/files/index.ts';
import { hostBot } from '../../api/src/http/bot-endpoint.ts';
import { botRouter } from '../../api/src/http/routes/bot.ts';
import { rowsOf } from '../../api/src/store/database.ts';
import { openBenchDatabase } from './bench-database.ts';
import { reportFigures } from './figures.ts';
import { fillRegister } from './fill.ts';
import type { Engine } from './options.ts';
import { summarise, timed, type Latency } from './percentiles.ts';
import { queryMix } from './query-mix.ts';

// `npm run bench:bot [-- --cases N --engine pglite|postgres --requests N]`: the bot's reply time
// for `status <nr>` and `sök <ord>` against a register filled as `npm run bench:register` fills it
// (100 000 cases by default), goal p95 ≤ 150 ms. Each request is a real Bot Framework activity
// posted over loopback to /api/messages (local emulation: replies in the HTTP answer), through
// botbuilder's CloudAdapter, the conversation and the register's services.

const GOAL_P95_MS = 150;
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    engine: { type: 'string', default: process.env.DIARIUM_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite' },
    requests: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
  },
});
const CASES = Number(values.cases);
const REQUESTS = Number(values.requests);
const ENGINE = values.engine as Engine;

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);
const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(40) : c.padStart(14))).join('  ');

async function main() {
  log(`Diarium bot benchmark, Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const database = await openBenchDatabase(ENGINE, { keep: false, poolSize: 20 });
  const filesDir = await mkdtemp(join(tmpdir(), 'diarium-bench-bot-'));
  try {
    const { db } = database.handle;
    const now = new Date();
    const org = await seedOrganisation(db, now);
    log(`${ENGINE}: filling ${CASES.toLocaleString('sv-SE')} cases`);
    const fill = await fillRegister(db, org, { cases: CASES, documents: null, seed: Number(values.seed), now });
    log(`filled ${fill.cases.toLocaleString('sv-SE')} cases and ${fill.documents.toLocaleString('sv-SE')} documents in ${fill.seconds.toFixed(0)} s`);

    const deps = { db, blobs: createBlobStore({ kind: 'local', dir: filesDir }), now: () => new Date() };
    const logger = pino({ level: 'silent' });
    const app = express().use(botRouter(hostBot(deps, { tenantId: DEMO_TENANT_ID, registration: null, links: { baseUrl: 'http://localhost', teamsAppId: 'bench-app' }, logger })));
    const server: Server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;

    const numbers = rowsOf<{ case_number: string }>(await db.execute(sql`select case_number from cases order by random() limit ${REQUESTS}`)).map((r) => r.case_number);
    const words = queryMix(Number(values.seed), CASES)
      .map((q) => q.query.q)
      .filter((q): q is string => Boolean(q) && !/\d/.test(q!));
    const people = ['karin.lindqvist@ekby.se', 'sofia.ek@ekby.se', 'amira.haddad@ekby.se', 'johan.berg@ekby.se'].map((email) => DEMO_USERS.find((u) => u.email === email)!);

    const say = async (n: number, text: string) => {
      const from = people[n % people.length]!;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `bench-${n}`,
          channelId: 'msteams',
          serviceUrl: 'http://localhost/connector',
          deliveryMode: 'expectReplies',
          from: { id: `29:${from.objectId}`, aadObjectId: from.objectId, name: from.name },
          recipient: { id: '28:diarium', name: 'Diarium' },
          conversation: { id: `bench-${from.objectId}`, conversationType: 'personal' },
          text,
        }),
      });
      const body = (await res.json()) as { activities?: { attachments?: unknown[] }[] };
      if (!res.ok || !body.activities?.some((a) => (a.attachments?.length ?? 0) > 0)) throw new Error(`no card for "${text}": HTTP ${res.status}`);
    };
    const measure = async (label: string, texts: string[]): Promise<Latency> => {
      log(`${label}: ${texts.length} messages`);
      for (let i = 0; i < 10; i++) await say(i, texts[i % texts.length]!); // warm up
      const samples: number[] = [];
      for (let i = 0; i < texts.length; i++) samples.push((await timed(() => say(i, texts[i]!))).ms);
      return summarise(samples);
    };
    const status = await measure('status <nr>', numbers.map((n) => `status ${n}`));
    const search = await measure('sök <ord>', Array.from({ length: REQUESTS }, (_, i) => `sök ${words[i % words.length]}`));
    server.close();

    const verdict = (l: Latency) => (l.p95 <= GOAL_P95_MS ? 'MET' : 'MISSED');
    console.log('');
    console.log(row(['figure', 'p50', 'p95', 'p99', 'goal', 'result']));
    console.log(row(['─'.repeat(40), '─'.repeat(14), '─'.repeat(14), '─'.repeat(14), '─'.repeat(14), '─'.repeat(14)]));
    for (const [label, l] of [['status <nr>', status], ['sök <ord>', search]] as const) {
      console.log(row([`bot reply, ${label} (${l.count} messages)`, ms(l.p50), ms(l.p95), ms(l.p99), `p95 ≤ ${GOAL_P95_MS} ms`, verdict(l)]));
    }
    reportFigures(
      ([['status <nr>', status], ['sök <ord>', search]] as const).map(([label, l]) => ({
        area: 'bot',
        name: `bot reply, ${label} (${CASES} cases, ${ENGINE})`,
        measured: `p95 ${ms(l.p95)}`,
        value: l.p95,
        unit: 'ms',
        goal: `p95 ≤ ${GOAL_P95_MS} ms`,
        met: l.p95 <= GOAL_P95_MS,
      })),
    );
    console.log('');
    console.log(`Register: ${CASES.toLocaleString('sv-SE')} cases on ${ENGINE}. One message at a time from four users (registrar, reader, two officers), each a Bot Framework activity over loopback, answered in the HTTP response.`);
  } finally {
    await database.close();
    await rm(filesDir, { recursive: true, force: true });
  }
}

await main();
