import { describe, expect, it } from 'vitest';
import { findCaseReferences } from './case-references.ts';

const DIARIES = ['KS', 'BN', 'SN', 'UN'];

describe('case references in free text', () => {
  it.each([
    ['KS 2026/42', 'KS 2026/0042'],
    ['KS 2026/0042', 'KS 2026/0042'],
    ['Dnr: ks-2026-0042', 'KS 2026/0042'],
    ['dnr KS2026/42.', 'KS 2026/0042'],
    ['Ert dnr BN 2026/0007', 'BN 2026/0007'],
    ['Handling BN 2026/0007-3 bifogas', 'BN 2026/0007'],
    ['(SN 2025 / 118)', 'SN 2025/0118'],
    ['Diarienummer:\u00a0UN\u00a02026/12345', 'UN 2026/12345'],
    ['ks.2026-7, se bilaga', 'KS 2026/0007'],
  ])('reads %j as %s', (text, expected) => {
    expect(findCaseReferences(text, DIARIES)).toEqual([expected]);
  });

  it.each([
    ['a prefix inside a longer word', 'Se ABKS 2026/42'],
    ['a sequence inside a longer number', 'KS 2026/4200000'],
    ['a statute', 'enligt SFS 2018:218'],
    ['a diary the organisation does not have', 'Ert dnr MN 2026/12'],
    ['a year and sequence without a prefix', 'Ert dnr 2026/42'],
    ['an implausible year', 'KS 1026/42'],
    ['sequence zero', 'KS 2026/0'],
    ['a dated meeting of the board', 'Protokoll KS 2026-05-14 § 12'],
    ['a property designation', 'Fastigheten Ekby 3:14'],
    ['a number followed by a letter', 'KS 2026/42a'],
  ])('finds nothing in %s', (_what, text) => {
    expect(findCaseReferences(text, DIARIES)).toEqual([]);
  });

  it('lists distinct case numbers in order of appearance', () => {
    const text = 'Angående BN 2026/7 och KS 2025/0999. Se även bn-2026-0007-2 och SN 2026/1.';
    expect(findCaseReferences(text, DIARIES)).toEqual(['BN 2026/0007', 'KS 2025/0999', 'SN 2026/0001']);
  });

  it('compares diary prefixes without regard to case, and reads Swedish letters in them', () => {
    expect(findCaseReferences('Ärende ÖFN 2026/3 och öfn 2026/4', ['öfn'])).toEqual(['ÖFN 2026/0003', 'ÖFN 2026/0004']);
  });

  it('finds nothing when no diaries are given', () => {
    expect(findCaseReferences('KS 2026/42', [])).toEqual([]);
  });
});
