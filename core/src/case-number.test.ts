import { describe, expect, it } from 'vitest';
import {
  findCaseNumbers,
  formatCaseNumber,
  formatDocumentNumber,
  parseCaseNumber,
  parseCaseReference,
  parseDocumentNumber,
} from './case-number.ts';

describe('case numbers', () => {
  it('formats with the sequence padded to four digits', () => {
    expect(formatCaseNumber({ prefix: 'KS', year: 2026, sequence: 42 })).toBe('KS 2026/0042');
    expect(formatCaseNumber({ prefix: 'BN', year: 2026, sequence: 12345 })).toBe('BN 2026/12345');
    expect(formatDocumentNumber({ prefix: 'KS', year: 2026, sequence: 42 }, 3)).toBe('KS 2026/0042-3');
  });

  it.each([
    'KS 2026/0042',
    'KS 2026/42',
    'ks2026-0042',
    'ks-2026-42',
    'KS-2026-0042',
    'Dnr KS 2026/42',
    'dnr: ks 2026/42',
    '  KS 2026 / 42  ',
  ])('reads %j as KS 2026/0042', (input) => {
    expect(parseCaseNumber(input)).toEqual({ prefix: 'KS', year: 2026, sequence: 42 });
  });

  it.each(['', 'KS', 'KS 26/42', 'KS 2026/0', 'KS 2026/1234567', '2026/42', "KS'; DROP TABLE cases;--", 'KS 2026/42-3'])(
    'refuses %j as a complete case number',
    (input) => {
      expect(parseCaseNumber(input)).toBeNull();
    },
  );

  it('reads Swedish letters in the prefix', () => {
    expect(parseCaseNumber('ÖFN 2025/7')).toEqual({ prefix: 'ÖFN', year: 2025, sequence: 7 });
  });

  it('reads a document number', () => {
    expect(parseDocumentNumber('KS 2026/0042-3')).toEqual({ prefix: 'KS', year: 2026, sequence: 42, number: 3 });
    expect(parseDocumentNumber('KS 2026/0042')).toBeNull();
  });

  it('reads partial references people type into a search box', () => {
    expect(parseCaseReference('2026/42')).toEqual({ year: 2026, sequence: 42 });
    expect(parseCaseReference('0042')).toEqual({ sequence: 42 });
    expect(parseCaseReference('42')).toEqual({ sequence: 42 });
    expect(parseCaseReference('2026')).toBeNull();
    expect(parseCaseReference('bygglov')).toBeNull();
  });

  it('finds the case numbers quoted in a mail subject', () => {
    expect(findCaseNumbers('SV: Ert dnr KS 2026/42 och BN-2025-0007, inte 2026/13')).toEqual([
      { prefix: 'KS', year: 2026, sequence: 42 },
      { prefix: 'BN', year: 2025, sequence: 7 },
    ]);
  });
});

describe('the registration year', () => {
  it('follows the Swedish calendar, not UTC', async () => {
    const { registrationYear, swedishDate } = await import('./swedish-time.ts');
    expect(registrationYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(registrationYear(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
    expect(swedishDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });
});
