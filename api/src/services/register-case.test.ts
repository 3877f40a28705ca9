import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@diarium/core';
import { takeCaseSequence } from '../store/cases.ts';
import { rowsOf } from '../store/database.ts';
import { getCase } from './get-case.ts';
import { listEvents } from './list-events.ts';
import { registerCase } from './register-case.ts';
import { openTestRegister, type TestRegister } from './test-register.ts';

let moment = new Date('2026-03-16T09:00:00Z');
const clock = () => moment;
let r: TestRegister;
beforeAll(async () => {
  r = await openTestRegister(clock);
});
afterAll(() => r.close());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (isAppError(error) ? { code: error.code, fields: error.fields.map((f) => f.field) } : error),
  );

async function sequencesIn(prefix: string, year: number): Promise<number[]> {
  const rows = rowsOf<{ sequence: number }>(
    await r.handle.db.execute(
      sql`select c.sequence from cases c join diaries d on d.id = c.diary_id where d.prefix = ${prefix} and c.year = ${year} order by c.sequence`,
    ),
  );
  return rows.map((row) => row.sequence);
}

describe('registering a case', () => {
  it('numbers cases per diary and year, from 1, padded: BN 2026/0001, BN 2026/0002', async () => {
    const first = await registerCase(r.deps, r.registrar, { diary: 'BN', title: 'Ansökan om bygglov för carport' });
    const second = await registerCase(r.deps, r.bnOfficer, { diary: 'BN', title: 'Anmälan om rivning' });
    expect(first.value.caseNumber).toBe('BN 2026/0001');
    expect(second.value.caseNumber).toBe('BN 2026/0002');
    expect(first.outcome).toBe('created');
  });

  it('starts again at 1 when the Swedish year turns', async () => {
    moment = new Date('2026-12-31T23:30:00Z'); // already 2027 in Stockholm
    const next = await registerCase(r.deps, r.registrar, { diary: 'BN', title: 'Nyårsansökan' });
    expect(next.value.caseNumber).toBe('BN 2027/0001');
    moment = new Date('2026-03-16T09:00:00Z');
  });

  it('gives the next number in the diary, without gaps or duplicates, under 200 concurrent registrations', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => registerCase(r.deps, r.registrar, { diary: 'KS', title: `Skrivelse ${i}` })),
    );
    const numbers = results.map((res) => res.value.caseNumber);
    expect(new Set(numbers).size).toBe(200);
    expect(await sequencesIn('KS', 2026)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('does not lose a number to a registration that rolled back', async () => {
    const diaryId = r.diaryIds.SN!;
    await r.handle.db
      .transaction(async (tx) => {
        await takeCaseSequence(tx, diaryId, 2026);
        throw new Error('the disk is full');
      })
      .catch(() => undefined);
    const next = await registerCase(r.deps, r.registrar, {
      diary: 'SN',
      title: 'Ansökan om färdtjänst – Anna Andersson',
      publicTitle: 'Ansökan om färdtjänst',
      confidentiality: { provision: 'OSL 26 kap. 1 §' },
    });
    expect(next.value.caseNumber).toBe('SN 2026/0001');
  });

  it('makes the registering officer the case officer by default, and records who registered it', async () => {
    const { value } = await registerCase(r.deps, r.ksOfficer, { diary: 'KS', title: 'Motion om lekplats i Sjövik' });
    expect(value.access).toBe('full');
    if (value.access !== 'full') return;
    expect(value.officer?.name).toBe('Johan Berg');
    expect(value.createdBy.name).toBe('Johan Berg');
    expect(value.publicTitle).toBe('Motion om lekplats i Sjövik');
    const history = await listEvents(r.deps, r.reader, value.id);
    expect(history.map((e) => e.action)).toEqual(['case.registered']);
    expect(history[0]!.actor?.name).toBe('Johan Berg');
    expect(history[0]!.after).toMatchObject({ caseNumber: value.caseNumber, title: 'Motion om lekplats i Sjövik' });
  });

  it('refuses registration to someone without registrar or officer role in the diary', async () => {
    expect(await errorOf(registerCase(r.deps, r.reader, { diary: 'KS', title: 'Försök' }))).toEqual({ code: 'forbidden', fields: [] });
    expect(await errorOf(registerCase(r.deps, r.bnOfficer, { diary: 'KS', title: 'Försök' }))).toEqual({ code: 'forbidden', fields: [] });
  });

  it('names the field when the diary, officer or unit is unknown, and takes no number', async () => {
    const before = await sequencesIn('KS', 2026);
    expect(await errorOf(registerCase(r.deps, r.registrar, { diary: 'XX', title: 'Fel diarium' }))).toEqual({
      code: 'validation_failed',
      fields: ['diary'],
    });
    expect(
      await errorOf(
        registerCase(r.deps, r.registrar, {
          diary: 'KS',
          title: 'Okänd handläggare',
          officerId: '00000000-0000-4000-8000-000000000000',
          unitId: '00000000-0000-4000-8000-000000000001',
        }),
      ),
    ).toEqual({ code: 'validation_failed', fields: ['officerId', 'unitId'] });
    expect(await sequencesIn('KS', 2026)).toEqual(before);
  });
});

describe('a confidential case', () => {
  it("shows only its public title to those outside, and records the officer's read", async () => {
    const { value } = await registerCase(r.deps, r.registrar, {
      diary: 'SN',
      title: 'Orosanmälan gällande barn – Elin Sjöberg',
      publicTitle: 'Orosanmälan gällande barn',
      officerId: r.snOfficer.user.id,
      counterparties: [{ name: 'Elin Sjöberg' }],
      confidentiality: { provision: 'OSL 26 kap. 1 §' },
    });
    const outsider = await getCase(r.deps, r.reader, value.caseNumber);
    expect(outsider).toEqual({
      access: 'restricted',
      id: value.id,
      caseNumber: value.caseNumber,
      diary: expect.objectContaining({ prefix: 'SN' }),
      publicTitle: 'Orosanmälan gällande barn',
      status: 'open',
      confidential: true,
      openedAt: expect.any(String),
      closedAt: null,
    });
    expect(JSON.stringify(outsider)).not.toContain('Sjöberg');
    expect(JSON.stringify(await getCase(r.deps, r.ksOfficer, value.id))).not.toContain('Sjöberg');

    const officerView = await getCase(r.deps, r.snOfficer, value.id);
    expect(officerView.access === 'full' && officerView.title).toBe('Orosanmälan gällande barn – Elin Sjöberg');
    expect(officerView.access === 'full' && officerView.confidentiality).toMatchObject({
      provision: 'OSL 26 kap. 1 §',
      markedBy: { name: 'Karin Lindqvist' },
    });
    const registrarView = await getCase(r.deps, r.registrar, value.id);
    expect(registrarView.access).toBe('full');

    const history = await listEvents(r.deps, r.registrar, value.id);
    expect(history.filter((e) => e.action === 'case.read').map((e) => e.actor?.name)).toEqual([
      'Erik Nyström',
      'Karin Lindqvist',
    ]);
    expect(await errorOf(listEvents(r.deps, r.reader, value.id))).toEqual({ code: 'forbidden', fields: [] });
  });
});

describe('idempotent registration', () => {
  it('answers a retry with the same Idempotency-Key with the first case, taking one number', async () => {
    const input = { diary: 'KS', title: 'Medborgarförslag om belysning' };
    const claim = { key: 'retry-1', fingerprint: 'f1' };
    const [a, b] = await Promise.all([
      registerCase(r.deps, r.registrar, input, claim),
      registerCase(r.deps, r.registrar, input, claim),
    ]);
    const again = await registerCase(r.deps, r.registrar, input, claim);
    expect(a.value.caseNumber).toBe(b.value.caseNumber);
    expect(again.value).toEqual(a.value);
    const found = rowsOf<{ n: number }>(
      await r.handle.db.execute(sql`select count(*)::int as n from cases where title = 'Medborgarförslag om belysning'`),
    );
    expect(found[0]!.n).toBe(1);
  });

  it('refuses the same key for a different request', async () => {
    await registerCase(r.deps, r.registrar, { diary: 'KS', title: 'Första' }, { key: 'k2', fingerprint: 'a' });
    expect(
      await errorOf(registerCase(r.deps, r.registrar, { diary: 'KS', title: 'Andra' }, { key: 'k2', fingerprint: 'b' })),
    ).toEqual({ code: 'idempotency_key_reused', fields: ['Idempotency-Key'] });
  });
});
