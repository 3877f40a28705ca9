import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, replyLanguage, understand } from './intents.ts';

describe('understand', () => {
  it.each([
    ['KS 2026/42', 'KS 2026/0042'],
    ['KS 2026/0042', 'KS 2026/0042'],
    ['ks2026-0042', 'KS 2026/0042'],
    ['KS-2026-0042', 'KS 2026/0042'],
    ['  ks   2026 / 42  ', 'KS 2026/0042'],
    ['Dnr KS 2026/42', 'KS 2026/0042'],
    ['KS 2026/42?', 'KS 2026/0042'],
    ['bn 2026/107.', 'BN 2026/0107'],
    ['KS 2026/0042-3', 'KS 2026/0042'],
    ['2026/42', '2026/0042'],
    ['2026-42', '2026/0042'],
  ])('reads the case number %j alone as its status', (text, ref) => {
    expect(understand(text)).toEqual({ kind: 'status', ref, language: null });
  });

  it.each([
    ['status KS 2026/42', 'KS 2026/0042', null],
    ['Status ks2026-0042', 'KS 2026/0042', null],
    ['status: KS 2026/42?', 'KS 2026/0042', null],
    ['status för KS 2026/42', 'KS 2026/0042', 'sv'],
    ['läget i KS 2026/42', 'KS 2026/0042', 'sv'],
    ['Läget i ks 2026/42?', 'KS 2026/0042', 'sv'],
    ['laget i KS 2026/42', 'KS 2026/0042', 'sv'],
    ['status for KS 2026/42', 'KS 2026/0042', 'en'],
    ['status of KS-2026-0042', 'KS 2026/0042', 'en'],
    ['staus KS 2026/42', 'KS 2026/0042', null],
    ['stauts KS 2026/42', 'KS 2026/0042', null],
    ['status 2026/42', '2026/0042', null],
    ['status 0042', '0042', null],
  ])('reads %j as the status of %s', (text, ref, language) => {
    expect(understand(text)).toEqual({ kind: 'status', ref, language });
  });

  it.each([
    ['mina ärenden', 'sv'],
    ['Mina Ärenden', 'sv'],
    ['  mina    ärenden  ', 'sv'],
    ['mina arenden', 'sv'],
    ['mina ärnden', 'sv'],
    ['mian ärenden', 'sv'],
    ['mina ärende', 'sv'],
    ['mina', 'sv'],
    ['my cases', 'en'],
    ['My Cases', 'en'],
    ['my case', 'en'],
    ['my casse', 'en'],
    ['mine', 'en'],
  ])('reads %j as my cases', (text, language) => {
    expect(understand(text)).toEqual({ kind: 'myCases', language });
  });

  it('reads "mina ärenden" written with a decomposed ä (as some keyboards send it) as my cases', () => {
    expect(understand('mina a\u0308renden')).toEqual({ kind: 'myCases', language: 'sv' });
  });

  it.each([
    ['sök bygglov', 'bygglov', 'sv'],
    ['Sök   bygglov   Lindvägen', 'bygglov Lindvägen', 'sv'],
    ['sok bygglov', 'bygglov', 'sv'],
    ['sök efter detaljplan', 'detaljplan', 'sv'],
    ['search building permit', 'building permit', 'en'],
    ['serach bygglov', 'bygglov', 'en'],
    ['search for bygglov', 'bygglov', 'en'],
    ['find Storgatan 12', 'Storgatan 12', 'en'],
    ['sök (a+)+$', '(a+)+$', 'sv'],
  ])('reads %j as a search for %j', (text, words, language) => {
    expect(understand(text)).toEqual({ kind: 'search', words, language });
  });

  it.each([
    ['hjälp', 'sv'],
    ['Hjälp!', 'sv'],
    ['hjalp', 'sv'],
    ['hjälpp', 'sv'],
    ['help', 'en'],
    ['HELP', 'en'],
    ['hlep', 'en'],
    ['?', null],
    ['  ?  ', null],
    ['sök', 'sv'],
    ['search', 'en'],
  ])('reads %j as a request for help', (text, language) => {
    expect(understand(text)).toEqual({ kind: 'help', language });
  });

  it.each(['status', 'status KS 2026/0', 'status för bygglovet', 'KS 2026/0', 'KS 1800/42', '2026/0'])(
    'tells %j apart as a case number that cannot be one',
    (text) => {
      expect(understand(text).kind).toBe('badNumber');
    },
  );

  it.each(['', '   ', 'hej', 'hello bot', 'vad är klockan', '42', '2026', 'min', 'my', 'mind', 'nine', 'fine thanks', 'kind regards', 'x'.repeat(501), 'status'.repeat(3)])(
    'does not understand %j',
    (text) => {
      expect(understand(text).kind).toBe('unknown');
    },
  );
});

describe('replyLanguage', () => {
  it('answers in the language of the command word, else the locale, else Swedish', () => {
    expect(replyLanguage(understand('my cases'), 'sv-SE')).toBe('en');
    expect(replyLanguage(understand('mina ärenden'), 'en-US')).toBe('sv');
    expect(replyLanguage(understand('KS 2026/42'), 'en-US')).toBe('en');
    expect(replyLanguage(understand('KS 2026/42'), 'sv-SE')).toBe('sv');
    expect(replyLanguage(understand('KS 2026/42'), undefined)).toBe('sv');
    expect(replyLanguage(understand('status KS 2026/42'), 'de-DE')).toBe('sv');
  });
});

describe('damerauLevenshtein', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(damerauLevenshtein([...'hlep'], [...'help'])).toBe(1);
    expect(damerauLevenshtein([...'ärnden'], [...'ärenden'])).toBe(1);
    expect(damerauLevenshtein([...'sök'], [...'sök'])).toBe(0);
    expect(damerauLevenshtein([...'kitten'], [...'sitting'])).toBe(3);
  });
});
