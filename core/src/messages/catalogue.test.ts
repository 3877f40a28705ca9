import { describe, expect, it } from 'vitest';
import { catalogue, pickLocale, t } from './catalogue.ts';

describe('message catalogue', () => {
  it('has every Swedish message in English too, with the same placeholders', () => {
    for (const [key, text] of Object.entries(catalogue.sv)) {
      const english = catalogue.en[key as keyof typeof catalogue.en];
      expect(english, key).toBeTruthy();
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(english), key).toEqual(names(text));
    }
  });

  it('fills placeholders', () => {
    expect(t('sv', 'field.diary.unknown', { diary: 'XY' })).toBe('Diariet XY finns inte.');
    expect(t('en', 'field.diary.unknown', { diary: 'XY' })).toBe('The diary XY does not exist.');
  });

  it('answers in Swedish unless the reader prefers English', () => {
    expect(pickLocale(undefined)).toBe('sv');
    expect(pickLocale('en-GB,en;q=0.9')).toBe('en');
    expect(pickLocale('sv-SE,en;q=0.5')).toBe('sv');
    expect(pickLocale('de-DE,en;q=0.5')).toBe('en');
    expect(pickLocale('fr')).toBe('sv');
  });
});
