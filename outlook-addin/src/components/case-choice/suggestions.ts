import {
  findCaseNumbers,
  formatCaseNumber,
  type ApiClient,
  type Case,
  type CaseStatus,
  type CaseSummary,
  type MailRegistrationRef,
} from '@diarium/core';

/** Why a case is offered: quoted in the mail, used earlier in the conversation, mine, or found by searching. */
export type SuggestionReason = 'mentioned' | 'conversation' | 'mine' | 'search';

/** A case the user can pick, with what the list shows of it. */
export interface CaseOption {
  id: string;
  caseNumber: string;
  /** The internal title where the user may see it, else the public title. */
  title: string;
  status: CaseStatus | null;
  confidential: boolean;
  reason: SuggestionReason;
}

export function optionOfCase(c: Case, reason: SuggestionReason): CaseOption {
  return c.access === 'full'
    ? { id: c.id, caseNumber: c.caseNumber, title: c.title, status: c.status, confidential: c.confidentiality !== null, reason }
    : { id: c.id, caseNumber: c.caseNumber, title: c.publicTitle, status: c.status, confidential: true, reason };
}

export function optionOfSummary(c: CaseSummary, reason: SuggestionReason): CaseOption {
  return { id: c.id, caseNumber: c.caseNumber, title: c.title, status: c.status, confidential: c.confidential, reason };
}

export interface SuggestionSource {
  /** Texts to look for case numbers in, best first: the subject, then the body. */
  texts: string[];
  conversationId: string | null;
  /** Cases not to offer, e.g. where this mail is already registered. */
  excludeCaseIds?: ReadonlySet<string>;
}

const MAX_MENTIONED = 5;
const MAX_CONVERSATION = 5;
const MAX_MINE = 10;
// A quoted reply can be long; case numbers worth offering sit near the top.
const MAX_TEXT = 20_000;

async function mentionedCases(client: ApiClient, texts: string[]): Promise<CaseOption[]> {
  const numbers = [...new Set(texts.flatMap((text) => findCaseNumbers(text.slice(0, MAX_TEXT)).map(formatCaseNumber)))].slice(0, MAX_MENTIONED);
  const found = await Promise.all(numbers.map((n) => client.getCase(n).then((c) => optionOfCase(c, 'mentioned'), () => null)));
  return found.filter((c): c is CaseOption => c !== null);
}

async function conversationCases(client: ApiClient, conversationId: string | null): Promise<CaseOption[]> {
  if (!conversationId) return [];
  const refs = await client.mailRegistrations({ conversationId }).catch((): MailRegistrationRef[] => []);
  const newestFirst = [...refs].sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
  const byCase = new Map<string, MailRegistrationRef>();
  for (const ref of newestFirst) if (!byCase.has(ref.caseId)) byCase.set(ref.caseId, ref);
  const refsByCase = [...byCase.values()].slice(0, MAX_CONVERSATION);
  // The registration tells the case's number and title; the case itself tells its status.
  return Promise.all(
    refsByCase.map((ref) =>
      client.getCase(ref.caseId).then(
        (c) => optionOfCase(c, 'conversation'),
        (): CaseOption => ({ id: ref.caseId, caseNumber: ref.caseNumber, title: ref.caseTitle, status: null, confidential: false, reason: 'conversation' }),
      ),
    ),
  );
}

/**
 * Cases to offer for a mail, best first: those whose numbers the mail quotes, those where
 * earlier mail of the conversation went, then the user's own open cases. Each case once.
 * A quoted number that is no case is skipped; when the user's own cases cannot be listed, the
 * rest is still offered, with the reason.
 */
export async function loadSuggestions(client: ApiClient, source: SuggestionSource): Promise<{ options: CaseOption[]; error: unknown }> {
  let error: unknown = null;
  const [mentioned, conversation, mine] = await Promise.all([
    mentionedCases(client, source.texts),
    conversationCases(client, source.conversationId),
    client.searchCases({ officer: 'me', status: 'open', limit: MAX_MINE }).then(
      (r) => r.items.map((c) => optionOfSummary(c, 'mine')),
      (failure: unknown) => {
        error = failure;
        return [];
      },
    ),
  ]);
  const seen = new Set(source.excludeCaseIds ?? []);
  const options: CaseOption[] = [];
  for (const option of [...mentioned, ...conversation, ...mine]) {
    if (seen.has(option.id)) continue;
    seen.add(option.id);
    options.push(option);
  }
  return { options, error };
}
