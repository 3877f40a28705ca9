import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CaseStatus, Confidentiality, Counterparty, DiaryRef, UnitRef, UserRef } from '@diarium/core';
import type { Queryable } from './database.ts';
import { caseNumberSeries, cases, diaries, units, users } from './schema.ts';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;

/** A case with what its views and access rules need. */
export interface CaseRecord {
  id: string;
  orgId: string;
  diary: DiaryRef;
  year: number;
  sequence: number;
  caseNumber: string;
  title: string;
  publicTitle: string;
  classification: string | null;
  caseType: string | null;
  status: CaseStatus;
  officer: UserRef | null;
  unit: UnitRef | null;
  counterparties: Counterparty[];
  confidentiality: Confidentiality | null;
  confidential: boolean;
  openedAt: Date;
  closedAt: Date | null;
  decisionSummary: string | null;
  documentCount: number;
  version: number;
  createdBy: UserRef;
  updatedAt: Date;
  grantedUserIds: string[];
}

/**
 * Takes the next sequence of a diary's year. The row lock it takes is held until the
 * caller's transaction ends, so concurrent registrations queue here: a rollback returns
 * the number, a commit keeps it, and no two transactions ever get the same one (rule 1).
 */
export async function takeCaseSequence(tx: Queryable, diaryId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(caseNumberSeries)
    .values({ diaryId, year, lastSequence: 1 })
    .onConflictDoUpdate({
      target: [caseNumberSeries.diaryId, caseNumberSeries.year],
      set: { lastSequence: sql`${caseNumberSeries.lastSequence} + 1` },
    })
    .returning({ sequence: caseNumberSeries.lastSequence });
  return row!.sequence;
}

export async function insertCase(tx: Queryable, values: NewCaseRow): Promise<CaseRow> {
  const [row] = await tx.insert(cases).values(values).returning();
  return row!;
}

const officer = alias(users, 'officer');
const creator = alias(users, 'creator');

function selectCaseRecords(db: Queryable, where: SQL | undefined) {
  return db
    .select({
      id: cases.id,
      orgId: cases.orgId,
      diary: { id: diaries.id, prefix: diaries.prefix, name: diaries.name },
      year: cases.year,
      sequence: cases.sequence,
      caseNumber: cases.caseNumber,
      title: cases.title,
      publicTitle: cases.publicTitle,
      classification: cases.classification,
      caseType: cases.caseType,
      status: cases.status,
      officerId: officer.id,
      officerName: officer.name,
      officerEmail: officer.email,
      unitId: units.id,
      unitName: units.name,
      counterparties: cases.counterparties,
      confidentiality: cases.confidentiality,
      confidential: cases.confidential,
      openedAt: cases.openedAt,
      closedAt: cases.closedAt,
      decisionSummary: cases.decisionSummary,
      documentCount: cases.lastDocumentNumber,
      version: cases.version,
      createdBy: { id: creator.id, name: creator.name, email: creator.email },
      updatedAt: cases.updatedAt,
      grantedUserIds: sql<
        string[]
      >`coalesce((select json_agg(g.user_id) from case_grants g where g.case_id = ${cases.id}), '[]'::json)`,
    })
    .from(cases)
    .innerJoin(diaries, eq(diaries.id, cases.diaryId))
    .innerJoin(creator, eq(creator.id, cases.createdBy))
    .leftJoin(officer, eq(officer.id, cases.officerId))
    .leftJoin(units, eq(units.id, cases.unitId))
    .where(where);
}

type SelectedCase = Awaited<ReturnType<typeof selectCaseRecords>>[number];

function toRecord(row: SelectedCase): CaseRecord {
  const { officerId, officerName, officerEmail, unitId, unitName, ...rest } = row;
  return {
    ...rest,
    officer: officerId ? { id: officerId, name: officerName!, email: officerEmail! } : null,
    unit: unitId ? { id: unitId, name: unitName! } : null,
    counterparties: row.counterparties as Counterparty[],
    confidentiality: row.confidentiality as Confidentiality | null,
  };
}

export async function findCaseById(db: Queryable, orgId: string, id: string): Promise<CaseRecord | null> {
  const [row] = await selectCaseRecords(db, and(eq(cases.orgId, orgId), eq(cases.id, id)));
  return row ? toRecord(row) : null;
}

export async function findCaseByNumber(
  db: Queryable,
  orgId: string,
  number: { prefix: string; year: number; sequence: number },
): Promise<CaseRecord | null> {
  const [row] = await selectCaseRecords(
    db,
    and(
      eq(cases.orgId, orgId),
      eq(diaries.prefix, number.prefix),
      eq(cases.year, number.year),
      eq(cases.sequence, number.sequence),
    ),
  );
  return row ? toRecord(row) : null;
}

/** Locks the case for the rest of the transaction, so changes to it queue. */
export async function lockCase(tx: Queryable, id: string): Promise<{ version: number; lastDocumentNumber: number }> {
  const [row] = await tx
    .select({ version: cases.version, lastDocumentNumber: cases.lastDocumentNumber })
    .from(cases)
    .where(eq(cases.id, id))
    .for('update');
  return row!;
}

/** Applies changes when the case is still at `version`; false when someone got there first. */
export async function updateCaseAtVersion(
  tx: Queryable,
  id: string,
  version: number,
  changes: Partial<NewCaseRow>,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(cases)
    .set({ ...changes, version: version + 1, updatedAt: now })
    .where(and(eq(cases.id, id), eq(cases.version, version)))
    .returning({ id: cases.id });
  return rows.length === 1;
}

/** Gives the next löpnummer in the case; the case row stays locked until the transaction ends. */
export async function takeDocumentNumber(tx: Queryable, caseId: string): Promise<number> {
  const [row] = await tx
    .update(cases)
    .set({ lastDocumentNumber: sql`${cases.lastDocumentNumber} + 1` })
    .where(eq(cases.id, caseId))
    .returning({ number: cases.lastDocumentNumber });
  return row!.number;
}
