import { enqueueJob } from '../jobs/queue.ts';
import type { Queryable } from '../store/database.ts';

/** The job that tells a user, through the bot, that a case was assigned to them. */
export const CASE_ASSIGNED_NOTICE_JOB = 'notice.case-assigned';

export interface CaseAssignment {
  orgId: string;
  caseId: string;
  officerId: string | null;
  /** Who made the change: nobody is told of what they did themselves. */
  actorId: string;
  at: Date;
}

/**
 * Asks, inside the transaction that assigned the case, for the new officer to be told. The job
 * exists exactly when the assignment was committed; while one waits for the same case and
 * officer, a second assignment adds none.
 */
export async function noticeOfAssignment(tx: Queryable, assignment: CaseAssignment): Promise<void> {
  const { orgId, caseId, officerId, actorId, at } = assignment;
  if (!officerId || officerId === actorId) return;
  await enqueueJob(
    tx,
    { kind: CASE_ASSIGNED_NOTICE_JOB, key: `${caseId}:${officerId}`, payload: { orgId, caseId, officerId, assignedBy: actorId }, runAt: at },
    at,
  );
}
