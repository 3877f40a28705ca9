import type { CaseSummary } from '@diarium/core';
import type { Translate } from '../messages.ts';
import { card, heading, paragraph, run, sendCommand, type AdaptiveCardJson, type CardElement } from './blocks.ts';

/** At most this many cases in one card; the rest are for Diarium itself. */
export const LIST_LIMIT = 10;

/**
 * A list of cases (my cases, search hits): number, title, status. A tap on a case asks the bot for
 * its status card. A case the user may not read shows its public title and the confidentiality mark.
 */
export function caseListCard(cases: CaseSummary[], text: { heading: string; empty: string }, t: Translate): AdaptiveCardJson {
  const shown = cases.slice(0, LIST_LIMIT);
  const body: CardElement[] = [heading(text.heading)];
  if (shown.length === 0) body.push(paragraph(text.empty));
  else body.push(paragraph(t('list.hint'), { isSubtle: true, spacing: 'Small' }));
  for (const c of shown) body.push(caseRow(c, t));
  if (cases.length > shown.length) body.push(paragraph(t('list.more', { shown: shown.length }), { isSubtle: true, separator: true }));
  return card(body);
}

function caseRow(c: CaseSummary, t: Translate): CardElement {
  const restricted = c.access === 'restricted';
  const line: CardElement[] = [run(c.caseNumber, { weight: 'Bolder' }), run(` · ${t(`status.${c.status}`)}`, { isSubtle: true })];
  if (c.confidential) line.push(run(` · ${t('case.confidential')}`, { color: 'Attention' }));
  const items: CardElement[] = [paragraph(line), paragraph(restricted ? c.publicTitle : c.title, { spacing: 'Small' })];
  if (!restricted && c.officer) items.push(paragraph(c.officer.name, { isSubtle: true, spacing: 'Small' }));
  return { type: 'Container', separator: true, items, selectAction: sendCommand(t('command.status', { ref: c.caseNumber })) };
}
