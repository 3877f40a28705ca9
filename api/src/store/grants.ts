import { and, eq } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { caseGrants } from './schema.ts';

/** Grants a user access to a case; false when they had it already. */
export async function insertGrant(db: Queryable, caseId: string, userId: string, grantedBy: string): Promise<boolean> {
  const rows = await db.insert(caseGrants).values({ caseId, userId, grantedBy }).onConflictDoNothing().returning({ caseId: caseGrants.caseId });
  return rows.length === 1;
}

/** Removes a user's access to a case; false when they had none. */
export async function deleteGrant(db: Queryable, caseId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(caseGrants)
    .where(and(eq(caseGrants.caseId, caseId), eq(caseGrants.userId, userId)))
    .returning({ caseId: caseGrants.caseId });
  return rows.length === 1;
}
