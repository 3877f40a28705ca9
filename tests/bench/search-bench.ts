import { sql, type SQL } from 'drizzle-orm';
import { CaseSearchQuerySchema, type CaseSearchQuery } from '@diarium/core';
import { rowsOf, type Database } from '../../api/src/store/database.ts';
import { searchCases } from '../../api/src/services/search-cases.ts';
import type { Actor } from '../../api/src/services/context.ts';
import { summarise, timed, type Latency } from './percentiles.ts';
import { SEARCHER_EMAILS, type MixQuery } from './query-mix.ts';

export interface QueryFigures {
  mix: MixQuery;
  /** Cases on the first page, with `+` when there are more. */
  hits: string;
  latency: Latency;
}

export interface MixFigures {
  all: Latency;
  perQuery: QueryFigures[];
}

const PAGE = 25;

interface Prepared {
  mix: MixQuery;
  actor: Actor;
  query: CaseSearchQuery;
}

function prepare(mix: MixQuery[], actors: Record<string, Actor>): Prepared[] {
  return mix.map((m) => ({
    mix: m,
    actor: actors[SEARCHER_EMAILS[m.searcher]]!,
    query: CaseSearchQuerySchema.parse({ ...m.query, limit: PAGE }),
  }));
}

/** Runs the mix in rounds, in a fixed order, one query at a time; percentiles are over every run. */
async function measure(
  prepared: Prepared[],
  rounds: { warmUp: number; measured: number },
  run: (p: Prepared) => Promise<string>,
): Promise<MixFigures> {
  const samples = prepared.map(() => [] as number[]);
  const hits = prepared.map(() => '');
  for (let round = 0; round < rounds.warmUp; round++) {
    for (const [i, p] of prepared.entries()) hits[i] = await run(p);
  }
  for (let round = 0; round < rounds.measured; round++) {
    for (const [i, p] of prepared.entries()) samples[i]!.push((await timed(() => run(p))).ms);
  }
  return {
    all: summarise(samples.flat()),
    perQuery: prepared.map((p, i) => ({ mix: p.mix, hits: hits[i]!, latency: summarise(samples[i]!) })),
  };
}

/** The production path: the search use case, with its access rules, ranking and paging. */
export function measureSearch(
  db: Database,
  actors: Record<string, Actor>,
  mix: MixQuery[],
  rounds: number,
): Promise<MixFigures> {
  return measure(prepare(mix, actors), { warmUp: 2, measured: rounds }, async ({ actor, query }) => {
    const result = await searchCases({ db }, actor, query);
    return `${result.items.length}${result.nextCursor ? '+' : ''}`;
  });
}

/**
 * The baseline a first version would write: every word ILIKE'd against the case number,
 * titles and document titles, newest first. It ignores the access rules (it only sets
 * the cost to beat) and finds no compound parts or other spellings of case numbers.
 */
export function measureIlikeBaseline(
  db: Database,
  actors: Record<string, Actor>,
  mix: MixQuery[],
  rounds: number,
): Promise<MixFigures> {
  return measure(prepare(mix, actors), { warmUp: 1, measured: rounds }, async ({ actor, query }) => {
    const rows = rowsOf<{ id: string }>(await db.execute(ilikeQuery(actor, query)));
    return rows.length > PAGE ? `${PAGE}+` : String(rows.length);
  });
}

function ilikeQuery(actor: Actor, query: CaseSearchQuery): SQL {
  const words = query.q?.split(/\s+/u).filter((w) => w.length > 0) ?? [];
  const where: SQL[] = [sql`c.org_id = ${actor.orgId}`];
  if (query.diary) where.push(sql`dy.prefix = ${query.diary}`);
  if (query.status) where.push(sql`c.status = ${query.status}`);
  if (query.officer) where.push(sql`c.officer_id = ${query.officer === 'me' ? actor.user.id : query.officer}::uuid`);
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(
      sql`(c.case_number ilike ${pattern} or c.title ilike ${pattern} or c.public_title ilike ${pattern} or d.title ilike ${pattern})`,
    );
  }
  const documentJoin = words.length > 0 ? sql`left join documents d on d.case_id = c.id` : sql``;
  return sql`select c.id, c.case_number, c.public_title, c.opened_at
    from cases c join diaries dy on dy.id = c.diary_id ${documentJoin}
    where ${sql.join(where, sql` and `)}
    group by c.id
    order by c.opened_at desc, c.id desc
    limit ${PAGE + 1}`;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL the search use case sends for one query of the
 * mix: each statement is caught on its way to the driver and run again under EXPLAIN.
 * A text search sends one statement a branch of each tier it needs, then the page.
 */
export async function explainSearch(db: Database, actors: Record<string, Actor>, mix: MixQuery): Promise<string[][]> {
  const [prepared] = prepare([mix], actors);
  const statements: SQL[] = [];
  const recording = new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'execute') {
        return (query: SQL) => {
          statements.push(query);
          return target.execute(query);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  await searchCases({ db: recording }, prepared!.actor, prepared!.query);
  const plans: string[][] = [];
  for (const statement of statements) {
    const rows = rowsOf<Record<string, string>>(await db.execute(sql`explain (analyze, buffers) ${statement}`));
    plans.push(rows.map((row) => Object.values(row)[0] ?? ''));
  }
  return plans;
}

const PLAN_NODES = 30;
const PLAN_WIDTH = 200;

/**
 * The plan's nodes with their estimated and actual rows and times, the total buffers and
 * the execution time, without conditions and sort details: enough to see where time goes.
 */
export function condensePlan(lines: string[]): string[] {
  const cut = (line: string) => (line.length > PLAN_WIDTH ? `${line.slice(0, PLAN_WIDTH - 1)}…` : line);
  const nodes = lines.filter((line, i) => i === 0 || line.trim().startsWith('->'));
  const rootBuffers = lines[1]?.trim().startsWith('Buffers:') ? [lines[1]] : [];
  const totals = lines.filter((line) => /^(Planning|Execution) Time/.test(line.trim()));
  const more = nodes.length > PLAN_NODES ? [`  … and ${nodes.length - PLAN_NODES} more plan nodes`] : [];
  return [...nodes.slice(0, 1), ...rootBuffers, ...nodes.slice(1, PLAN_NODES), ...more, ...totals].map(cut);
}
