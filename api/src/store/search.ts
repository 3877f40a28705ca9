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
  diaryPrefix?: string;
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

function hitsFor(text: SearchText, scope: SearchScope): SQL[] {
  const c = sql.raw('c');
  const fullOk = sql`(not c.confidential or ${readsConfidential(c, scope)})`;
  const docFullOk = sql`((not d.confidential and not c.confidential) or ${readsConfidential(c, scope)})`;
  const hits: SQL[] = [];
  if (text.words.length > 0) {
    const tsquery = text.words.map((forms) => `(${forms.map((f) => `${f}:*`).join(' | ')})`).join(' & ');
    const q = sql`to_tsquery('swedish', ${tsquery})`;
    hits.push(
      sql`select c.id, ts_rank(c.search_full, ${q})::float8 as r from cases c where c.org_id = ${scope.orgId} and c.search_full @@ ${q} and ${fullOk}`,
      sql`select c.id, ts_rank(c.search_public, ${q})::float8 from cases c where c.org_id = ${scope.orgId} and c.search_public @@ ${q}`,
      sql`select d.case_id, ts_rank(d.search_full, ${q})::float8 * 0.5 from documents d join cases c on c.id = d.case_id where d.org_id = ${scope.orgId} and d.search_full @@ ${q} and ${docFullOk}`,
      sql`select d.case_id, ts_rank(d.search_public, ${q})::float8 * 0.5 from documents d where d.org_id = ${scope.orgId} and d.search_public @@ ${q}`,
    );
    // Swedish compounds are not split by the stemmer: trigrams find "ansökan" in "bygglovsansökan".
    const partial = text.words.map((forms) => forms[0]!).filter((w) => w.length >= 4);
    if (partial.length > 0) {
      const all = (column: SQL) => sql.join(partial.map((w) => sql`${column} ilike ${likePattern(w)}`), sql` and `);
      hits.push(
        sql`select c.id, 0.01::float8 from cases c where c.org_id = ${scope.orgId} and ${all(sql`c.public_title`)}`,
        sql`select c.id, 0.01::float8 from cases c where c.org_id = ${scope.orgId} and ${all(sql`c.title`)} and ${fullOk}`,
      );
    }
  }
  if (text.reference) {
    const { prefix, year, sequence } = text.reference;
    hits.push(
      sql`select c.id, 10::float8 from cases c join diaries dd on dd.id = c.diary_id where c.org_id = ${scope.orgId} and c.sequence = ${sequence}${year === undefined ? sql`` : sql` and c.year = ${year}`}${prefix === undefined ? sql`` : sql` and dd.prefix = ${prefix}`}`,
    );
  }
  if (text.numberFragment) {
    hits.push(
      sql`select c.id, 1::float8 from cases c where c.org_id = ${scope.orgId} and c.case_number ilike ${likePattern(text.numberFragment)}`,
    );
  }
  return hits;
}

function filtersFor(filters: SearchFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.diaryPrefix) where.push(sql`dy.prefix = ${filters.diaryPrefix}`);
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
  const where = [sql`c.org_id = ${scope.orgId}`, ...filtersFor(filters)];
  const columns = sql`c.id, c.case_number as "caseNumber", dy.prefix as diary, c.title, c.public_title as "publicTitle",
    c.status, c.opened_at as "openedAt", c.confidential,
    (not c.confidential or ${readsConfidential(sql.raw('c'), scope)}) as "fullAccess",
    o.id as "officerId", o.name as "officerName", o.email as "officerEmail", u.id as "unitId", u.name as "unitName"`;
  const joins = sql`join diaries dy on dy.id = c.diary_id left join users o on o.id = c.officer_id left join units u on u.id = c.unit_id`;

  if (text) {
    const hits = hitsFor(text, scope);
    if (hits.length === 0) return [];
    if (cursor?.kind === 'rank') {
      where.push(sql`(h.rank < ${cursor.rank}::float8 or (h.rank = ${cursor.rank}::float8 and c.id < ${cursor.id}::uuid))`);
    }
    const query = sql`with hits as (${sql.join(hits, sql` union all `)}),
      ranked as (select id, max(r) as rank from hits group by id)
      select ${columns}, h.rank from ranked h join cases c on c.id = h.id ${joins}
      where ${sql.join(where, sql` and `)}
      order by h.rank desc, c.id desc limit ${limit}`;
    return rowsOf<SearchRow>(await db.execute(query)).map(normalise);
  }

  if (cursor?.kind === 'opened') {
    where.push(sql`(c.opened_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  const query = sql`select ${columns}, null::float8 as rank from cases c ${joins}
    where ${sql.join(where, sql` and `)}
    order by c.opened_at desc, c.id desc limit ${limit}`;
  return rowsOf<SearchRow>(await db.execute(query)).map(normalise);
}

// Raw rows come back with the driver's own types: make them the same on both engines.
function normalise(row: SearchRow): SearchRow {
  return { ...row, rank: row.rank === null ? null : Number(row.rank), openedAt: new Date(row.openedAt) };
}
