import { sql } from 'drizzle-orm';
import type { UserRef } from '@diarium/core';
import { rowsOf, type Queryable } from './database.ts';
import { normaliseSearchRow, readsConfidential, SEARCH_ROW_JOINS, searchRowColumns, type SearchRow, type SearchScope } from './search.ts';

// "Mitt arbete": what waits for a user and what happened in their cases. Both find the user's
// cases by index (cases_officer_opened, cases_created_by) and read each case's events by index
// (events_case, events_case_at); the activity may instead walk the organisation's newest events
// (events_org_at, whose order it matches) when the user's cases are most of the register.

/** Reading is not acting on a case: it neither answers a document nor shows as activity. */
const READS = sql`('case.read', 'document.read', 'file.read')`;

export interface WaitingRow extends SearchRow {
  waitingSince: Date;
  newDocuments: number;
}

/**
 * The user's open cases (as officer) with incoming documents that others registered after
 * the user's own latest act in the case, or that the user never acted on: oldest first.
 */
export async function listWaitingCases(db: Queryable, scope: SearchScope, limit: number): Promise<WaitingRow[]> {
  const me = sql`${scope.userId}::uuid`;
  const rows = rowsOf<WaitingRow>(
    await db.execute(sql`with waiting as (
        select m.id, min(d.registered_at) as since, count(*)::int as n
        from cases m
        cross join lateral (
          select max(e.id) as last from events e where e.case_id = m.id and e.actor_id = ${me} and e.action not in ${READS}
        ) acted
        join events r on r.case_id = m.id and r.action = 'document.registered' and r.id > coalesce(acted.last, 0)
        join documents d on d.id = r.document_id and d.direction = 'incoming' and d.registered_by <> ${me}
        where m.org_id = ${scope.orgId} and m.officer_id = ${me} and m.status = 'open'
        group by m.id
      )
      select ${searchRowColumns(scope)}, null::float8 as rank, w.since as "waitingSince", w.n as "newDocuments"
      from waiting w join cases c on c.id = w.id ${SEARCH_ROW_JOINS}
      order by w.since, c.id
      limit ${limit}`),
  );
  return rows.map((row) => ({ ...normaliseSearchRow(row), waitingSince: new Date(row.waitingSince), newDocuments: Number(row.newDocuments) }));
}

export interface ActivityRow {
  id: string;
  at: Date;
  action: string;
  actor: UserRef | null;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  casePublicTitle: string;
  caseConfidential: boolean;
  documentId: string | null;
  documentNumber: string | null;
  documentTitle: string | null;
  documentPublicTitle: string | null;
  /** Whether the user may read the case, and the document, in full (rule 4). */
  caseFull: boolean;
  documentFull: boolean;
}

/** The latest events since `since` in the cases the user handles or registered, reads left out: newest first. */
export async function listActivity(db: Queryable, scope: SearchScope, since: Date, limit: number): Promise<ActivityRow[]> {
  const me = sql`${scope.userId}::uuid`;
  const full = readsConfidential(sql.raw('c'), scope);
  const rows = rowsOf<ActivityRow>(
    await db.execute(sql`select e.id::text as id, e.at, e.action,
        case when a.id is null then null else json_build_object('id', a.id, 'name', a.name, 'email', a.email) end as actor,
        c.id as "caseId", c.case_number as "caseNumber", c.title as "caseTitle", c.public_title as "casePublicTitle",
        c.confidential as "caseConfidential",
        d.id as "documentId", d.document_number as "documentNumber", d.title as "documentTitle", d.public_title as "documentPublicTitle",
        (not c.confidential or ${full}) as "caseFull",
        ((not c.confidential and not coalesce(d.confidential, false)) or ${full}) as "documentFull"
      from cases c
      join events e on e.case_id = c.id and e.org_id = ${scope.orgId} and e.at >= ${since.toISOString()}::timestamptz and e.action not in ${READS}
      left join users a on a.id = e.actor_id
      left join documents d on d.id = e.document_id
      where c.org_id = ${scope.orgId} and (c.officer_id = ${me} or c.created_by = ${me})
      order by e.at desc nulls last, e.id desc nulls last
      limit ${limit}`),
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at) }));
}
