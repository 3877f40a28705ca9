import { isAppError, parseCaseNumber, type CaseEvent, type CaseSummary } from '@diarium/core';
import { UnknownBotUserError, type BotUser, type CaseStatusView, type ConversationStore, type RegisterPort } from '@diarium/bot';
import { saveBotConversation } from '../store/bot-conversations.ts';
import { findOrganisationByTenant } from '../store/organisations.ts';
import { findUserByObjectId } from '../store/users.ts';
import { actorOfUser } from './actor-of-user.ts';
import { getCaseLinks, type LinkBase } from './case-links.ts';
import type { Actor, Deps } from './context.ts';
import { getCase } from './get-case.ts';
import { listEvents } from './list-events.ts';
import { searchCases } from './search-cases.ts';

/** The register's user behind a Teams user, in the tenant the bot serves. */
async function botActor(deps: Pick<Deps, 'db'>, tenantId: string, aadObjectId: string): Promise<Actor> {
  const org = await findOrganisationByTenant(deps.db, tenantId);
  const row = org ? await findUserByObjectId(deps.db, org.id, aadObjectId) : null;
  if (!org || !row) throw new UnknownBotUserError(aadObjectId);
  return actorOfUser(deps.db, org.id, row.id);
}

/** Where the bot may later reach a user who installed it: kept only for users of the register. */
export function botConversations(deps: Pick<Deps, 'db' | 'now'>, options: { tenantId: string }): ConversationStore {
  return {
    async save(userObjectId, reference) {
      const actor = await botActor(deps, options.tenantId, userObjectId);
      await saveBotConversation(deps.db, { orgId: actor.orgId, userId: actor.user.id, reference: reference as Record<string, unknown>, updatedAt: deps.now() });
    },
  };
}

const READS = new Set<CaseEvent['action']>(['case.read', 'document.read', 'file.read']);

/** A case as a bot card shows it to `actor`: full, or its public title only; null when there is none. */
export async function caseStatusView(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, caseRef: string, links: LinkBase): Promise<CaseStatusView | null> {
  const found = await getCase(deps, actor, caseRef).catch(notFoundAsNull<Awaited<ReturnType<typeof getCase>>>);
  if (!found) return null;
  const caseLinks = await getCaseLinks(deps, actor, found.id, links);
  if (found.access !== 'full') return { case: found, latestEvents: [], documentCount: null, links: caseLinks };
  const events = await listEvents(deps, actor, found.id);
  const latestEvents = events
    .filter((e) => !READS.has(e.action))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 3);
  return { case: found, latestEvents, documentCount: found.documentCount, links: caseLinks };
}

function notFoundAsNull<T>(error: unknown): T | null {
  if (isAppError(error) && (error.code === 'not_found' || error.code === 'validation_failed')) return null;
  throw error;
}

/**
 * The register as the bot sees it: Diarium answering as a trusted app for the Teams user who
 * wrote, with that user's rights. The user is the activity's Entra object id in the tenant the
 * bot serves; someone the register does not know gets nothing.
 */
export function botRegister(deps: Pick<Deps, 'db' | 'now'>, options: { tenantId: string; links: LinkBase }): RegisterPort {
  const actorOf = (user: BotUser) => botActor(deps, options.tenantId, user.aadObjectId);

  /** `2026/0042` (or, after "status", `0042`) names a case only when exactly one diary has it. */
  async function resolve(actor: Actor, ref: string): Promise<string | null> {
    if (parseCaseNumber(ref)) return ref;
    const hits = await searchCases(deps, actor, { q: ref, limit: 5 });
    const exact = hits.items.filter((c) => c.caseNumber.endsWith(` ${ref}`) || c.caseNumber.endsWith(`/${ref}`));
    return exact.length === 1 ? exact[0]!.caseNumber : null;
  }

  return {
    async caseStatus(user, ref) {
      const actor = await actorOf(user);
      const caseRef = await resolve(actor, ref);
      return caseRef ? caseStatusView(deps, actor, caseRef, options.links) : null;
    },
    async myCases(user): Promise<CaseSummary[]> {
      const actor = await actorOf(user);
      return (await searchCases(deps, actor, { officer: 'me', status: 'open', limit: 10 })).items;
    },
    async search(user, words) {
      const actor = await actorOf(user);
      return (await searchCases(deps, actor, { q: words, limit: 10 })).items;
    },
    async links(user, ref) {
      const actor = await actorOf(user);
      return getCaseLinks(deps, actor, (await resolve(actor, ref)) ?? ref, options.links);
    },
  };
}
