import { and, eq } from 'drizzle-orm';
import type { Database } from '../store/database.ts';
import { ensureOrganisation } from '../store/organisations.ts';
import { diaries, units, users } from '../store/schema.ts';
import { grantRole } from '../store/users.ts';
import { resolveActor } from '../services/resolve-actor.ts';
import { registerCase } from '../services/register-case.ts';
import { registerDocument } from '../services/register-document.ts';
import { updateCase } from '../services/update-case.ts';
import type { Actor, Deps } from '../services/context.ts';
import { generateCase } from './generator.ts';
import { DEMO_DIARIES, DEMO_ORGANISATION, DEMO_TENANT_ID, DEMO_UNITS, DEMO_USERS } from './organisation.ts';

export interface SeededOrganisation {
  orgId: string;
  diaryIds: Record<string, string>;
  unitIds: Record<string, string>;
  /** Actors by demo user e-mail. */
  actors: Record<string, Actor>;
}

/** Creates Ekby kommun's diaries, units, users and roles; running it again changes nothing. */
export async function seedOrganisation(db: Database, now: Date): Promise<SeededOrganisation> {
  const org = await ensureOrganisation(db, DEMO_TENANT_ID, DEMO_ORGANISATION);
  await db
    .insert(diaries)
    .values(DEMO_DIARIES.map((d) => ({ orgId: org.id, prefix: d.prefix, name: d.name })))
    .onConflictDoNothing();
  await db
    .insert(units)
    .values(DEMO_UNITS.map((u) => ({ orgId: org.id, name: u.name, code: u.code })))
    .onConflictDoNothing();
  const diaryIds = Object.fromEntries(
    (await db.select().from(diaries).where(eq(diaries.orgId, org.id))).map((d) => [d.prefix, d.id]),
  );
  const unitIds = Object.fromEntries(
    (await db.select().from(units).where(eq(units.orgId, org.id))).map((u) => [u.name, u.id]),
  );
  const actors: Record<string, Actor> = {};
  for (const demo of DEMO_USERS) {
    await db
      .insert(users)
      .values({ orgId: org.id, objectId: demo.objectId, name: demo.name, email: demo.email, unitId: unitIds[demo.unit] })
      .onConflictDoNothing();
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.orgId, org.id), eq(users.objectId, demo.objectId)));
    for (const { diary, role } of demo.roles) await grantRole(db, user!.id, diaryIds[diary]!, role);
    actors[demo.email] = await resolveActor(db, { tenantId: DEMO_TENANT_ID, ...demo }, now);
  }
  return { orgId: org.id, diaryIds, unitIds, actors };
}

const REGISTRAR = 'karin.lindqvist@ekby.se';
const OFFICER_BY_DIARY: Record<string, string> = {
  KS: 'johan.berg@ekby.se',
  BN: 'amira.haddad@ekby.se',
  SN: 'erik.nystrom@ekby.se',
};

/**
 * Fills an empty register with `count` believable cases and their documents, registered
 * through the same use cases as everything else, so the history is complete.
 */
export async function seedDemoCases(deps: Deps, org: SeededOrganisation, count: number, seed = 2026): Promise<void> {
  const registrar = org.actors[REGISTRAR]!;
  for (let i = 0; i < count; i++) {
    const generated = generateCase(seed, i);
    const officer = org.actors[OFFICER_BY_DIARY[generated.diary]!]!;
    const unitName = DEMO_USERS.find((u) => u.email === officer.user.email)!.unit;
    const { value } = await registerCase(deps, registrar, {
      diary: generated.diary,
      title: generated.title,
      ...(generated.publicTitle ? { publicTitle: generated.publicTitle } : {}),
      classification: generated.classification,
      caseType: generated.caseType,
      officerId: officer.user.id,
      unitId: org.unitIds[unitName],
      counterparties: generated.counterparties,
      ...(generated.confidentiality ? { confidentiality: generated.confidentiality } : {}),
    });
    for (const doc of generated.documents) {
      await registerDocument(deps, registrar, value.id, { source: 'api', ...doc }, []);
    }
    if (generated.decision && value.access === 'full') {
      await updateCase(deps, officer, value.id, value.version, { close: { decisionSummary: generated.decision } });
    }
  }
}
