import { availableParallelism, loadavg } from 'node:os';
import { seedOrganisation } from '../../api/src/demo/seed.ts';
import { openBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { fillRegister } from './fill.ts';
import { readOptions, USAGE, type BenchOptions, type Engine } from './options.ts';
import { queryMix } from './query-mix.ts';
import { checkNumbering, measureRegistrations } from './registration-bench.ts';
import { duration, ENGINE_NAMES, engineDetail, int, SEARCH_P95_GOAL_MS, summary, type EngineOutcome, type EngineResult } from './report.ts';
import { reportFigures, type Figure } from './figures.ts';
import { condensePlan, explainSearch, measureIlikeBaseline, measureSearch } from './search-bench.ts';

// `npm run bench:register`: fills a register, then measures search latency against a naive
// ILIKE baseline and registration throughput under concurrency, on PGlite and PostgreSQL.
// It prints figures; the one thing it checks is that the numbering stayed gapless.

async function benchEngine(engine: Engine, options: BenchOptions): Promise<EngineResult> {
  const name = ENGINE_NAMES[engine];
  const database: BenchDatabase = await openBenchDatabase(engine, {
    keep: options.keep,
    poolSize: Math.max(20, options.clients + 4),
  });
  const stopOnInterrupt = () => {
    void database.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnInterrupt);
  try {
    const { db } = database.handle;
    const now = new Date();
    const org = await seedOrganisation(db, now);

    const target = options.documents === null ? '' : ` and ${int(options.documents)} documents`;
    log(`${name}: filling ${int(options.cases)} cases${target} (${database.location})`);
    let reported = 0;
    const fill = await fillRegister(db, org, {
      cases: options.cases,
      documents: options.documents,
      seed: options.seed,
      now,
      analyse: !options.skipAnalyze,
      onProgress: (done, total, rowsPerSecond) => {
        if (done === total || done - reported >= total / 10) {
          reported = done;
          log(`  ${int(done)} / ${int(total)} cases, ${int(rowsPerSecond)} rows/s`);
        }
      },
    });
    log(
      `${name}: filled ${int(fill.cases)} cases and ${int(fill.documents)} documents in ${duration(fill.seconds)} ` +
        `(${int(fill.rowsPerSecond)} rows/s), ` +
        (fill.analyseSeconds === null ? 'not analysed' : `then VACUUM ANALYZE in ${duration(fill.analyseSeconds)}`),
    );

    const mix = queryMix(options.seed, options.cases);
    log(`${name}: searching, ${options.rounds} rounds of ${mix.length} queries`);
    const search = await measureSearch(db, org.actors, mix, options.rounds);
    log(`${name}: ILIKE baseline, ${options.baselineRounds} rounds`);
    const baseline = await measureIlikeBaseline(db, org.actors, mix, options.baselineRounds);

    let plan: EngineResult['plan'] = null;
    if (options.explain || search.all.p95 > SEARCH_P95_GOAL_MS[engine]) {
      const slowest = search.perQuery.reduce((a, b) => (b.latency.p95 > a.latency.p95 ? b : a));
      const plans = await explainSearch(db, org.actors, slowest.mix);
      const lines = plans.flatMap((statement, i) => [`statement ${i + 1} of ${plans.length}:`, ...condensePlan(statement)]);
      plan = { query: slowest.mix, lines };
    }

    log(`${name}: registering, ${options.clients} clients × ${options.registrationsPerClient}`);
    const registrations = await measureRegistrations(db, org, {
      clients: options.clients,
      perClient: options.registrationsPerClient,
      seed: options.seed,
    });
    const numbering = await checkNumbering(db);

    if (options.keep) log(`${name}: kept the database at ${database.location}`);
    return { engine, location: database.location, fill, search, baseline, registrations, numbering, plan };
  } finally {
    process.removeListener('SIGINT', stopOnInterrupt);
    await database.close();
  }
}

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main(): Promise<void> {
  let options: BenchOptions | 'help';
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  log(
    `Diarium register benchmark: ${int(options.cases)} cases, engines ${options.engines.join(' and ')}, ` +
      `seed ${options.seed}, Node ${process.version}`,
  );
  log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (others' work shows in the figures)`);
  const outcomes: EngineOutcome[] = [];
  for (const engine of options.engines) {
    try {
      const result = await benchEngine(engine, options);
      console.log(engineDetail(result));
      outcomes.push(result);
    } catch (error) {
      console.error(`${ENGINE_NAMES[engine]} failed:`, error);
      outcomes.push({ engine, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    }
  }
  console.log(`\nDiarium register benchmark, ${int(options.cases)} cases\n`);
  console.log(summary(outcomes));
  reportFigures(
    outcomes.flatMap((o): Figure[] => {
      if ('error' in o) return [];
      const engine = ENGINE_NAMES[o.engine];
      const cases = int(o.fill.cases);
      const goalMs = SEARCH_P95_GOAL_MS[o.engine];
      return [
        { area: 'search', name: `search, the query mix (${cases} cases, ${engine})`, measured: `p95 ${o.search.all.p95.toFixed(1)} ms`, value: o.search.all.p95, unit: 'ms', goal: `p95 ≤ ${goalMs} ms`, met: o.search.all.p95 <= goalMs },
        {
          area: 'registration',
          name: `registrations from ${options.clients} clients (${cases} cases, ${engine})`,
          measured: `${int(o.registrations.perSecond)}/s, ${o.numbering.ok ? 'gapless' : 'NOT gapless'}`,
          value: o.registrations.perSecond,
          unit: 'registrations/s',
          goal: o.engine === 'postgres' ? '≥ 300/s, gapless' : 'gapless',
          met: o.numbering.ok && o.registrations.failed === 0 && (o.engine !== 'postgres' || o.registrations.perSecond >= 300),
        },
      ];
    }),
  );
  const numberingFailed = outcomes.some((o) => !('error' in o) && (!o.numbering.ok || o.registrations.failed > 0));
  if (numberingFailed || outcomes.some((o) => 'error' in o)) process.exitCode = 1;
}

await main();
