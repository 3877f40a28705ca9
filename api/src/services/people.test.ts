import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseSearchQuerySchema, isAppError } from '@diarium/core';
import { getCase } from './get-case.ts';
import { setCaseAccess } from './grant-access.ts';
import { listEvents } from './list-events.ts';
import { listUsers, setDiaryRoles } from './manage-users.ts';
import { registerCase } from './register-case.ts';
import { resolveActor } from './resolve-actor.ts';
import { searchCases } from './search-cases.ts';
import { DEMO_TENANT_ID, DEMO_USERS } from '../demo/organisation.ts';
import { openTestRegister, type TestRegister } from './test-register.ts';

let r: TestRegister;
let secretId: string;
beforeAll(async () => {
  r = await openTestRegister();
  secretId = (
    await registerCase(r.deps, r.registrar, {
      diary: 'SN',
      title: 'Ansökan om hemtjänst – Björn Ekström',
      publicTitle: 'Ansökan om hemtjänst',
      officerId: r.snOfficer.user.id,
      confidentiality: { provision: 'OSL 26 kap. 1 §' },
    })
  ).value.id;
});
afterAll(() => r.close());

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: unknown) => (isAppError(e) ? e.code : String(e)));

describe('granting access to a confidential case', () => {
  it("lets the officer grant a colleague access, who then reads and finds it, until it is taken back", async () => {
    const search = () => searchCases(r.deps, r.reader, CaseSearchQuerySchema.parse({ q: 'Ekström' }));
    expect((await getCase(r.deps, r.reader, secretId)).access).toBe('restricted');
    expect((await search()).items).toEqual([]);

    expect(await setCaseAccess(r.deps, r.snOfficer, secretId, r.reader.user.id, true)).toEqual({ changed: true });
    expect(await setCaseAccess(r.deps, r.snOfficer, secretId, r.reader.user.id, true)).toEqual({ changed: false });
    const granted = await getCase(r.deps, r.reader, secretId);
    expect(granted.access === 'full' && granted.title).toBe('Ansökan om hemtjänst – Björn Ekström');
    expect((await search()).items.map((i) => i.id)).toEqual([secretId]);

    await setCaseAccess(r.deps, r.registrar, secretId, r.reader.user.id, false);
    expect((await getCase(r.deps, r.reader, secretId)).access).toBe('restricted');
    const history = await listEvents(r.deps, r.registrar, secretId);
    expect(history.filter((e) => e.action.startsWith('access.')).map((e) => [e.action, e.actor?.name])).toEqual([
      ['access.granted', 'Erik Nyström'],
      ['access.revoked', 'Karin Lindqvist'],
    ]);
  });

  it('refuses anyone else, even someone granted access, and names an unknown user', async () => {
    await setCaseAccess(r.deps, r.snOfficer, secretId, r.ksOfficer.user.id, true);
    expect(await codeOf(setCaseAccess(r.deps, r.ksOfficer, secretId, r.reader.user.id, true))).toBe('forbidden');
    expect(await codeOf(setCaseAccess(r.deps, r.reader, secretId, r.reader.user.id, true))).toBe('forbidden');
    expect(await codeOf(setCaseAccess(r.deps, r.snOfficer, secretId, '00000000-0000-4000-8000-000000000000', true))).toBe(
      'validation_failed',
    );
  });
});

describe('users and roles', () => {
  it('finds colleagues by name or e-mail, with their roles', async () => {
    const found = await listUsers(r.deps, r.reader, { q: 'nyström', limit: 10 });
    expect(found).toEqual([expect.objectContaining({ name: 'Erik Nyström', roles: [expect.objectContaining({ diary: 'SN', role: 'officer' })] })]);
    expect((await listUsers(r.deps, r.reader, { q: '%', limit: 10 })).length).toBe(0);
    expect((await listUsers(r.deps, r.reader, { limit: 100 })).length).toBe(DEMO_USERS.length);
  });

  it("lets a diary's administrator give roles, which take effect at the user's next request", async () => {
    const admin = r.actors['lars.holm@ekby.se']!;
    const updated = await setDiaryRoles(r.deps, admin, 'ks', r.bnOfficer.user.id, { roles: ['officer'] });
    expect(updated.roles.map((role) => `${role.diary}:${role.role}`)).toEqual(['BN:officer', 'KS:officer']);
    const amira = await resolveActor(r.deps.db, { tenantId: DEMO_TENANT_ID, ...DEMO_USERS[2]! }, new Date());
    expect((await registerCase(r.deps, amira, { diary: 'KS', title: 'Skrivelse om cykelparkering' })).outcome).toBe('created');
    expect(await codeOf(setDiaryRoles(r.deps, r.registrar, 'KS', r.reader.user.id, { roles: ['registrar'] }))).toBe('forbidden');
  });
});
