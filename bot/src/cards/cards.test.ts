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
import { noticeReply, type DeadlineNotice } from '../notices.ts';

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

/** Messages of a queue coming due, each with the longest subject, sender and assignee a register keeps. */
function worstDeadlineNotice(count: number): DeadlineNotice {
  const items = Array.from({ length: count }, (_, i) => ({
    subject: long(`Överklagande ${i}`, 1_000),
    from: { address: `${'ö'.repeat(64)}@${'förvaltning.'.repeat(20)}se`.slice(0, 320), name: longName },
    deadlineAt: new Date(Date.UTC(2026, 10, 20, 12, i)).toISOString(),
    assignee: longName,
  }));
  return { kind: 'deadlineNear', queue: { name: long('Registraturen', 200), url: `https://teams.microsoft.com/l/entity/app/${'x'.repeat(1500)}` }, items, now: new Date('2026-11-20T08:00:00Z') };
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
      ['notice: deadline near, 25 messages (shows 10)', noticeReply(worstDeadlineNotice(25), locale).card!],
      ['notice: deadline near, one message without subject or sender', noticeReply({ ...worstDeadlineNotice(1), items: [{ subject: '', from: null, deadlineAt: '2026-11-20T23:30:00Z', assignee: null }] }, locale).card!],
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

describe('the warning of a deadline coming near', () => {
  const notice: DeadlineNotice = {
    kind: 'deadlineNear',
    queue: { name: 'Registraturen', url: 'https://teams.microsoft.com/l/entity/app/mitt-arbete' },
    items: [
      { subject: 'Ansökan om bygglov, Storgatan 12', from: { address: 'anna.svensson@example.se', name: 'Anna Svensson' }, deadlineAt: '2026-03-03T13:00:00Z', assignee: null },
      { subject: 'Synpunkt på gatubelysningen', from: { address: 'per@example.se', name: null }, deadlineAt: '2026-03-04T15:30:00Z', assignee: 'Johan Berg' },
    ],
    now: new Date('2026-03-03T09:20:00Z'),
  };

  it('names each message with its sender, its deadline in Swedish time and the time left, and opens the queue', () => {
    const reply = noticeReply(notice, 'sv-SE');
    expect(cardText(reply.card!).split('\n')).toEqual([
      'Tidsfristen närmar sig i Registraturen',
      'Registrera meddelandena eller lägg dem åt sidan före tidsfristen.',
      'Ansökan om bygglov, Storgatan 12',
      'Från: Anna Svensson <anna.svensson@example.se>',
      'Tidsfrist: 2026-03-03 14:00',
      'Tid kvar: 3 tim 40 min',
      'Synpunkt på gatubelysningen',
      'Från: per@example.se',
      'Tilldelat: Johan Berg',
      'Tidsfrist: 2026-03-04 16:30',
      'Tid kvar: 1 d 6 tim',
      'Öppna kön',
    ]);
    expect(reply.card!.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Öppna kön', url: notice.queue.url }]);
  });

  it('names only the queue in the text a notification shows, never a subject', () => {
    expect(noticeReply(notice, 'sv-SE').text).toBe('2 meddelanden i Registraturen närmar sig sin tidsfrist.');
    expect(noticeReply({ ...notice, items: notice.items.slice(0, 1) }, 'en-GB').text).toBe('A message in Registraturen is nearing its deadline.');
  });

  it('speaks English to those who use Teams in English, with the deadline still in Swedish time', () => {
    const lines = cardText(noticeReply({ ...notice, items: notice.items.slice(0, 1), now: new Date('2026-03-03T12:59:30Z') }, 'en-GB').card!).split('\n');
    expect(lines).toEqual([
      'Deadline approaching in Registraturen',
      'Register the message or set it aside before the deadline.',
      'Ansökan om bygglov, Storgatan 12',
      'From: Anna Svensson <anna.svensson@example.se>',
      'Deadline: 2026-03-03 14:00',
      'Time left: 1 min',
      'Open the queue',
    ]);
  });

  it('says when the deadline has passed, and how many more wait beyond the first ten', () => {
    const many = worstDeadlineNotice(13);
    const text = cardText(noticeReply({ ...many, now: new Date('2026-11-21T00:00:00Z') }, 'sv-SE').card!);
    expect(text).toContain('Tid kvar: Tidsfristen har passerat');
    expect(text).toContain('Och 3 till. Öppna kön för att se alla.');
    expect(text.match(/Tidsfrist: /gu)).toHaveLength(10);
  });
});
