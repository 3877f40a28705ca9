import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABS, buildTabs, initialScriptSize } from '../../scripts/front-ends.ts';
import { startApiProcess, tokenFor } from '../support/api-process.ts';
import { launchChromium } from '../support/browser.ts';
import { reportFigures } from './figures.ts';
import { summarise, type Latency } from './percentiles.ts';

// `npm run bench:tabs`: the Teams tabs' figures, printed.
//  1. each tab's JavaScript at first paint, gzipped (goal ≤ 300 kB);
//  2. a case with 1 000 documents, from opening the tab to the list shown, in Chromium (goal ≤ 1 s).

const GOALS = { initialKb: 300, openMs: 1000 };
const DOCUMENTS = 1000;
const OPEN_RUNS = 10;
const REGISTRAR = 'karin.lindqvist@ekby.se';
const DIRECTIONS = ['incoming', 'outgoing', 'internal'] as const;

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);
const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(50) : c.padStart(16))).join('  ');

/** Registers a case and its documents through the API, as registrars would over a year or two. */
async function caseWithDocuments(url: string, count: number): Promise<string> {
  const token = await tokenFor(url, REGISTRAR);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as { caseNumber: string };
  };
  const c = await post('/api/v1/cases', { diary: 'KS', title: 'Översiktsplan för Ekby kommun 2030' });
  const path = `/api/v1/cases/${encodeURIComponent(c.caseNumber)}/documents`;
  for (let start = 0; start < count; start += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, count - start) }, (_, i) =>
        post(path, {
          direction: DIRECTIONS[(start + i) % 3],
          kind: 'letter',
          title: `Yttrande ${start + i + 1} över samrådsförslaget till översiktsplan`,
          counterparty: { name: `Remissinstans ${((start + i) % 97) + 1}` },
        }),
      ),
    );
  }
  return c.caseNumber;
}

async function measureOpen(): Promise<{ latency: Latency; caseNumber: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'diarium-bench-tabs-'));
  const [api, chromium] = await Promise.all([startApiProcess({ DATA_DIR: dataDir, DEMO_CASES: '60' }), launchChromium()]);
  try {
    log(`registering a case with ${DOCUMENTS} documents`);
    const caseNumber = await caseWithDocuments(api.url, DOCUMENTS);
    log(`opening ${caseNumber} ${OPEN_RUNS} times in Chromium`);
    const context = await chromium.browser.newContext({ locale: 'sv-SE', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const url = `${api.url}/tabs/case.html?${new URLSearchParams({ case: caseNumber, user: REGISTRAR, lang: 'sv-SE' })}`;
    const samples: number[] = [];
    for (let run = 0; run < OPEN_RUNS + 1; run++) {
      await page.goto(url);
      // Shown: the document rows are on screen and the list counts all of them. The time is the
      // page's own clock, which starts when its navigation does.
      const handle = await page.waitForFunction(
        (total) => {
          const rows = document.querySelectorAll('[role="row"]').length;
          const counted = new RegExp(`${total}\\s*av\\s*${total}`).test(document.body.innerText.replace(/\s/g, ' ').replace(/(\d) (\d{3})/g, '$1$2'));
          return rows > 10 && counted ? performance.now() : false;
        },
        DOCUMENTS,
        { timeout: 30_000, polling: 'raf' },
      );
      const took = (await handle.jsonValue()) as number;
      // The first run fills the caches (assets, the token, the database's pages).
      if (run > 0) samples.push(took);
    }
    await context.close();
    return { latency: summarise(samples), caseNumber };
  } finally {
    await chromium.close();
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  log(`Diarium Teams tabs benchmark, Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const build = await buildTabs({ ifStale: true });
  log(build.built ? 'built the tabs' : 'the tabs were built already');
  const sizes = await Promise.all(['channel.html', 'mine.html', 'config.html', 'case.html'].map(async (page) => ({ page, size: await initialScriptSize({ ...TABS, outDir: build.outDir }, page) })));
  const open = await measureOpen();

  const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');
  console.log('');
  console.log(row(['figure', 'p50', 'p95 / max', 'goal', 'result']));
  console.log(row(['─'.repeat(50), '─'.repeat(16), '─'.repeat(16), '─'.repeat(16), '─'.repeat(16)]));
  for (const { page, size } of sizes) {
    const kb = size.gzipBytes / 1000;
    console.log(row([`initial JavaScript of ${page}, gzipped (${size.files.length} files)`, `${kb.toFixed(1)} kB`, '', `≤ ${GOALS.initialKb} kB`, verdict(kb <= GOALS.initialKb)]));
  }
  console.log(row([`case with ${DOCUMENTS} documents, open to list (${OPEN_RUNS} runs)`, ms(open.latency.p50), ms(open.latency.p95), `≤ ${ms(GOALS.openMs)}`, verdict(open.latency.p95 <= GOALS.openMs)]));
  reportFigures([
    ...sizes.map(({ page, size }) => ({
      area: 'front ends',
      name: `Teams tab ${page}: first-paint JavaScript, gzipped`,
      measured: `${(size.gzipBytes / 1000).toFixed(1)} kB`,
      value: size.gzipBytes / 1000,
      unit: 'kB',
      goal: `≤ ${GOALS.initialKb} kB`,
      met: size.gzipBytes / 1000 <= GOALS.initialKb,
    })),
    {
      area: 'front ends',
      name: `Teams tab: a case with ${DOCUMENTS} documents, open to list`,
      measured: `p95 ${ms(open.latency.p95)}`,
      value: open.latency.p95,
      unit: 'ms',
      goal: `≤ ${ms(GOALS.openMs)}`,
      met: open.latency.p95 <= GOALS.openMs,
    },
  ]);
  console.log('');
  console.log(`Open to list: /tabs/case.html?case=${open.caseNumber} loaded in Chromium until the rows are on screen and the list counts all ${DOCUMENTS}, by the page's clock (navigation start); PGlite, dev issuer.`);
}

await main();
