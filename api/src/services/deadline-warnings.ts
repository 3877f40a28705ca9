import { createHash } from 'node:crypto';
import { PERSONAL_TAB_ENTITY } from '@diarium/core';
import type { DeadlineNotice } from '@diarium/bot';
import { z } from 'zod';
import { enqueueJob } from '../jobs/queue.ts';
import { isQueueMember, membersOfQueues, queueName, stillWaitingItems, takeDueItems, type DueItem } from '../store/deadline-warnings.ts';
import type { LinkBase } from './case-links.ts';
import type { Deps } from './context.ts';

/** The job that warns one person, through the bot, of a queue's messages coming near their deadline. */
export const DEADLINE_NEAR_NOTICE_JOB = 'notice.deadline-near';

/** One person's warning: the messages of one queue that came due in one run. */
export const DeadlineNoticePayload = z.object({
  orgId: z.uuid(),
  queueId: z.uuid(),
  userId: z.uuid(),
  itemIds: z.array(z.uuid()).min(1),
});
export type DeadlineNoticePayload = z.infer<typeof DeadlineNoticePayload>;

/** Messages taken in one transaction; a run takes batches until none is left (or `maxBatches`). */
const BATCH_SIZE = 200;

/**
 * Warns of the waiting messages whose warning time has come. Each message is marked warned in
 * the same transaction that asks for its notices, one per queue and person: the queue's members
 * and the message's assignee (a member or not). A message whose deadline has already passed (the
 * service was away) is marked but told of no one: the queue shows it as late, and a flood of stale
 * warnings after an outage would teach people to ignore them.
 */
export async function warnOfDeadlines(
  deps: Pick<Deps, 'db' | 'now'>,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<{ items: number; notices: number }> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const total = { items: 0, notices: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
    const now = deps.now();
    const outcome = await deps.db.transaction(async (tx) => {
      const due = await takeDueItems(tx, now, batchSize);
      const members = await membersOfQueues(tx, [...new Set(due.map((item) => item.queueId))]);
      const notices = noticesFor(due, members, now);
      for (const payload of notices) {
        await enqueueJob(tx, { kind: DEADLINE_NEAR_NOTICE_JOB, key: noticeKey(payload), payload, runAt: now }, now);
      }
      return { items: due.length, notices: notices.length };
    });
    total.items += outcome.items;
    total.notices += outcome.notices;
    if (outcome.items < batchSize) break;
  }
  return total;
}

function noticesFor(due: DueItem[], members: Map<string, string[]>, now: Date): DeadlineNoticePayload[] {
  const notices = new Map<string, DeadlineNoticePayload>();
  for (const item of due) {
    if (item.deadlineAt <= now) continue;
    const people = new Set(members.get(item.queueId) ?? []);
    if (item.assigneeId) people.add(item.assigneeId);
    for (const userId of people) {
      const at = `${item.queueId}:${userId}`;
      const notice = notices.get(at) ?? { orgId: item.orgId, queueId: item.queueId, userId, itemIds: [] };
      notice.itemIds.push(item.id);
      notices.set(at, notice);
    }
  }
  return [...notices.values()];
}

/** One pending notice per person and set of messages: a message is in one run's set only, so each person is told of it once. */
function noticeKey(payload: DeadlineNoticePayload): string {
  const items = createHash('sha256').update([...payload.itemIds].sort().join(',')).digest('base64url');
  return `${payload.userId}:${items}`;
}

/**
 * The warning as it stands when it is sent: only the messages that still wait in the queue, for
 * someone who still handles them (a member of the queue, or the one they are assigned to). Null
 * when none is left: the news is no longer true.
 */
export async function deadlineNotice(deps: Pick<Deps, 'db' | 'now'>, payload: DeadlineNoticePayload, links: LinkBase): Promise<DeadlineNotice | null> {
  const { orgId, queueId, userId, itemIds } = payload;
  const name = await queueName(deps.db, orgId, queueId);
  if (name === null) return null;
  const member = await isQueueMember(deps.db, queueId, userId);
  const items = await stillWaitingItems(deps.db, { orgId, queueId, itemIds, ...(member ? {} : { assigneeId: userId }) });
  if (items.length === 0) return null;
  return {
    kind: 'deadlineNear',
    queue: { name, url: queueTabLink(links, name) },
    items: items.map((item) => ({
      subject: item.subject,
      from: item.fromAddress ? { address: item.fromAddress, name: item.fromName } : null,
      deadlineAt: item.deadlineAt.toISOString(),
      assignee: item.assigneeName,
    })),
    now: deps.now(),
  };
}

/**
 * Where the queues are worked: the personal tab "Mitt arbete" in Teams (its page outside Teams
 * when Diarium has no Teams app). The tab cannot yet be told which queue to open; it opens the
 * only one at once, and lists them when there are several.
 */
export function queueTabLink(links: LinkBase, label: string): string {
  const web = new URL('/tabs/mine.html', links.baseUrl).href;
  if (!links.teamsAppId) return web;
  const url = new URL(`https://teams.microsoft.com/l/entity/${encodeURIComponent(links.teamsAppId)}/${encodeURIComponent(PERSONAL_TAB_ENTITY)}`);
  url.searchParams.set('webUrl', web);
  url.searchParams.set('label', label);
  url.searchParams.set('context', JSON.stringify({}));
  return url.href;
}
