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

/** True where the searcher may read a confidential case in full (rule 4); `c` is the cases alias. */
export function readsConfidential(c: SQL, scope: SearchScope): SQL {
  return sql`(${c}.officer_id = ${scope.userId}::uuid or ${c}.diary_id in (${uuidList(scope.registrarDiaryIds)}) or ${c}.id in (${uuidList(scope.grantedCaseIds)}))`;
}

/** A LIKE pattern for text containing `value`, its own %, _ and backslash taken literally. */
export function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * How many of the newest matches each kind of hit contributes. Ranking happens within
 * them, so that a word found in half the register costs no more than a rare one: the
 * planner can walk the newest cases and stop. Filters narrow the window to older cases.
 */
export const RANK_WINDOW = 300;
// The indexes on opened_at and registered_at are built `desc nulls last`; the orders below match them.

/** One way of finding cases: a statement answering (id, r) for at most RANK_WINDOW cases. */
type Branch = SQL;

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
      sql`select c.id, 10::float8 as r from cases c join diaries dd on dd.id = c.diary_id where ${where} and c.sequence = ${sequence}${year === undefined ? sql`` : sql` and c.year = ${year}`}${prefix === undefined ? sql`` : sql` and dd.prefix = ${prefix}`} ${newest}`,
    );
  }
  // A query that reads as a case number (`KS 2026/42`, `2026/42`, `0042`) means case numbers:
  // its digits never stand in the text, and searching the text for them only costs.
  const completeNumber = text.reference?.prefix !== undefined && text.reference.year !== undefined;
  if (text.numberFragment && !completeNumber) {
    first.push(sql`select c.id, 1::float8 as r from cases c where ${where} and c.case_number ilike ${likePattern(text.numberFragment)} ${newest}`);
  }
  if (text.words.length === 0 || text.reference !== null) return [first];

  // The full text holds the public title too, so one index scan of it finds every candidate;
  // where the searcher may not read the whole, the public text alone must match as well.
  // `found` is what the index is asked; `matches` is checked on the rows it gives.
  const textBranches = (matches: string, weight: number, found = matches): Branch[] => {
    const q = sql`to_tsquery('swedish', ${matches})`;
    const indexed = found === matches ? sql`c.search_full @@ ${q}` : sql`c.search_full @@ to_tsquery('swedish', ${found}) and ts_match_vq(c.search_full, ${q})`;
    const docIndexed =
      found === matches ? sql`d.search_full @@ ${q}` : sql`d.search_full @@ to_tsquery('swedish', ${found}) and ts_match_vq(d.search_full, ${q})`;
    return [
      sql`select c.id, ${weight}::float8 * ts_rank(case when ${fullOk} then c.search_full else c.search_public end, ${q})::float8 as r from cases c
        where ${where} and ${indexed} and (${fullOk} or c.search_public @@ ${q}) ${newest}`,
      sql`select d.case_id as id, ${weight / 2}::float8 * ts_rank(case when ${docFullOk} then d.search_full else d.search_public end, ${q})::float8 as r
        from documents d join cases c on c.id = d.case_id
        where ${where} and d.org_id = ${scope.orgId} and ${docIndexed} and (${docFullOk} or d.search_public @@ ${q})
        order by d.registered_at desc nulls last, d.id desc nulls last limit ${RANK_WINDOW}`,
    ];
  };
  const query = (words: string[][], term: (form: string) => string) => words.map((forms) => `(${forms.map(term).join(' | ')})`).join(' & ');
  first.push(...textBranches(query(text.words, (form) => form), 1));
  // Numbers (a property's 15:79, a year) only ever match as themselves. Two or more of them
  // together are rarer than any word prefix, so the index is asked for them alone and the
  // prefixes are checked on the rows: `Björkhagen 15:79` reads 80 rows, not Björkhagen's 70 000.
  const isNumber = (forms: string[]) => forms.every((form) => /^\d+$/.test(form));
  const prefixes = query(text.words, (form) => (/^\d+$/.test(form) ? form : `${form}:*`));
  const numbers = text.words.filter(isNumber);
  const numbersFirst = numbers.length >= 2 && numbers.length < text.words.length;
  later.push(textBranches(prefixes, 0.5, numbersFirst ? query(numbers, (form) => form) : prefixes));

  // Swedish compounds are not split by the stemmer: trigrams find "ansökan" in "bygglovsansökan".
  const partial = text.words.map((forms) => forms[0]!).filter((w) => w.length >= 4);
  if (partial.length > 0) {
    const all = (column: SQL) => sql.join(partial.map((w) => sql`${column} ilike ${likePattern(w)}`), sql` and `);
    later.push([
      sql`select c.id, 0.01::float8 as r from cases c where ${where} and ((${all(sql`c.public_title`)}) or (${all(sql`c.title`)} and ${fullOk})) ${newest}`,
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

/** The columns of a SearchRow, from cases `c` with SEARCH_ROW_JOINS. */
export function searchRowColumns(scope: SearchScope): SQL {
  return sql`c.id, c.case_number as "caseNumber", dy.prefix as diary, c.title, c.public_title as "publicTitle",
    c.status, c.opened_at as "openedAt", c.confidential,
    (not c.confidential or ${readsConfidential(sql.raw('c'), scope)}) as "fullAccess",
    o.id as "officerId", o.name as "officerName", o.email as "officerEmail", u.id as "unitId", u.name as "unitName"`;
}

export const SEARCH_ROW_JOINS = sql`join diaries dy on dy.id = c.diary_id left join users o on o.id = c.officer_id left join units u on u.id = c.unit_id`;

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
  const columns = searchRowColumns(scope);
  const joins = SEARCH_ROW_JOINS;

  if (!text) {
    const after = cursor?.kind === 'opened' ? sql` and (c.opened_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``;
    const page = sql`with page as (select c.id from cases c where ${where}${after} order by c.opened_at desc nulls last, c.id desc nulls last limit ${limit})
      select ${columns}, null::float8 as rank from page p join cases c on c.id = p.id ${joins}
      order by c.opened_at desc nulls last, c.id desc nulls last`;
    return rowsOf<SearchRow>(await db.execute(page)).map(normaliseSearchRow);
  }

  // Each tier runs only when the tiers before it found less than a page. The branches of a
  // tier are separate statements, so that a connection pool runs them side by side.
  const ranks = new Map<string, number>();
  for (const tier of tiersFor(text, scope, where)) {
    if (ranks.size >= limit) break;
    const answers = await Promise.all(tier.map(async (branch) => rowsOf<{ id: string; r: number | string }>(await db.execute(branch))));
    for (const { id, r } of answers.flat()) ranks.set(id, Math.max(ranks.get(id) ?? 0, Number(r)));
  }
  const ranked = [...ranks]
    .map(([id, rank]) => ({ id, rank }))
    .filter((h) => cursor?.kind !== 'rank' || h.rank < cursor.rank || (h.rank === cursor.rank && h.id < cursor.id))
    .sort((a, b) => b.rank - a.rank || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit);
  if (ranked.length === 0) return [];
  const rows = rowsOf<SearchRow>(
    await db.execute(sql`select ${columns} from cases c ${joins} where c.id in (${sql.join(
      ranked.map((h) => sql`${h.id}::uuid`),
      sql`, `,
    )})`),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.flatMap(({ id, rank }) => {
    const row = byId.get(id);
    return row ? [normaliseSearchRow({ ...row, rank })] : [];
  });
}

// Raw rows come back with the driver's own types: make them the same on both engines.
export function normaliseSearchRow(row: SearchRow): SearchRow {
  return { ...row, rank: row.rank === null ? null : Number(row.rank), openedAt: new Date(row.openedAt) };
}
