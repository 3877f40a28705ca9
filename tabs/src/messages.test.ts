import { describe, expect, it } from 'vitest';
import { catalogueFaults } from '@diarium/core';
import { catalogue, translate } from './messages.ts';

describe('the tabs’ message catalogue', () => {
  it('has every text in Swedish and English, with the same placeholders', () => {
    expect(catalogueFaults(catalogue)).toEqual([]);
  });

  it('fills in the placeholders', () => {
    expect(translate('sv', 'problem.signIn', { reason: 'nekad' })).toBe('Inloggningen misslyckades: nekad. Ladda om fliken och försök igen.');
    expect(translate('en', 'app.failed', { reason: 'boom' })).toBe('The tab could not start: boom');
  });
});
