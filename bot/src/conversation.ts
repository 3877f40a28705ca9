import type { CaseLinks, CaseSummary } from '@diarium/core';
import { type AdaptiveCardJson } from './cards/blocks.ts';
import { helpCard } from './cards/help.ts';
import { caseListCard, LIST_LIMIT } from './cards/list.ts';
import { badNumberCard, notFoundCard } from './cards/not-found.ts';
import { caseSummaryCard, statusCard } from './cards/status.ts';
import { caseRef, localeLanguage, replyLanguage, understand } from './intents.ts';
import { translator, type Translate } from './messages.ts';
import { isUnknownBotUserError, type BotUser, type CaseStatusView, type RegisterPort } from './port.ts';

/**
 * The bot's conversation, in plain functions over plain objects: a message in, replies out. No
 * botbuilder here (see adapter.ts), so a move to another bot SDK leaves this file alone.
 */

/** One message from the bot: text, a card, or both. */
export interface BotReply {
  text?: string;
  card?: AdaptiveCardJson;
}

export interface BotMessage {
  /** What the user wrote, with any @mention of the bot removed. */
  text: string;
  user: BotUser;
  /** The activity's locale (`sv-SE`, `en-US`); the command word's language wins over it. */
  locale?: string;
  /** A channel or group chat: others read the answer, so a confidential case shows only what is public. */
  shared?: boolean;
}

/**
 * A card others will read (a channel, a group chat, a card inserted or unfurled into a
 * conversation) may not carry more than the public register shows of a confidential case,
 * whatever the asker may see: its number, public title and status.
 */
export function statusForAudience(view: CaseStatusView, shared: boolean): CaseStatusView {
  const c = view.case;
  if (!shared || c.access !== 'full' || c.confidentiality === null) return view;
  return {
    case: { access: 'restricted', confidential: true, id: c.id, caseNumber: c.caseNumber, diary: c.diary, publicTitle: c.publicTitle, status: c.status, openedAt: c.openedAt, closedAt: c.closedAt },
    latestEvents: [],
    documentCount: null,
    links: withoutChannel(view.links),
  };
}

function summaryForAudience(hit: CaseSummary, shared: boolean): CaseSummary {
  if (!shared || !hit.confidential) return hit;
  return { ...hit, title: hit.publicTitle, officer: null, unit: null, access: 'restricted' };
}

/** Which channel works on a confidential case is itself confidential. */
function withoutChannel(links: CaseLinks): CaseLinks {
  return links.teams ? { ...links, teams: { ...links.teams, channel: null } } : links;
}

/** Answers a chat message. Never silent: what the bot does not understand gets the short help card. */
export async function reply(input: BotMessage, port: RegisterPort): Promise<BotReply[]> {
  const intent = understand(input.text);
  const t = translator(replyLanguage(intent, input.locale));
  try {
    switch (intent.kind) {
      case 'status': {
        const view = await port.caseStatus(input.user, intent.ref);
        return [{ card: view ? statusCard(statusForAudience(view, input.shared ?? false), t) : notFoundCard(intent.ref, t) }];
      }
      case 'myCases': {
        const cases = (await port.myCases(input.user)).map((c) => summaryForAudience(c, input.shared ?? false));
        return [{ card: caseListCard(cases, { heading: t('list.myCases', { count: cases.length }), empty: t('list.myCases.none') }, t) }];
      }
      case 'search': {
        const cases = (await port.search(input.user, intent.words)).map((c) => summaryForAudience(c, input.shared ?? false));
        return [{ card: searchListCard(cases, intent.words, t) }];
      }
      case 'help':
        return [{ card: helpCard(t) }];
      case 'badNumber':
        return [{ card: badNumberCard(t) }];
      case 'unknown':
        return [{ card: helpCard(t, { notUnderstood: true }) }];
    }
  } catch (error) {
    if (isUnknownBotUserError(error)) return [{ text: t('error.unknownUser') }];
    throw error;
  }
}

function searchListCard(cases: CaseSummary[], words: string, t: Translate): AdaptiveCardJson {
  const quoted = `”${words}”`;
  return caseListCard(cases, { heading: t('list.search', { words: quoted, count: cases.length }), empty: t('list.search.none', { words: quoted }) }, t);
}

/** What the message extension shows while the user picks (the preview), and what it inserts (the card). */
export interface ExtensionHit {
  preview: { title: string; text: string };
  card: AdaptiveCardJson;
}

/**
 * The search-based message extension: words or a case number in, up to ten cases out, each with the
 * card the user inserts into the conversation. A case number gives its status card; words give each
 * hit's summary card, so typing reads no case (and records no reads of confidential ones). An empty
 * query (the first opening) lists the user's own open cases.
 */
export async function searchCases(query: string, user: BotUser, port: RegisterPort, locale?: string): Promise<ExtensionResult> {
  const t = translator(localeLanguage(locale));
  try {
    return await findCases(query, user, port, t);
  } catch (error) {
    if (isUnknownBotUserError(error)) return { cards: [], message: t('error.unknownUser') };
    throw error;
  }
}

/** The hits, or (for a user the register does not know) a message in their place. */
export interface ExtensionResult {
  cards: ExtensionHit[];
  message?: string;
}

async function findCases(query: string, user: BotUser, port: RegisterPort, t: Translate): Promise<ExtensionResult> {
  const words = query.replace(/\s+/gu, ' ').trim();
  const ref = words ? caseRef(words, { allowSequenceOnly: false }) : null;
  if (ref) {
    const view = await port.caseStatus(user, ref);
    return { cards: view ? [{ preview: previewOf(view.case.caseNumber, titleOf(view.case)), card: statusCard(statusForAudience(view, true), t) }] : [] };
  }
  const hits = (words ? await port.search(user, words) : await port.myCases(user)).slice(0, LIST_LIMIT);
  const links = await Promise.all(hits.map((hit) => port.links(user, hit.caseNumber)));
  const cards = hits.map((hit, i) => ({
    preview: previewOf(hit.caseNumber, hit.access === 'restricted' ? hit.publicTitle : hit.title),
    // The card goes into the conversation; the preview only the user sees.
    card: caseSummaryCard(summaryForAudience(hit, true), hit.confidential ? withoutChannel(links[i]!) : links[i]!, t),
  }));
  return { cards };
}

/**
 * Link unfurling: a pasted Diarium case link becomes the case's status card, masked by what the
 * user may see and, since everyone in the conversation reads it, showing only what is public of a
 * confidential case. Null when the link names no case, or no case the user may know of.
 */
export async function unfurl(url: string, user: BotUser, port: RegisterPort, locale?: string): Promise<ExtensionHit | null> {
  const named = caseNumberInLink(url);
  const ref = named ? caseRef(named, { allowSequenceOnly: false }) : null;
  if (!ref) return null;
  const view = await port.caseStatus(user, ref);
  if (!view) return null;
  // The card unfurls into the conversation, for everyone in it.
  return { preview: previewOf(view.case.caseNumber, titleOf(view.case)), card: statusCard(statusForAudience(view, true), translator(localeLanguage(locale))) };
}

/**
 * The case number a Diarium link names: the case page (`…/tabs/case.html?case=KS+2026%2F0042`), a
 * Teams deep link into a tab (`context.subEntityId`, else its `webUrl`) or a stage view
 * (`context.contentUrl`).
 */
export function caseNumberInLink(link: string): string | null {
  const url = safeUrl(link);
  if (!url) return null;
  if (url.pathname.endsWith('/tabs/case.html')) return url.searchParams.get('case');
  if (url.hostname === 'teams.microsoft.com' && /^\/l\/(?:entity|stage)\//u.test(url.pathname)) {
    const context = safeJson(url.searchParams.get('context'));
    if (typeof context?.['subEntityId'] === 'string') return context['subEntityId'];
    for (const inner of [context?.['contentUrl'], url.searchParams.get('webUrl')]) {
      if (typeof inner === 'string' && safeUrl(inner)?.pathname.endsWith('/tabs/case.html')) return caseNumberInLink(inner);
    }
  }
  return null;
}

function titleOf(c: { access: 'full'; title: string } | { access: 'restricted'; publicTitle: string }): string {
  return c.access === 'full' ? c.title : c.publicTitle;
}

function previewOf(caseNumber: string, title: string): ExtensionHit['preview'] {
  return { title: caseNumber, text: title };
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function safeJson(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
