import { and, asc, eq } from 'drizzle-orm';
import type { Role } from '@diarium/core';
import type { Queryable } from './database.ts';
import { diaries, diaryRoles, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export interface UserRole {
  diaryId: string;
  diary: string;
  role: Role;
}

/** The user behind a token's claims, created on first call and kept up to date after. */
export async function provisionUser(
  db: Queryable,
  orgId: string,
  claims: { objectId: string; name: string; email: string },
  now: Date,
): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ orgId, objectId: claims.objectId, name: claims.name, email: claims.email, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [users.orgId, users.objectId],
      set: { name: claims.name, email: claims.email, lastSeenAt: now },
    })
    .returning();
  return row!;
}

export async function findUser(db: Queryable, orgId: string, id: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row ?? null;
}

export function listUsers(db: Queryable, orgId: string): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.name));
}

export async function rolesOf(db: Queryable, userId: string): Promise<UserRole[]> {
  return db
    .select({ diaryId: diaryRoles.diaryId, diary: diaries.prefix, role: diaryRoles.role })
    .from(diaryRoles)
    .innerJoin(diaries, eq(diaries.id, diaryRoles.diaryId))
    .where(eq(diaryRoles.userId, userId))
    .orderBy(asc(diaries.prefix), asc(diaryRoles.role));
}

export async function grantRole(db: Queryable, userId: string, diaryId: string, role: Role): Promise<void> {
  await db.insert(diaryRoles).values({ userId, diaryId, role }).onConflictDoNothing();
}
