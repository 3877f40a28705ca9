import { sql } from 'drizzle-orm';
import type { CreateCase } from '@diarium/core';
import { rowsOf, type Database } from '../../api/src/store/database.ts';
import { registerCase } from '../../api/src/services/register-case.ts';
import { generateCase } from '../../api/src/demo/generator.ts';
import { DEMO_USERS } from '../../api/src/demo/organisation.ts';
import type { SeededOrganisation } from '../../api/src/demo/seed.ts';
import { summarise, timed, type Latency } from './percentiles.ts';

export interface RegistrationFigures {
  clients: number;
  registered: number;
  failed: number;
  firstError: string | null;
  seconds: number;
  perSecond: number;
  /** How long one registration took, as each client saw it. */
  latency: Latency;
  /** CPU this process (the clients, and PGlite itself) used, in cores: on a small machine the clients compete with the server. */
  benchCores: number;
}

const REGISTRAR = 'karin.lindqvist@ekby.se';
const OFFICER_BY_DIARY = { KS: 'johan.berg@ekby.se', BN: 'amira.haddad@ekby.se', SN: 'erik.nystrom@ekby.se' } as const;
// Cases registered during the run come from another stretch of the generator than the fill.
const FIRST_INDEX = 50_000_000;

/**
 * `clients` registrars registering at once, each a loop of `perClient` cases through the
 * production use case: one transaction a case, the number taken under the series row lock.
 */
export async function measureRegistrations(
  db: Database,
  org: SeededOrganisation,
  options: { clients: number; perClient: number; seed: number },
): Promise<RegistrationFigures> {
  const deps = { db, now: () => new Date() };
  const registrar = org.actors[REGISTRAR]!;
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | null = null;

  const client = async (c: number) => {
    for (let j = 0; j < options.perClient; j++) {
      const input = registrationInput(org, options.seed, FIRST_INDEX + c * options.perClient + j);
      try {
        latencies.push((await timed(() => registerCase(deps, registrar, input))).ms);
      } catch (error) {
        failed++;
        firstError ??= String(error);
      }
    }
  };
  const cpuBefore = process.cpuUsage();
  const { ms } = await timed(() => Promise.all(Array.from({ length: options.clients }, (_, c) => client(c))));
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = ms / 1000;
  return {
    clients: options.clients,
    registered: latencies.length,
    failed,
    firstError,
    seconds,
    perSecond: latencies.length / seconds,
    latency: summarise(latencies),
    benchCores: (cpu.user + cpu.system) / 1_000 / ms,
  };
}

function registrationInput(org: SeededOrganisation, seed: number, index: number): CreateCase {
  const generated = generateCase(seed, index);
  const officerEmail = OFFICER_BY_DIARY[generated.diary];
  const unit = DEMO_USERS.find((u) => u.email === officerEmail)!.unit;
  return {
    diary: generated.diary,
    title: generated.title,
    ...(generated.publicTitle ? { publicTitle: generated.publicTitle } : {}),
    classification: generated.classification,
    caseType: generated.caseType,
    officerId: org.actors[officerEmail]!.user.id,
    ...(org.unitIds[unit] ? { unitId: org.unitIds[unit] } : {}),
    counterparties: generated.counterparties,
    ...(generated.confidentiality ? { confidentiality: generated.confidentiality } : {}),
  };
}

export interface NumberingCheck {
  ok: boolean;
  /** Diary-and-year series checked. */
  series: number;
  cases: number;
  problems: string[];
}

interface SeriesRow {
  diaryId: string;
  prefix: string;
  year: number;
  n: number;
  distinct: number;
  lowest: number;
  highest: number;
  last: number | null;
  misnumbered: number;
}

const MAX_LISTED = 10;

/**
 * Rule 1, checked over the whole register: in every diary and year the sequences are
 * exactly 1..n, each once, the case number spells them, and the series row holds n.
 */
export async function checkNumbering(db: Database): Promise<NumberingCheck> {
  const series = rowsOf<SeriesRow>(
    await db.execute(sql`select c.diary_id as "diaryId", dy.prefix, c.year, count(*)::int as n,
        count(distinct c.sequence)::int as "distinct", min(c.sequence) as lowest, max(c.sequence) as highest,
        s.last_sequence as last,
        count(*) filter (where c.case_number <> dy.prefix || ' ' || c.year || '/' || case when c.sequence < 10000 then lpad(c.sequence::text, 4, '0') else c.sequence::text end)::int as misnumbered
      from cases c
      join diaries dy on dy.id = c.diary_id
      left join case_number_series s on s.diary_id = c.diary_id and s.year = c.year
      group by c.diary_id, dy.prefix, c.year, s.last_sequence
      order by dy.prefix, c.year`),
  );
  const problems: string[] = [];
  for (const s of series) {
    const name = `${s.prefix} ${s.year}`;
    if (s.distinct !== s.n) {
      const duplicates = rowsOf<{ sequence: number; n: number }>(
        await db.execute(sql`select sequence, count(*)::int as n from cases
          where diary_id = ${s.diaryId}::uuid and year = ${s.year}
          group by sequence having count(*) > 1 order by sequence limit ${MAX_LISTED}`),
      );
      problems.push(`${name}: duplicates ${duplicates.map((d) => `${d.sequence} (×${d.n})`).join(', ')}`);
    }
    if (s.lowest !== 1 || s.highest !== s.distinct) {
      const missing = rowsOf<{ sequence: number }>(
        await db.execute(sql`select g.sequence from generate_series(1, ${s.highest}::int) as g(sequence)
          where not exists (select 1 from cases c where c.diary_id = ${s.diaryId}::uuid and c.year = ${s.year} and c.sequence = g.sequence)
          order by g.sequence limit ${MAX_LISTED}`),
      );
      problems.push(`${name}: ${s.highest - s.distinct} missing, first ${missing.map((m) => m.sequence).join(', ')}`);
    }
    if (s.last !== s.highest) problems.push(`${name}: the series says ${s.last ?? 'nothing'}, the highest case is ${s.highest}`);
    if (s.misnumbered > 0) problems.push(`${name}: ${s.misnumbered} case numbers that do not spell their sequence`);
  }
  const orphans = rowsOf<{ prefix: string; year: number; last: number }>(
    await db.execute(sql`select dy.prefix, s.year, s.last_sequence as last from case_number_series s
      join diaries dy on dy.id = s.diary_id
      where s.last_sequence > 0 and not exists (select 1 from cases c where c.diary_id = s.diary_id and c.year = s.year)`),
  );
  for (const o of orphans) problems.push(`${o.prefix} ${o.year}: the series says ${o.last}, but there are no cases`);
  return {
    ok: problems.length === 0,
    series: series.length,
    cases: series.reduce((sum, s) => sum + s.n, 0),
    problems,
  };
}
