import { describe, expect, it } from 'vitest';
import { catalogue, translate } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the tabs’ message catalogue', () => {
  it('has every text in Swedish and English, with the same placeholders', () => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.sv).sort());
    for (const key of Object.keys(catalogue.sv) as Array<keyof typeof catalogue.sv>) {
      expect(catalogue.sv[key].trim(), key).not.toBe('');
      expect(catalogue.en[key].trim(), key).not.toBe('');
      expect(placeholders(catalogue.en[key]), key).toEqual(placeholders(catalogue.sv[key]));
    }
  });

  it('fills in the placeholders', () => {
    expect(translate('sv', 'problem.signIn', { reason: 'nekad' })).toBe('Inloggningen misslyckades: nekad. Ladda om fliken och försök igen.');
    expect(translate('en', 'app.failed', { reason: 'boom' })).toBe('The tab could not start: boom');
  });
});
