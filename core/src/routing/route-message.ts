import { findCaseReferences } from './case-references.ts';
import type { RoutableMessage, RoutingCondition, RoutingRule } from './rules.ts';

/** Where a message goes, and why. */
export interface RoutingOutcome {
  queueId: string | null;
  assigneeId: string | null;
  /** The canonical case number to suggest registering into, e.g. `KS 2026/0042`. */
  suggestedCase: string | null;
  /** Case numbers of known diaries the message names, subject first, then body. */
  referencedCases: string[];
  /** Flagged as of obviously little importance; it need not be registered. */
  unimportant: boolean;
  /** The rule that chose the queue, else the first rule that matched. */
  ruleId: string | null;
  matchedRuleIds: string[];
}

export interface RoutingContext {
  /** The prefixes of the organisation's diaries, e.g. `['KS', 'BN']`. */
  diaryPrefixes: readonly string[];
}

// A long thread quotes old case numbers far down; they are not what the mail is about,
// and scanning megabytes of body for them is wasted work.
const MAX_SCANNED_BODY = 100_000;

const BULK_PRECEDENCE = new Set(['bulk', 'list', 'junk']);

/**
 * Routes a message by the mailbox's rules, in order. Disabled rules are skipped. A
 * matching rule's actions apply, but the queue and the assignee are set only by the first
 * matching rule that sets them; a matching rule with `stopProcessing` ends the evaluation.
 */
export function routeMessage(
  rules: readonly RoutingRule[],
  message: RoutableMessage,
  context: RoutingContext,
): RoutingOutcome {
  const referencedCases = [
    ...new Set([
      ...findCaseReferences(message.subject, context.diaryPrefixes),
      ...findCaseReferences(message.bodyText.slice(0, MAX_SCANNED_BODY), context.diaryPrefixes),
    ]),
  ];
  const facts = readFacts(message, referencedCases);
  const outcome: RoutingOutcome = {
    queueId: null,
    assigneeId: null,
    suggestedCase: null,
    referencedCases,
    unimportant: false,
    ruleId: null,
    matchedRuleIds: [],
  };
  let queueRuleId: string | null = null;

  for (const rule of rules) {
    if (!rule.enabled || !rule.conditions.every((condition) => holds(condition, facts))) continue;
    outcome.matchedRuleIds.push(rule.id);
    for (const action of rule.actions) {
      switch (action.type) {
        case 'queue':
          if (outcome.queueId === null) {
            outcome.queueId = action.queueId;
            queueRuleId = rule.id;
          }
          break;
        case 'assign':
          outcome.assigneeId ??= action.userId;
          break;
        case 'suggestCase':
          outcome.suggestedCase ??= referencedCases[0] ?? null;
          break;
        case 'flagUnimportant':
          outcome.unimportant = true;
          break;
      }
    }
    if (rule.stopProcessing) break;
  }

  outcome.ruleId = queueRuleId ?? outcome.matchedRuleIds[0] ?? null;
  return outcome;
}

/** What the conditions look at, normalised once per message. */
interface MessageFacts {
  recipients: Set<string>;
  senderAddress: string | null;
  senderDomain: string | null;
  subjectTokens: string[];
  referencesCase: boolean;
  bulk: boolean;
}

function readFacts(message: RoutableMessage, referencedCases: string[]): MessageFacts {
  const senderAddress = message.from ? normaliseAddress(message.from.address) : null;
  const at = senderAddress?.lastIndexOf('@') ?? -1;
  return {
    recipients: new Set([...message.to, ...message.cc].map(normaliseAddress)),
    senderAddress,
    senderDomain: senderAddress && at > 0 ? senderAddress.slice(at + 1).replace(/\.$/u, '') : null,
    subjectTokens: tokenise(message.subject),
    referencesCase: referencedCases.length > 0,
    bulk: isBulk(message.headers),
  };
}

function holds(condition: RoutingCondition, facts: MessageFacts): boolean {
  switch (condition.type) {
    case 'recipient':
      return facts.recipients.has(condition.address);
    case 'senderAddress':
      return facts.senderAddress === condition.address;
    case 'senderDomain':
      return (
        facts.senderDomain !== null &&
        (facts.senderDomain === condition.domain || facts.senderDomain.endsWith(`.${condition.domain}`))
      );
    case 'subjectWords': {
      const found = (word: string) => containsPhrase(facts.subjectTokens, tokenise(word));
      return condition.match === 'all' ? condition.words.every(found) : condition.words.some(found);
    }
    case 'referencesCase':
      return facts.referencesCase;
    case 'bulk':
      return facts.bulk;
  }
}

function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

function isBulk(headers: RoutableMessage['headers']): boolean {
  if (headers.listUnsubscribe) return true;
  if (headers.precedence !== undefined && BULK_PRECEDENCE.has(headers.precedence.trim().toLowerCase())) return true;
  // RFC 3834: any value but "no" (parameters after ";" aside) marks an automatic message.
  const autoSubmitted = headers.autoSubmitted?.split(';')[0]?.trim().toLowerCase();
  return autoSubmitted !== undefined && autoSubmitted !== '' && autoSubmitted !== 'no';
}

/**
 * The words of a text, lower-cased: runs of letters and digits in any script. Composed
 * first, so that an "ä" typed as "a" and a combining diaeresis is still one letter.
 */
function tokenise(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= tokens.length; start++) {
    if (phrase.every((word, offset) => tokens[start + offset] === word)) return true;
  }
  return false;
}
