import { describe, expect, it } from 'vitest';
import { catalogueFaults } from '@diarium/core';
import { catalogue } from './messages.ts';

describe('the bot’s message catalogue', () => {
  it('has every text in Swedish and English, with the same placeholders', () => {
    expect(catalogueFaults(catalogue)).toEqual([]);
  });
});
