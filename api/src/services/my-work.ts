import type { ActivityItem, EventAction, MyWork } from '@diarium/core';
import { listActivity, listWaitingCases } from '../store/work.ts';
import type { Actor, Deps } from './context.ts';
import { searchScopeOf } from './search-cases.ts';
import { toCaseSummary } from './views.ts';

const MAX_WAITING = 50;
const MAX_ACTIVITY = 30;
const ACTIVITY_DAYS = 30;

/**
 * "Mitt arbete": the open cases waiting for the actor (incoming documents others registered
 * since the actor last acted in them), and what happened lately in the cases they handle
 * or registered, with titles masked where they may not read them (rule 4).
 */
export async function getMyWork(deps: Pick<Deps, 'db' | 'now'>, actor: Actor): Promise<MyWork> {
  const scope = await searchScopeOf(deps, actor);
  const since = new Date(deps.now().getTime() - ACTIVITY_DAYS * 24 * 60 * 60 * 1000);
  const [waiting, activity] = await Promise.all([
    listWaitingCases(deps.db, scope, MAX_WAITING),
    listActivity(deps.db, scope, since, MAX_ACTIVITY),
  ]);
  return {
    waiting: waiting.map((row) => ({ ...toCaseSummary(row), waitingSince: row.waitingSince.toISOString(), newDocuments: row.newDocuments })),
    activity: activity.map(
      (row): ActivityItem => ({
        id: row.id,
        at: row.at.toISOString(),
        action: row.action as EventAction,
        actor: row.actor,
        case: {
          id: row.caseId,
          caseNumber: row.caseNumber,
          title: row.caseFull ? row.caseTitle : row.casePublicTitle,
          confidential: row.caseConfidential,
        },
        document:
          row.documentId === null
            ? null
            : { id: row.documentId, documentNumber: row.documentNumber!, title: (row.documentFull ? row.documentTitle : row.documentPublicTitle)! },
      }),
    ),
  };
}
