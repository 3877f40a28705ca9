import { describe, expect, it } from 'vitest';
import { catalogueFaults, localeOf, messageCatalogue } from './translator.ts';

describe('a front end’s catalogue', () => {
  const { translate } = messageCatalogue({ 'a.greeting': 'Hej {name}!', 'a.plain': 'Ärende' } as const, { 'a.greeting': 'Hello {name}!', 'a.plain': 'Case' });

  it('fills in each placeholder, in the reader’s language', () => {
    expect(translate('sv', 'a.greeting', { name: 'Karin' })).toBe('Hej Karin!');
    expect(translate('en', 'a.plain')).toBe('Case');
  });

  it('names every key missing in a language, every empty text and every placeholder that differs', () => {
    expect(catalogueFaults({ sv: { a: 'Hej {name}', b: 'B', c: ' ', d: 'D' }, en: { a: 'Hello {who}', b: 'B', c: 'C', e: 'E' } })).toEqual([
      'a: placeholders {name} in Swedish, {who} in English',
      'c: empty',
      'd: missing in English',
      'e: missing in Swedish',
    ]);
    expect(catalogueFaults({ sv: { a: '{x} och {y}' }, en: { a: '{y} and {x}' } })).toEqual([]);
  });

  it('speaks Swedish to Swedish hosts and English to everyone else', () => {
    expect(localeOf('sv-SE')).toBe('sv');
    expect(localeOf('en-US')).toBe('en');
    expect(localeOf(null)).toBe('en');
  });
});
