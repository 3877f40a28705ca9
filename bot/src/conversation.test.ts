import { channelCaseLink, personalCaseLink, stageCaseLink } from '@diarium/core';
import { describe, expect, it } from 'vitest';
import { caseNumberInLink, reply, searchCases, unfurl } from './conversation.ts';
import { cardText, cases, fakeRegister, people } from './test/fake-register.ts';

const app = { appId: '6f1f3c52-6b1a-4d0e-9a55-4b8c2f1d7e10', baseUrl: 'https://diarium.ekby.se' };

describe('caseNumberInLink', () => {
  it.each([
    ['the case page', 'https://diarium.ekby.se/tabs/case.html?case=KS+2026%2F0042', 'KS 2026/0042'],
    ['the case page under a path', 'https://ekby.se/diarium/tabs/case.html?case=KS%202026%2F0042&x=1', 'KS 2026/0042'],
    ['a link into the personal tab', personalCaseLink(app, { caseNumber: 'KS 2026/0042' }), 'KS 2026/0042'],
    ['a link into a channel tab', channelCaseLink(app, { teamId: 't', channelId: '19:c@thread.tacv2', caseId: cases.detaljplan.id }, cases.detaljplan), 'KS 2026/0042'],
    ['a stage view', stageCaseLink(app, { caseNumber: 'KS 2026/0042', title: 'Detaljplan' }), 'KS 2026/0042'],
  ])('reads the case number in %s', (_, link, number) => {
    expect(caseNumberInLink(link)).toBe(number);
  });

  it.each([
    ['another site', 'https://www.ekby.se/bygglov?case=KS+2026%2F0042'],
    ['a Teams link with broken context', 'https://teams.microsoft.com/l/entity/app/mitt-arbete?context=%7Bnot-json'],
    ['a Teams chat link', 'https://teams.microsoft.com/l/chat/0/0?users=a@ekby.se'],
    ['no link at all', 'KS 2026/0042'],
  ])('finds none in %s', (_, link) => {
    expect(caseNumberInLink(link)).toBeNull();
  });
});

describe('reply, over plain objects', () => {
  it('answers a status question with one card and no text', async () => {
    const replies = await reply({ text: 'status KS 2026/42', user: { aadObjectId: people.anna.aadObjectId } }, fakeRegister());
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBeUndefined();
    expect(cardText(replies[0]!.card)).toContain('Handläggare: Anna Berg');
  });

  it('lets an unexpected failure of the register through, for the adapter to report', async () => {
    const port = fakeRegister();
    port.myCases = async () => {
      throw new Error('timeout');
    };
    await expect(reply({ text: 'mina ärenden', user: { aadObjectId: people.anna.aadObjectId } }, port)).rejects.toThrow('timeout');
  });
});

describe('searchCases', () => {
  it('reads no case while the user types words: hits come from the search and the links alone', async () => {
    const port = fakeRegister();
    const result = await searchCases('orosanmälan', { aadObjectId: people.maria.aadObjectId }, port);
    expect(result.cards.map((c) => c.preview)).toEqual([{ title: 'SN 2026/0013', text: 'Orosanmälan gällande barn, Karl Karlsson (född 2015)' }]);
    expect(port.calls.map((c) => c.method)).toEqual(['search', 'links']);
  });

  it('shows at most ten hits', async () => {
    const port = fakeRegister();
    const many = await port.search({ aadObjectId: people.anna.aadObjectId }, 'bygglov');
    port.search = async () => Array.from({ length: 30 }, () => many[0]!);
    const result = await searchCases('bygglov', { aadObjectId: people.anna.aadObjectId }, port);
    expect(result.cards).toHaveLength(10);
  });
});

describe('unfurl', () => {
  it('answers in English for an English Teams client', async () => {
    const hit = await unfurl('https://diarium.ekby.se/tabs/case.html?case=BN+2026%2F0107', { aadObjectId: people.erik.aadObjectId }, fakeRegister(), 'en-GB');
    expect(cardText(hit!.card)).toContain('Officer: Erik Lund');
  });
});
