import { parseArgs } from 'node:util';

export type Engine = 'pglite' | 'postgres';

export interface BenchOptions {
  engines: Engine[];
  cases: number;
  /** Documents to reach in total, adding generic ones; null keeps what the generator gives (~2.7 a case). */
  documents: number | null;
  /** Rounds of the query mix through the production search, and through the ILIKE baseline. */
  rounds: number;
  baselineRounds: number;
  clients: number;
  registrationsPerClient: number;
  seed: number;
  keep: boolean;
  /** Leave the new rows unanalysed, as an embedded PGlite (which has no autovacuum) would. */
  skipAnalyze: boolean;
  /** Print the plan of the slowest query even when the goal is met. */
  explain: boolean;
}

/** Malmö stad (DOMAIN.md, scale): 147 852 open and 827 356 closed cases, 3 000 000 documents. */
export const MALMO = { cases: 975_000, documents: 3_000_000 } as const;

const USAGE = `npm run bench:register -- [options]

  --cases N               cases to fill (default 100 000)
  --malmo                 Malmö's size: 975 000 cases and 3 000 000 documents
  --documents N           documents to reach in total (default: as generated, ~2.7 a case)
  --engine E              pglite, postgres or both (default both)
  --rounds N              rounds of the query mix (default 20)
  --baseline-rounds N     rounds of the ILIKE baseline (default 5: it scans everything)
  --clients N             concurrent registering clients (default 16)
  --registrations N       registrations per client (default 100)
  --seed N                generator seed (default 2026)
  --keep                  keep the filled database and print where it is
  --skip-analyze          no VACUUM ANALYZE after the fill (PGlite has no autovacuum)
  --explain               print the plan of the slowest query even when its goal is met

PostgreSQL: a database diarium_bench_<random> is made on the server at TEST_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/test) and dropped at the end.`;

function count(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[\s_]/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} wants a whole number ≥ ${min}, not "${value}"\n\n${USAGE}`);
  return n;
}

export function readOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      cases: { type: 'string' },
      malmo: { type: 'boolean', default: false },
      documents: { type: 'string' },
      engine: { type: 'string', default: 'both' },
      rounds: { type: 'string' },
      'baseline-rounds': { type: 'string' },
      clients: { type: 'string' },
      registrations: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'skip-analyze': { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres' && engine !== 'both') {
    throw new Error(`--engine wants pglite, postgres or both, not "${engine}"\n\n${USAGE}`);
  }
  const cases = count('cases', values.cases, values.malmo ? MALMO.cases : 100_000);
  const rounds = count('rounds', values.rounds, 20);
  return {
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine],
    cases,
    documents: values.documents !== undefined ? count('documents', values.documents, 0, 0) : values.malmo ? MALMO.documents : null,
    rounds,
    baselineRounds: count('baseline-rounds', values['baseline-rounds'], Math.min(rounds, 5)),
    clients: count('clients', values.clients, 16),
    registrationsPerClient: count('registrations', values.registrations, 100),
    seed: count('seed', values.seed, 2026, 0),
    keep: values.keep,
    skipAnalyze: values['skip-analyze'],
    explain: values.explain,
  };
}

export { USAGE };
