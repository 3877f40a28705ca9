import { describe, expect, it } from 'vitest';
import { catalogue, translate } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('has every text in Swedish and English, with the same placeholders', () => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.sv).sort());
    for (const key of Object.keys(catalogue.sv) as Array<keyof typeof catalogue.sv>) {
      expect(catalogue.sv[key].trim(), key).not.toBe('');
      expect(catalogue.en[key].trim(), key).not.toBe('');
      expect(placeholders(catalogue.en[key]), key).toEqual(placeholders(catalogue.sv[key]));
    }
  });

  it('fills in the placeholders', () => {
    expect(translate('sv', 'result.heading', { documentNumber: 'KS 2026/0042-3' })).toBe('Registrerat som KS 2026/0042-3');
    expect(translate('en', 'search.results', { count: 4 })).toBe('4 matches. Browse with arrow down.');
  });
});
