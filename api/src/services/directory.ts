import type { Diary, Me, Unit } from '@diarium/core';
import { listDiaries as listDiaryRows, listUnits as listUnitRows } from '../store/organisations.ts';
import { organisations, units, users } from '../store/schema.ts';
import { eq } from 'drizzle-orm';
import type { Actor, Deps } from './context.ts';

/** The signed-in user, their organisation, unit and roles. */
export async function getMe(deps: Pick<Deps, 'db'>, actor: Actor): Promise<Me> {
  const [row] = await deps.db
    .select({ orgName: organisations.name, unitId: units.id, unitName: units.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, actor.user.id));
  return {
    ...actor.user,
    organisation: { id: actor.orgId, name: row!.orgName },
    unit: row!.unitId ? { id: row!.unitId, name: row!.unitName! } : null,
    roles: actor.roles,
  };
}

/** The organisation's diaries, with the actor's roles in each. */
export async function listDiaries(deps: Pick<Deps, 'db'>, actor: Actor): Promise<Diary[]> {
  const rows = await listDiaryRows(deps.db, actor.orgId);
  return rows.map((d) => ({
    id: d.id,
    prefix: d.prefix,
    name: d.name,
    myRoles: actor.roles.filter((r) => r.diaryId === d.id).map((r) => r.role),
  }));
}

export async function listUnits(deps: Pick<Deps, 'db'>, actor: Actor): Promise<Unit[]> {
  const rows = await listUnitRows(deps.db, actor.orgId);
  return rows.map((u) => ({ id: u.id, name: u.name, code: u.code }));
}
