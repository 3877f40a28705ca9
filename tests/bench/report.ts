import type { FillResult } from './fill.ts';
import type { Engine } from './options.ts';
import { MALMO } from './options.ts';
import type { Latency } from './percentiles.ts';
import type { NumberingCheck, RegistrationFigures } from './registration-bench.ts';
import type { MixQuery } from './query-mix.ts';
import type { MixFigures } from './search-bench.ts';

export interface EngineResult {
  engine: Engine;
  location: string;
  fill: FillResult;
  search: MixFigures;
  baseline: MixFigures;
  registrations: RegistrationFigures;
  numbering: NumberingCheck;
  /** The plan of the slowest query, when its p95 missed the goal or one was asked for. */
  plan: { query: MixQuery; lines: string[] } | null;
}

export type EngineOutcome = EngineResult | { engine: Engine; error: string };

export const ENGINE_NAMES: Record<Engine, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** The goals of the issue, each for one engine at one size. */
interface Goal {
  engine: Engine;
  cases: number;
  describe: string;
  check(result: EngineResult): { measured: string; met: boolean };
}

export const SEARCH_P95_GOAL_MS: Record<Engine, number> = { postgres: 50, pglite: 100 };
const REGISTRATIONS_GOAL = 300;

const GOALS: Goal[] = [
  {
    engine: 'postgres',
    cases: MALMO.cases,
    describe: `search p95 ≤ ${SEARCH_P95_GOAL_MS.postgres} ms at ${int(MALMO.cases)} cases`,
    check: (r) => ({ measured: `p95 ${ms(r.search.all.p95)}`, met: r.search.all.p95 <= SEARCH_P95_GOAL_MS.postgres }),
  },
  {
    engine: 'postgres',
    cases: MALMO.cases,
    describe: `≥ ${REGISTRATIONS_GOAL} registrations/s, gapless, at ${int(MALMO.cases)} cases`,
    check: (r) => ({
      measured: `${int(r.registrations.perSecond)}/s, ${r.numbering.ok ? 'gapless' : 'NOT gapless'}`,
      met: r.registrations.perSecond >= REGISTRATIONS_GOAL && r.numbering.ok && r.registrations.failed === 0,
    }),
  },
  {
    engine: 'pglite',
    cases: 200_000,
    describe: `search p95 ≤ ${SEARCH_P95_GOAL_MS.pglite} ms at ${int(200_000)} cases`,
    check: (r) => ({ measured: `p95 ${ms(r.search.all.p95)}`, met: r.search.all.p95 <= SEARCH_P95_GOAL_MS.pglite }),
  },
];

/** 975000 → "975 000", as Swedish writes it (with a plain space, so columns line up). */
export function int(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export function ms(value: number): string {
  if (Number.isNaN(value)) return '–';
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${int(value)} ms`;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

const triple = (l: Latency) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}`;

/** Columns padded to their widest cell; numbers-looking columns right-aligned. */
export function table(headers: string[], rows: string[][], rightAligned: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** What one engine measured, query by query: printed as soon as the engine is done. */
export function engineDetail(r: EngineResult): string {
  const name = ENGINE_NAMES[r.engine];
  const out: string[] = [];
  out.push(`\n${name}: query by query (${r.search.all.count / r.search.perQuery.length} runs each; ILIKE ${r.baseline.all.count / r.baseline.perQuery.length})`);
  out.push(
    table(
      ['query', 'as', 'hits', 'search p50', 'p95', 'ILIKE p50', 'p95', 'ILIKE hits'],
      r.search.perQuery.map((q, i) => {
        const b = r.baseline.perQuery[i]!;
        return [q.mix.label, q.mix.searcher, q.hits, ms(q.latency.p50), ms(q.latency.p95), ms(b.latency.p50), ms(b.latency.p95), b.hits];
      }),
      [2, 3, 4, 5, 6, 7],
    ),
  );
  const reg = r.registrations;
  out.push(
    `\n${name}: ${int(reg.registered)} registrations by ${reg.clients} concurrent clients in ${duration(reg.seconds)}: ` +
      `${int(reg.perSecond)}/s; one registration p50/p95/p99 ${triple(reg.latency)}; ` +
      `this process used ${reg.benchCores.toFixed(2)} cores` +
      (reg.failed > 0 ? `; ${reg.failed} FAILED, first: ${reg.firstError}` : ''),
  );
  out.push(
    `${name}: numbering over ${int(r.numbering.cases)} cases in ${r.numbering.series} diary-years: ` +
      (r.numbering.ok ? 'gapless OK (each sequence 1..n once, series rows agree)' : 'PROBLEMS'),
  );
  for (const problem of r.numbering.problems.slice(0, 20)) out.push(`  ${problem}`);
  if (r.plan) {
    const { label, searcher } = r.plan.query;
    out.push(`\n${name}: EXPLAIN (ANALYZE, BUFFERS) of the slowest query, "${label}" as ${searcher} (plan nodes of each statement it sent):`);
    for (const line of r.plan.lines) out.push(`  ${line}`);
  }
  return out.join('\n');
}

export function summary(outcomes: EngineOutcome[]): string {
  const out: string[] = [];
  const rows = outcomes.map((o) =>
    'error' in o
      ? [ENGINE_NAMES[o.engine], '–', '–', `failed: ${o.error}`, '', '', '', '', '']
      : [
          ENGINE_NAMES[o.engine],
          int(o.fill.cases),
          int(o.fill.documents),
          `${duration(o.fill.seconds)} (${int(o.fill.rowsPerSecond)} rows/s)`,
          triple(o.search.all),
          triple(o.baseline.all),
          int(o.registrations.perSecond),
          o.numbering.ok && o.registrations.failed === 0 ? 'OK' : 'FAILED',
        ],
  );
  out.push(
    table(
      ['engine', 'cases', 'documents', 'fill', 'search p50 / p95 / p99', 'ILIKE baseline p50 / p95 / p99', 'registrations/s', 'gapless'],
      rows,
      [1, 2, 4, 5, 6],
    ),
  );
  out.push(
    '\nsearch: the production use case (searchCases), one query at a time, over the fixed mix as registrar, reader and officer.' +
      '\nILIKE baseline: each word ILIKE %word% over case number, titles and document titles, newest first; no ranking, no access rules.' +
      '\nregistrations/s: registerCase from concurrent clients; gapless: every sequence 1..n once per diary and year afterwards.',
  );
  out.push('\nGoals');
  const goalRows: string[][] = [];
  for (const goal of GOALS) {
    const result = outcomes.find((o) => o.engine === goal.engine);
    if (!result) continue;
    if ('error' in result) {
      goalRows.push([ENGINE_NAMES[goal.engine], goal.describe, '–', 'not measured', '']);
      continue;
    }
    const { measured, met } = goal.check(result);
    const applies = result.fill.cases >= goal.cases;
    goalRows.push([
      ENGINE_NAMES[goal.engine],
      goal.describe,
      measured,
      applies ? (met ? 'MET' : 'MISSED') : met ? 'met (indicative)' : 'missed (indicative)',
      applies ? 'applies at this size' : `does not apply: run at ${int(result.fill.cases)} cases`,
    ]);
  }
  out.push(table(['engine', 'goal', 'measured', 'result', ''], goalRows));
  return out.join('\n');
}
