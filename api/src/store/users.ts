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

// How stale last_seen_at may grow before a request writes it again: reads stay reads.
const LAST_SEEN_RESOLUTION_MS = 60 * 60 * 1000;

/**
 * The user behind a token's claims, created on first call and kept up to date after. The
 * common case, a known user whose name and e-mail are unchanged, is one read and no write.
 */
export async function provisionUser(
  db: Queryable,
  orgId: string,
  claims: { objectId: string; name: string; email: string },
  now: Date,
): Promise<UserRow> {
  const [known] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.objectId, claims.objectId)));
  const fresh = known?.lastSeenAt && now.getTime() - known.lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS;
  if (known && fresh && known.name === claims.name && known.email === claims.email) return known;
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

/** A user by their Entra object id, as Teams names them on a bot activity. */
export async function findUserByObjectId(db: Queryable, orgId: string, objectId: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.objectId, objectId)));
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
