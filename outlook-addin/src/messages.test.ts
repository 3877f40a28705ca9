import { describe, expect, it } from 'vitest';
import { catalogueFaults } from '@diarium/core';
import { catalogue, translate } from './messages.ts';

describe('the message catalogue', () => {
  it('has every text in Swedish and English, with the same placeholders', () => {
    expect(catalogueFaults(catalogue)).toEqual([]);
  });

  it('fills in the placeholders', () => {
    expect(translate('sv', 'result.heading', { documentNumber: 'KS 2026/0042-3' })).toBe('Registrerat som KS 2026/0042-3');
    expect(translate('en', 'search.results', { count: 4 })).toBe('4 matches. Browse with arrow down.');
  });
});
