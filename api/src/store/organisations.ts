import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { diaries, organisations, units } from './schema.ts';

export type OrganisationRow = typeof organisations.$inferSelect;
export type DiaryRow = typeof diaries.$inferSelect;
export type UnitRow = typeof units.$inferSelect;

/** The organisation for an Entra tenant, created on first use. */
export async function ensureOrganisation(db: Queryable, tenantId: string, name: string): Promise<OrganisationRow> {
  await db.insert(organisations).values({ tenantId, name }).onConflictDoNothing({ target: organisations.tenantId });
  const [row] = await db.select().from(organisations).where(eq(organisations.tenantId, tenantId));
  return row!;
}

export async function findOrganisationByTenant(db: Queryable, tenantId: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.tenantId, tenantId));
  return row ?? null;
}

export function listDiaries(db: Queryable, orgId: string): Promise<DiaryRow[]> {
  return db.select().from(diaries).where(eq(diaries.orgId, orgId)).orderBy(asc(diaries.prefix));
}

export async function findDiaryByPrefix(db: Queryable, orgId: string, prefix: string): Promise<DiaryRow | null> {
  const [row] = await db
    .select()
    .from(diaries)
    .where(and(eq(diaries.orgId, orgId), eq(diaries.prefix, prefix)));
  return row ?? null;
}

export function listUnits(db: Queryable, orgId: string): Promise<UnitRow[]> {
  return db.select().from(units).where(eq(units.orgId, orgId)).orderBy(asc(units.name));
}

export async function findUnit(db: Queryable, orgId: string, id: string): Promise<UnitRow | null> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.id, id)));
  return row ?? null;
}
