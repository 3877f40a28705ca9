import { swedishDate, type CaseEvent, type CaseLinks, type CaseSummary } from '@diarium/core';
import type { Translate } from '../messages.ts';
import type { CaseStatusView } from '../port.ts';
import { card, fact, heading, openUrl, paragraph, run, type AdaptiveCardJson, type CardElement } from './blocks.ts';

/**
 * A case's status card. A restricted case shows its number, public title, status and the
 * confidentiality marking, and nothing else: the port has already left the rest out, and the
 * card does not ask for it.
 */
export function statusCard(view: CaseStatusView, t: Translate): AdaptiveCardJson {
  const c = view.case;
  const body: CardElement[] = [heading(c.caseNumber)];

  if (c.access === 'restricted') {
    body.push(...restrictedBody(c, t));
  } else {
    body.push(paragraph(c.title));
    if (c.confidentiality) {
      body.push(paragraph(t('case.confidential.provision', { provision: c.confidentiality.provision }), { weight: 'Bolder', color: 'Attention' }));
    }
    body.push(
      fact(t('case.status'), t(`status.${c.status}`)),
      fact(t('case.officer'), c.officer?.name ?? t('case.officer.none')),
      fact(t('case.unit'), c.unit?.name ?? t('case.unit.none')),
      fact(t('case.documents'), String(view.documentCount ?? c.documentCount)),
      paragraph(t('case.events'), { weight: 'Bolder', separator: true }),
    );
    const events = view.latestEvents.slice(0, 3);
    if (events.length === 0) body.push(paragraph(t('case.events.none'), { isSubtle: true }));
    for (const event of events) body.push(paragraph([run(eventSentence(event, t))], { spacing: 'Small' }));
  }

  return card(body, [openUrl(t('case.open'), caseUrl(view))]);
}

/** Where "Open the case" goes: the channel tab bound to it, else the personal tab, else the web page. */
export function caseUrl(view: Pick<CaseStatusView, 'links'>): string {
  return view.links.teams?.channel ?? view.links.teams?.personal ?? view.links.web;
}

/** "2026-11-20: Document KS 2026/0042-3 was registered (Anna Berg)." */
export function eventSentence(event: CaseEvent, t: Translate): string {
  const documentNumber = event.after?.['documentNumber'];
  const what =
    event.action === 'document.registered' && typeof documentNumber === 'string'
      ? t('event.document.registered.number', { documentNumber })
      : t(`event.${event.action}`);
  const date = swedishDate(new Date(event.at));
  return event.actor ? t('event.sentence', { date, what, actor: event.actor.name }) : t('event.sentence.noActor', { date, what });
}

/**
 * The card a message-extension search inserts: a case as a search row knows it (no events, no
 * document count), so a list of hits reads no case and records no reads.
 */
export function caseSummaryCard(c: CaseSummary, links: CaseLinks, t: Translate): AdaptiveCardJson {
  const body: CardElement[] = [heading(c.caseNumber)];
  if (c.access === 'restricted') {
    body.push(...restrictedBody(c, t));
  } else {
    body.push(paragraph(c.title));
    if (c.confidential) body.push(paragraph(t('case.confidential'), { weight: 'Bolder', color: 'Attention' }));
    body.push(
      fact(t('case.status'), t(`status.${c.status}`)),
      fact(t('case.officer'), c.officer?.name ?? t('case.officer.none')),
      fact(t('case.unit'), c.unit?.name ?? t('case.unit.none')),
    );
  }
  return card(body, [openUrl(t('case.open'), caseUrl({ links }))]);
}

/** All a user without access sees: the public title, the confidentiality mark and the status. */
function restrictedBody(c: { publicTitle: string; status: CaseSummary['status'] }, t: Translate): CardElement[] {
  return [
    paragraph(c.publicTitle),
    paragraph(t('case.confidential'), { weight: 'Bolder', color: 'Attention' }),
    paragraph(t('case.confidential.restricted'), { isSubtle: true, spacing: 'Small' }),
    fact(t('case.status'), t(`status.${c.status}`)),
  ];
}
