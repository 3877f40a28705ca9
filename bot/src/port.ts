import type { Case, CaseEvent, CaseLinks, CaseSummary } from '@diarium/core';

/**
 * What the bot needs from the register. The API implements it as a trusted app acting for the
 * asking user, so every answer is already filtered and masked by that user's rights: the bot
 * never decides who may see a case.
 */

/** The person writing to the bot: the Entra object id Teams puts on the activity. */
export interface BotUser {
  aadObjectId: string;
  name?: string;
}

/** A case as the bot shows it in a status card. */
export interface CaseStatusView {
  /** Full, or restricted (public title only) when the user may not read the case. */
  case: Case;
  /** Newest first, at most 3, leaving out reads; empty when restricted. */
  latestEvents: CaseEvent[];
  /** Null when restricted. */
  documentCount: number | null;
  links: CaseLinks;
}

export interface RegisterPort {
  /**
   * The case a reference names, as the user may see it. `ref` is a case number in canonical
   * spelling (`KS 2026/0042`), or without a diary (`2026/0042`), or after `status` a bare sequence
   * (`0042`, resolved as the register's search resolves it): null when no case, or more than one, matches.
   */
  caseStatus(user: BotUser, ref: string): Promise<CaseStatusView | null>;
  /** The user's open cases, as officer. */
  myCases(user: BotUser): Promise<CaseSummary[]>;
  /** The top hits for words or a case number. */
  search(user: BotUser, words: string): Promise<CaseSummary[]>;
  /** Where the case opens; `ref` as for `caseStatus`. */
  links(user: BotUser, ref: string): Promise<CaseLinks>;
}

/** Thrown by a port when the Teams user is not a user of the register (unknown Entra object id). */
export class UnknownBotUserError extends Error {
  readonly code = 'unknown_bot_user';
  constructor(readonly aadObjectId: string) {
    super(`No Diarium user has the Entra object id ${aadObjectId}`);
    this.name = 'UnknownBotUserError';
  }
}

export function isUnknownBotUserError(error: unknown): error is UnknownBotUserError {
  return error instanceof UnknownBotUserError || (error instanceof Error && (error as { code?: unknown }).code === 'unknown_bot_user');
}

/**
 * Where the conversation references for proactive messages go (notifications). The API keeps them
 * in a table keyed by the user's Entra object id; one per user, the latest install wins.
 */
export interface ConversationStore {
  save(userObjectId: string, reference: object): Promise<void>;
}

/**
 * Thrown when a stored conversation can no longer be reached: the user removed the bot, or an
 * admin blocked it (Teams answers 403 or 404). Its reference is useless and may be dropped.
 */
export class ConversationGoneError extends Error {
  readonly code = 'conversation_gone';
  constructor(readonly status: number) {
    super(`The conversation can no longer be reached (HTTP ${status})`);
    this.name = 'ConversationGoneError';
  }
}

export function isConversationGoneError(error: unknown): error is ConversationGoneError {
  return error instanceof ConversationGoneError || (error instanceof Error && (error as { code?: unknown }).code === 'conversation_gone');
}
