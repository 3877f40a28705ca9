import { sql, type SQL } from 'drizzle-orm';
import type { CaseReference, CaseStatus } from '@diarium/core';
import { rowsOf, type Queryable } from './database.ts';

/** Who is searching: what they may read in full decides which text may match. */
export interface SearchScope {
  orgId: string;
  userId: string;
  registrarDiaryIds: string[];
  grantedCaseIds: string[];
}

export interface SearchFilters {
  diaryId?: string;
  status?: CaseStatus;
  officerId?: string;
  unitId?: string;
  from?: string;
  to?: string;
}

export interface SearchText {
  /** The words typed, each with its forms; a word matches when any form matches as a prefix. */
  words: string[][];
  reference: CaseReference | null;
  /** A piece of a case number such as `2026/004`, for trigram matching. */
  numberFragment: string | null;
}

export type SearchCursor = { kind: 'rank'; rank: number; id: string } | { kind: 'opened'; at: string; id: string };

export interface SearchRow {
  id: string;
  caseNumber: string;
  diary: string;
  title: string;
  publicTitle: string;
  status: CaseStatus;
  openedAt: Date | string;
  confidential: boolean;
  fullAccess: boolean;
  officerId: string | null;
  officerName: string | null;
  officerEmail: string | null;
  unitId: string | null;
  unitName: string | null;
  rank: number | null;
}

const uuidList = (ids: string[]) => (ids.length === 0 ? sql`null::uuid` : sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `));

/** True where the searcher may read a confidential case in full (rule 4). */
function readsConfidential(c: SQL, scope: SearchScope): SQL {
  return sql`(${c}.officer_id = ${scope.userId}::uuid or ${c}.diary_id in (${uuidList(scope.registrarDiaryIds)}) or ${c}.id in (${uuidList(scope.grantedCaseIds)}))`;
}

function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * How many of the newest matches each kind of hit contributes. Ranking happens within
 * them, so that a word found in half the register costs no more than a rare one: the
 * planner can walk the newest cases and stop. Filters narrow the window to older cases.
 */
export const RANK_WINDOW = 300;
// The indexes on opened_at and registered_at are built `desc nulls last`; the orders below match them.

/** One way of finding cases; `gate` is true, or says whether the earlier tiers found too little. */
type Branch = (gate: SQL) => SQL;

/**
 * The ways a query finds cases, in tiers: case numbers and whole words first; word
 * prefixes (`bygglov` in *bygglovsansökan*) only when those find less than a page; the
 * middle of compounds by trigrams last. Exact words let the text index skip through its
 * lists; a prefix must read every list it matches, so it is kept for when it is needed.
 */
function tiersFor(text: SearchText, scope: SearchScope, where: SQL): Branch[][] {
  const c = sql.raw('c');
  const fullOk = sql`(not c.confidential or ${readsConfidential(c, scope)})`;
  const docFullOk = sql`((not d.confidential and not c.confidential) or ${readsConfidential(c, scope)})`;
  const newest = sql`order by c.opened_at desc nulls last, c.id desc nulls last limit ${RANK_WINDOW}`;
  const first: Branch[] = [];
  const later: Branch[][] = [];
  if (text.reference) {
    const { prefix, year, sequence } = text.reference;
    first.push(
      (gate) =>
        sql`select c.id, 10::float8 as r from cases c join diaries dd on dd.id = c.diary_id where ${gate} and ${where} and c.sequence = ${sequence}${year === undefined ? sql`` : sql` and c.year = ${year}`}${prefix === undefined ? sql`` : sql` and dd.prefix = ${prefix}`} ${newest}`,
    );
  }
  // A query that reads as a case number (`KS 2026/42`, `2026/42`, `0042`) means case numbers:
  // its digits never stand in the text, and searching the text for them only costs.
  const completeNumber = text.reference?.prefix !== undefined && text.reference.year !== undefined;
  if (text.numberFragment && !completeNumber) {
    first.push(
      (gate) => sql`select c.id, 1::float8 from cases c where ${gate} and ${where} and c.case_number ilike ${likePattern(text.numberFragment!)} ${newest}`,
    );
  }
  if (text.words.length === 0 || text.reference !== null) return [first];

  // The full text holds the public title too, so one index scan of it finds every candidate;
  // where the searcher may not read the whole, the public text alone must match as well.
  const textBranches = (tsquery: string, weight: number): Branch[] => {
    const q = sql`to_tsquery('swedish', ${tsquery})`;
    return [
      (gate) => sql`select c.id, ${weight}::float8 * ts_rank(case when ${fullOk} then c.search_full else c.search_public end, ${q})::float8 from cases c
        where ${gate} and ${where} and c.search_full @@ ${q} and (${fullOk} or c.search_public @@ ${q}) ${newest}`,
      (gate) => sql`select d.case_id, ${weight / 2}::float8 * ts_rank(case when ${docFullOk} then d.search_full else d.search_public end, ${q})::float8
        from documents d join cases c on c.id = d.case_id
        where ${gate} and ${where} and d.org_id = ${scope.orgId} and d.search_full @@ ${q} and (${docFullOk} or d.search_public @@ ${q})
        order by d.registered_at desc nulls last, d.id desc nulls last limit ${RANK_WINDOW}`,
    ];
  };
  const query = (term: (form: string) => string) => text.words.map((forms) => `(${forms.map(term).join(' | ')})`).join(' & ');
  first.push(...textBranches(query((form) => form), 1));
  // Numbers (a property's 15:79, a year) only ever match as themselves.
  later.push(textBranches(query((form) => (/^\d+$/.test(form) ? form : `${form}:*`)), 0.5));

  // Swedish compounds are not split by the stemmer: trigrams find "ansökan" in "bygglovsansökan".
  const partial = text.words.map((forms) => forms[0]!).filter((w) => w.length >= 4);
  if (partial.length > 0) {
    const all = (column: SQL) => sql.join(partial.map((w) => sql`${column} ilike ${likePattern(w)}`), sql` and `);
    later.push([
      (gate) =>
        sql`select c.id, 0.01::float8 from cases c where ${gate} and ${where} and ((${all(sql`c.public_title`)}) or (${all(sql`c.title`)} and ${fullOk})) ${newest}`,
    ]);
  }
  return [first, ...later];
}

function filtersFor(filters: SearchFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.diaryId) where.push(sql`c.diary_id = ${filters.diaryId}::uuid`);
  if (filters.status) where.push(sql`c.status = ${filters.status}`);
  if (filters.officerId) where.push(sql`c.officer_id = ${filters.officerId}::uuid`);
  if (filters.unitId) where.push(sql`c.unit_id = ${filters.unitId}::uuid`);
  if (filters.from) where.push(sql`c.opened_at >= ${filters.from}::date`);
  if (filters.to) where.push(sql`c.opened_at < (${filters.to}::date + 1)`);
  return where;
}

/**
 * Ranked search over the register. Text only matches what the searcher may read: the
 * public title always, the internal title, counterparties and documents where allowed.
 */
export async function searchCases(
  db: Queryable,
  scope: SearchScope,
  text: SearchText | null,
  filters: SearchFilters,
  cursor: SearchCursor | null,
  limit: number,
): Promise<SearchRow[]> {
  const where = sql.join([sql`c.org_id = ${scope.orgId}`, ...filtersFor(filters)], sql` and `);
  const columns = sql`c.id, c.case_number as "caseNumber", dy.prefix as diary, c.title, c.public_title as "publicTitle",
    c.status, c.opened_at as "openedAt", c.confidential,
    (not c.confidential or ${readsConfidential(sql.raw('c'), scope)}) as "fullAccess",
    o.id as "officerId", o.name as "officerName", o.email as "officerEmail", u.id as "unitId", u.name as "unitName"`;
  const joins = sql`join diaries dy on dy.id = c.diary_id left join users o on o.id = c.officer_id left join units u on u.id = c.unit_id`;

  let page: SQL;
  if (text) {
    const tiers = tiersFor(text, scope, where).filter((tier) => tier.length > 0);
    if (tiers.length === 0) return [];
    const after =
      cursor?.kind === 'rank'
        ? sql`where h.rank < ${cursor.rank}::float8 or (h.rank = ${cursor.rank}::float8 and h.id < ${cursor.id}::uuid)`
        : sql``;
    // Each tier runs only when the tiers before it found less than a page. The gate is
    // evaluated once; when it is false, the tier's scans never start.
    const ctes = tiers.map((tier, i) => {
      const earlier = tiers.slice(0, i).map((_, j) => sql.raw(`select id from t${j}`));
      const gate = i === 0 ? sql`true` : sql`(select count(distinct id) from (${sql.join(earlier, sql` union all `)}) x) < ${limit}`;
      return sql`${sql.raw(`t${i}`)} (id, r) as materialized (${sql.join(
        tier.map((branch) => sql`(${branch(gate)})`),
        sql` union all `,
      )})`;
    });
    const hits = sql.join(
      tiers.map((_, i) => sql.raw(`select id, r from t${i}`)),
      sql` union all `,
    );
    page = sql`with ${sql.join(ctes, sql`, `)},
      page as (select h.id, h.rank from (select id, max(r) as rank from (${hits}) all_hits group by id) h ${after}
               order by h.rank desc, h.id desc limit ${limit})
      select ${columns}, p.rank from page p join cases c on c.id = p.id ${joins}
      order by p.rank desc, c.id desc`;
  } else {
    const after = cursor?.kind === 'opened' ? sql` and (c.opened_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``;
    page = sql`with page as (select c.id from cases c where ${where}${after} order by c.opened_at desc nulls last, c.id desc nulls last limit ${limit})
      select ${columns}, null::float8 as rank from page p join cases c on c.id = p.id ${joins}
      order by c.opened_at desc nulls last, c.id desc nulls last`;
  }
  return rowsOf<SearchRow>(await db.execute(page)).map(normalise);
}

// Raw rows come back with the driver's own types: make them the same on both engines.
function normalise(row: SearchRow): SearchRow {
  return { ...row, rank: row.rank === null ? null : Number(row.rank), openedAt: new Date(row.openedAt) };
}
