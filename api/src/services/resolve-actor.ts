import { AppError } from '@diarium/core';
import type { Database } from '../store/database.ts';
import { findOrganisationByTenant } from '../store/organisations.ts';
import { provisionUser, rolesOf } from '../store/users.ts';
import type { Actor } from './context.ts';

/** The actor behind a verified token: the user is provisioned from its claims on first call. */
export async function resolveActor(
  db: Database,
  claims: { tenantId: string; objectId: string; name: string; email: string },
  now: Date,
  requestId?: string,
): Promise<Actor> {
  const org = await findOrganisationByTenant(db, claims.tenantId);
  if (!org) throw new AppError('forbidden', `No organisation for tenant ${claims.tenantId}`);
  const user = await provisionUser(db, org.id, claims, now);
  const roles = await rolesOf(db, user.id);
  return {
    orgId: org.id,
    user: { id: user.id, name: user.name, email: user.email },
    principal: { userId: user.id, roles: roles.map(({ diaryId, role }) => ({ diaryId, role })) },
    roles,
    ...(requestId ? { requestId } : {}),
  };
}
