import * as AC from 'adaptivecards';
import { CaseEventSchema, CaseSummarySchema, type CaseFull, type CaseSummary } from '@diarium/core';
import { describe, expect, it } from 'vitest';
import { translator } from '../messages.ts';
import type { CaseStatusView } from '../port.ts';
import { cardText, cases, fakeRegister, people } from '../test/fake-register.ts';
import { cardBytes, TEAMS_CARD_LIMIT_BYTES, type AdaptiveCardJson } from './blocks.ts';
import { helpCard } from './help.ts';
import { caseListCard } from './list.ts';
import { badNumberCard, notFoundCard } from './not-found.ts';
import { caseSummaryCard, statusCard } from './status.ts';
import { noticeReply } from '../notices.ts';

/** Parses a card as Teams' renderer library does, and returns every error and warning it raised. */
function parseProblems(json: AdaptiveCardJson): string[] {
  const context = new AC.SerializationContext();
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  return problems;
}

// The longest a register lets each text be, in Swedish with å, ä, ö and quotes that JSON escapes.
const long = (seed: string, length: number) => `${seed} ”Åsa & Örjan” <b>*[länk](https://x.se)*</b> ${'överklagande ändrad detaljplan '.repeat(40)}`.slice(0, length);
const longName = long('Maj-Britt Östergren-Åkesson', 200);
const longUnit = long('Förvaltningen för stadsbyggnad, miljö och hälsoskydd', 200);

function worstCaseFull(): CaseFull {
  return {
    ...cases.detaljplan,
    caseNumber: 'SAMHÄLLSBY 2026/999999',
    title: long('Detaljplan för kvarteret Ängsliljan', 500),
    publicTitle: long('Detaljplan', 500),
    officer: { ...people.anna.user, name: longName },
    unit: { id: cases.detaljplan.unit!.id, name: longUnit },
    confidentiality: { provision: long('OSL 26 kap. 1 § första stycket', 120), markedAt: '2026-03-02T09:00:00Z', markedBy: people.maria.user },
    documentCount: 123_456,
  };
}

function worstCaseView(): CaseStatusView {
  const full = worstCaseFull();
  const events = (['document.registered', 'file.integrity_failed', 'channel_tab.unbound'] as const).map((action, i) =>
    CaseEventSchema.parse({
      id: String(i),
      at: '2026-11-20T23:30:00Z',
      actor: { ...people.anna.user, name: longName },
      action,
      caseId: full.id,
      documentId: null,
      before: null,
      after: { documentNumber: `${full.caseNumber}-99999` },
    }),
  );
  const longUrl = `https://teams.microsoft.com/l/entity/app/${'x'.repeat(1500)}`;
  return { case: full, latestEvents: events, documentCount: full.documentCount, links: { caseNumber: full.caseNumber, web: longUrl, teams: { channel: longUrl, personal: longUrl, stage: longUrl } } };
}

function worstCaseSummaries(count: number): CaseSummary[] {
  const full = worstCaseFull();
  return Array.from({ length: count }, (_, i) =>
    CaseSummarySchema.parse({
      id: full.id,
      caseNumber: `SAMHÄLLSBY 2026/${String(900_000 + i)}`,
      diary: 'SAMHÄLLSBY',
      title: full.title,
      publicTitle: full.publicTitle,
      status: i % 2 ? 'open' : 'cancelled',
      officer: full.officer,
      unit: full.unit,
      openedAt: full.openedAt,
      confidential: true,
      access: i % 3 ? 'full' : 'restricted',
    }),
  );
}

describe('every card the bot sends', () => {
  const cardsIn = (locale: 'sv' | 'en'): [string, AdaptiveCardJson][] => {
    const t = translator(locale);
    const view = worstCaseView();
    const restricted = { ...view, case: { ...view.case, access: 'restricted' as const, confidential: true as const }, latestEvents: [], documentCount: null };
    return [
      ['status, full', statusCard(view, t)],
      ['status, restricted', statusCard(restricted, t)],
      ['status, no events', statusCard({ ...view, latestEvents: [] }, t)],
      ['list of 25 (shows 10)', caseListCard(worstCaseSummaries(25), { heading: t('list.search', { words: long('”', 200), count: 25 }), empty: '' }, t)],
      ['empty list', caseListCard([], { heading: t('list.myCases', { count: 0 }), empty: t('list.myCases.none') }, t)],
      ['summary, full', caseSummaryCard(worstCaseSummaries(2)[1]!, view.links, t)],
      ['summary, restricted', caseSummaryCard(worstCaseSummaries(1)[0]!, view.links, t)],
      ['help', helpCard(t)],
      ['help, not understood', helpCard(t, { notUnderstood: true })],
      ['not found', notFoundCard('SAMHÄLLSBY 2026/999999', t)],
      ['not found, no diary', notFoundCard('2026/0042', t)],
      ['bad number', badNumberCard(t)],
      ['notice: case assigned', noticeReply({ kind: 'caseAssigned', view, assignedBy: longName }, locale).card!],
    ];
  };

  for (const locale of ['sv', 'en'] as const) {
    it.each(cardsIn(locale))(`parses without errors or warnings and stays under 28 KB with the longest data (${locale}): %s`, (_, json) => {
      expect(parseProblems(json)).toEqual([]);
      expect(cardBytes(json)).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
      expect(json.version).toBe('1.5');
    });
  }

  it('reports a broken card, so the check above can fail', () => {
    expect(parseProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Kort' }] })).not.toEqual([]);
  });
});

describe('the status card', () => {
  const t = translator('sv');

  it('shows number, title, status, officer, unit, documents, the latest three events, and opens the case in its channel tab', async () => {
    const view = (await fakeRegister().caseStatus({ aadObjectId: people.anna.aadObjectId }, 'KS 2026/0042'))!;
    const json = statusCard(view, t);
    expect(cardText(json).split('\n')).toEqual([
      'KS 2026/0042',
      'Detaljplan för kvarteret Rosen, Storgatan 12',
      'Status: Öppet',
      'Handläggare: Anna Berg',
      'Enhet: Stadsbyggnadskontoret',
      'Handlingar: 7',
      'Senaste händelser',
      '2026-11-20: Handling KS 2026/0042-7 registrerades (Anna Berg).',
      '2026-11-12: Ärendet kopplades till en kanal i Teams (Anna Berg).',
      '2026-10-02: Ärendet ändrades.',
      'Öppna ärendet',
    ]);
    expect(json.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Öppna ärendet', url: view.links.teams!.channel }]);
  });

  it('opens a case without a channel tab in the personal tab', async () => {
    const view = (await fakeRegister().caseStatus({ aadObjectId: people.erik.aadObjectId }, 'BN 2026/0107'))!;
    expect(statusCard(view, t).actions).toEqual([{ type: 'Action.OpenUrl', title: 'Öppna ärendet', url: view.links.teams!.personal }]);
  });

  it('opens the web page when Diarium has no Teams app', async () => {
    const view = (await fakeRegister().caseStatus({ aadObjectId: people.erik.aadObjectId }, 'BN 2026/0107'))!;
    const json = statusCard({ ...view, links: { ...view.links, teams: null } }, t);
    expect(json.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Öppna ärendet', url: 'https://diarium.ekby.se/tabs/case.html?case=BN+2026%2F0107' }]);
  });

  it('keeps markdown in a title as text, never as a link', () => {
    const json = statusCard({ ...worstCaseView() }, t);
    const serialised = JSON.stringify(json);
    expect(serialised).not.toContain('"type":"TextBlock"');
    expect(cardText(json)).toContain('[länk](https://x.se)');
  });
});

describe('the notice of an assigned case', () => {
  it('says who assigned it above the case, and names only the number in the text a notification shows', () => {
    const view = { ...worstCaseView(), case: { ...worstCaseFull(), title: 'Budgivning på Sjövik 2:14' } };
    const notice = noticeReply({ kind: 'caseAssigned', view, assignedBy: 'Karin Lindqvist' }, 'sv-SE');
    expect(notice.text).toBe(`Du är nu handläggare för ${view.case.caseNumber}.`);
    expect(cardText(notice.card!)).toContain('Karin Lindqvist har gjort dig till handläggare för ärendet.');
    expect(cardText(notice.card!)).toContain('Budgivning på Sjövik 2:14');
    expect(noticeReply({ kind: 'caseAssigned', view, assignedBy: null }, 'en-GB').text).toBe(`You are now the officer of ${view.case.caseNumber}.`);
  });
});
