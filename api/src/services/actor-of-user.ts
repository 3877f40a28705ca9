import { AppError } from '@diarium/core';
import type { Queryable } from '../store/database.ts';
import { findUser, rolesOf } from '../store/users.ts';
import type { Actor } from './context.ts';

/**
 * The actor for background work done on a user's behalf (a sent mail they tied to a case),
 * with their roles as they are now: someone who has lost the right to register cannot
 * register by a job either.
 */
export async function actorOfUser(db: Queryable, orgId: string, userId: string): Promise<Actor> {
  const user = await findUser(db, orgId, userId);
  if (!user) throw new AppError('not_found', 'The user is gone');
  const roles = await rolesOf(db, user.id);
  return {
    orgId,
    user: { id: user.id, name: user.name, email: user.email },
    principal: { userId: user.id, roles: roles.map(({ diaryId, role }) => ({ diaryId, role })) },
    roles,
  };
}
