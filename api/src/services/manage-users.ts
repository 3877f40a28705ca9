import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import { AppError, hasRole, type SetRoles, type User } from '@diarium/core';
import { appendEvent } from '../store/events.ts';
import { findDiaryByPrefix } from '../store/organisations.ts';
import { likePattern } from '../store/search.ts';
import { diaries, diaryRoles, units, users } from '../store/schema.ts';
import { findUser, grantRole, rolesOf } from '../store/users.ts';
import type { Actor, Deps } from './context.ts';

/** Colleagues in the organisation, found by name or e-mail, with their roles. */
export async function listUsers(deps: Pick<Deps, 'db'>, actor: Actor, query: { q?: string; limit: number }): Promise<User[]> {
  const pattern = query.q ? likePattern(query.q) : null;
  const rows = await deps.db
    .select({ id: users.id, name: users.name, email: users.email, unitId: units.id, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.orgId, actor.orgId), pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined))
    .orderBy(asc(users.name))
    .limit(query.limit);
  const roles =
    rows.length === 0
      ? []
      : await deps.db
          .select({ userId: diaryRoles.userId, diaryId: diaryRoles.diaryId, diary: diaries.prefix, role: diaryRoles.role })
          .from(diaryRoles)
          .innerJoin(diaries, eq(diaries.id, diaryRoles.diaryId))
          .where(inArray(diaryRoles.userId, rows.map((r) => r.id)))
          .orderBy(asc(diaries.prefix), asc(diaryRoles.role));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    unit: r.unitId ? { id: r.unitId, name: r.unitName! } : null,
    roles: roles.filter((role) => role.userId === r.id).map(({ diaryId, diary, role }) => ({ diaryId, diary, role })),
  }));
}

/** Replaces a user's roles in a diary. Only the diary's administrators may; the change is recorded. */
export async function setDiaryRoles(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  prefix: string,
  userId: string,
  input: SetRoles,
): Promise<User> {
  const diary = await findDiaryByPrefix(deps.db, actor.orgId, prefix.toUpperCase());
  if (!diary) throw new AppError('not_found', `No diary ${prefix}`);
  if (!hasRole(actor.principal, diary.id, 'admin')) {
    throw new AppError('forbidden', 'Not an administrator of the diary', { detail: 'access.roles' });
  }
  const user = await findUser(deps.db, actor.orgId, userId);
  if (!user) throw new AppError('not_found', 'No such user');
  const wanted = [...new Set(input.roles)].sort();
  await deps.db.transaction(async (tx) => {
    const before = (await rolesOf(tx, user.id)).filter((r) => r.diaryId === diary.id).map((r) => r.role);
    await tx.delete(diaryRoles).where(and(eq(diaryRoles.userId, user.id), eq(diaryRoles.diaryId, diary.id)));
    for (const role of wanted) await grantRole(tx, user.id, diary.id, role);
    if (JSON.stringify(before) !== JSON.stringify(wanted)) {
      await appendEvent(tx, {
        orgId: actor.orgId,
        actorId: actor.user.id,
        action: 'roles.changed',
        caseId: null,
        before: { user: user.id, diary: diary.prefix, roles: before },
        after: { user: user.id, diary: diary.prefix, roles: wanted },
        requestId: actor.requestId ?? null,
        at: deps.now(),
      });
    }
  });
  const [updated] = (await listUsers(deps, actor, { q: user.email, limit: 100 })).filter((u) => u.id === user.id);
  return updated!;
}
