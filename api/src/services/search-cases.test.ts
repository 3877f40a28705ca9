import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseSearchQuerySchema, type CaseSearchQuery } from '@diarium/core';
import { registerCase } from './register-case.ts';
import { registerDocument } from './register-document.ts';
import { searchCases } from './search-cases.ts';
import type { Actor } from './context.ts';
import { openTestRegister, type TestRegister } from './test-register.ts';

let r: TestRegister;
const numbers: Record<string, string> = {};
beforeAll(async () => {
  r = await openTestRegister(() => new Date('2026-05-04T08:00:00Z'));
  const ks = async (title: string, extra = {}) =>
    (await registerCase(r.deps, r.registrar, { diary: 'KS', title, ...extra })).value;
  for (let i = 1; i <= 41; i++) await ks(`Skrivelse nummer ${i}`);
  numbers.lekplats = (await ks('Medborgarförslag om ny lekplats i Sjövik', { counterparties: [{ name: 'Märta Lindström' }] })).caseNumber; // KS 2026/0042
  const bygglov = await registerCase(r.deps, r.registrar, { diary: 'BN', title: 'Ansökan om bygglov för carport på Ekudden 2:15' });
  numbers.bygglov = bygglov.value.caseNumber;
  await registerDocument(r.deps, r.registrar, bygglov.value.id, { direction: 'incoming', kind: 'mail', title: 'Bygglovsansökan med ritningar', source: 'api' }, []);
  numbers.marklov = (await registerCase(r.deps, r.registrar, { diary: 'BN', title: 'Marklovsansökan för Tallbacken 7:3' })).value.caseNumber;
  numbers.tallbacken = (await registerCase(r.deps, r.registrar, { diary: 'BN', title: 'Strandskyddsdispens för Tallbacken 7:31' })).value.caseNumber;
  numbers.vagen = (await registerCase(r.deps, r.registrar, { diary: 'BN', title: 'Förhandsbesked för Tallbackenvägen 7:3' })).value.caseNumber;
  numbers.secret = (
    await registerCase(r.deps, r.registrar, {
      diary: 'SN',
      title: 'Ansökan om ekonomiskt bistånd – Hassan Yilmaz',
      publicTitle: 'Ansökan om ekonomiskt bistånd',
      officerId: r.snOfficer.user.id,
      counterparties: [{ name: 'Hassan Yilmaz' }],
      confidentiality: { provision: 'OSL 26 kap. 1 §' },
    })
  ).value.caseNumber;
});
afterAll(() => r.close());

const search = (actor: Actor, query: Partial<Record<keyof CaseSearchQuery, string>>) =>
  searchCases(r.deps, actor, CaseSearchQuerySchema.parse(query));
const numbersOf = async (actor: Actor, query: Partial<Record<keyof CaseSearchQuery, string>>) =>
  (await search(actor, query)).items.map((i) => i.caseNumber);

describe('searching the register', () => {
  it('finds a case by its number in every common spelling', async () => {
    expect(numbers.lekplats).toBe('KS 2026/0042');
    for (const q of ['KS 2026/0042', 'KS 2026/42', '2026/42', 'ks-2026-42', 'ks2026-0042', '0042']) {
      expect((await numbersOf(r.reader, { q }))[0], q).toBe('KS 2026/0042');
    }
  });

  it('finds Swedish words, inflections and compounds', async () => {
    expect(await numbersOf(r.reader, { q: 'lekplatsen' })).toEqual([numbers.lekplats]);
    expect(await numbersOf(r.reader, { q: 'medborgarförslag lekplats' })).toEqual([numbers.lekplats]);
    // "bygglov" finds the case through its title and through "Bygglovsansökan" in a document.
    expect(await numbersOf(r.reader, { q: 'bygglov' })).toEqual([numbers.bygglov]);
    // The middle of a compound: trigrams find "ansökan" inside "Bygglovsansökan".
    expect(await numbersOf(r.registrar, { q: 'ritningar' })).toEqual([numbers.bygglov]);
    expect(await numbersOf(r.reader, { q: 'Lindström' })).toEqual([numbers.lekplats]);
    // Whole words rank first; the middle of a compound is found when words find too little.
    const ansokan = await numbersOf(r.reader, { q: 'ansökan' });
    expect(ansokan.slice(0, 2).sort()).toEqual([numbers.bygglov, numbers.secret].sort());
    expect(ansokan.slice(2)).toEqual([numbers.marklov]);
    expect(await numbersOf(r.reader, { q: 'marklov' })).toEqual([numbers.marklov]);
    // A property designation is matched number for number: the exact name first, then the
    // name as the start of a compound (Tallbackenvägen 7:3), and 7:31 only by the partial-word fallback.
    expect(await numbersOf(r.reader, { q: 'Tallbacken 7:3' })).toEqual([numbers.marklov, numbers.vagen, numbers.tallbacken]);
  });

  it('never matches a confidential case on what only its readers may see', async () => {
    expect(await numbersOf(r.reader, { q: 'Yilmaz' })).toEqual([]);
    expect(await numbersOf(r.bnOfficer, { q: 'Hassan' })).toEqual([]);
    const publicHit = await search(r.reader, { q: 'ekonomiskt bistånd' });
    expect(publicHit.items).toEqual([
      expect.objectContaining({
        caseNumber: numbers.secret,
        title: 'Ansökan om ekonomiskt bistånd',
        confidential: true,
        access: 'restricted',
        officer: null,
      }),
    ]);
    expect(JSON.stringify(publicHit)).not.toContain('Yilmaz');
    expect(await numbersOf(r.snOfficer, { q: 'Yilmaz' })).toEqual([numbers.secret]);
    expect(await numbersOf(r.registrar, { q: 'Yilmaz' })).toEqual([numbers.secret]);
  });

  it('treats SQL- and regex-looking text as words', async () => {
    for (const q of ["'; drop table cases; --", '.*(a+)+$', 'lek%', '\\', '&|!():*']) {
      const result = await search(r.reader, { q });
      expect(Array.isArray(result.items), q).toBe(true);
    }
    expect(await numbersOf(r.reader, { q: "lekplats'; drop table cases; --" })).toEqual([]);
    expect(await numbersOf(r.reader, { q: 'lekplats' })).toEqual([numbers.lekplats]);
  });

  it('filters by diary, status and officer', async () => {
    expect((await numbersOf(r.reader, { diary: 'BN' })).sort()).toEqual([numbers.bygglov, numbers.marklov, numbers.tallbacken, numbers.vagen].sort());
    expect((await search(r.snOfficer, { officer: 'me' })).items.map((i) => i.caseNumber)).toEqual([numbers.secret]);
    expect(await numbersOf(r.reader, { diary: 'KS', status: 'closed' })).toEqual([]);
  });

  it('pages through every hit once with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(r.reader, { q: 'skrivelse', limit: '7', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.caseNumber));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(41);
    expect(new Set(seen).size).toBe(41);

    const browsed: string[] = [];
    cursor = undefined;
    do {
      const page = await search(r.reader, { diary: 'KS', limit: '10', ...(cursor ? { cursor } : {}) });
      browsed.push(...page.items.map((i) => i.caseNumber));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(browsed).size).toBe(42);
  });

  it('refuses a cursor it did not give out', async () => {
    await expect(search(r.reader, { q: 'skrivelse', cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [{ field: 'cursor', message: 'field.cursor' }],
    });
  });
});
