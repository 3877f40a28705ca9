import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from './database.ts';
import { queueItems, queueMembers, queues, users } from './schema.ts';

/** A waiting message whose warning time has come, taken by one warning run. */
export interface DueItem {
  id: string;
  orgId: string;
  queueId: string;
  assigneeId: string | null;
  deadlineAt: Date;
}

/**
 * Marks as warned up to `limit` waiting messages whose warning time has come, and gives them.
 * SKIP LOCKED leaves a message another run (or a user's action) holds to that one: a message is
 * taken by exactly one committed run, whatever runs at the same time. Call it in a transaction
 * that also asks for the notices, so the mark and the notices are committed together or not at all.
 */
export async function takeDueItems(tx: Queryable, now: Date, limit: number): Promise<DueItem[]> {
  const at = now.toISOString();
  const rows = rowsOf<{ id: string; org_id: string; queue_id: string; assignee_id: string | null; deadline_at: Date | string }>(
    await tx.execute(sql`
      with due as (
        select id from queue_items
        where status = 'waiting' and warned_at is null and warn_at <= ${at}::timestamptz
        order by warn_at, id
        limit ${limit}
        for update skip locked
      )
      update queue_items i set warned_at = ${at}::timestamptz
      from due where i.id = due.id
      returning i.id, i.org_id, i.queue_id, i.assignee_id, i.deadline_at`),
  );
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, queueId: r.queue_id, assigneeId: r.assignee_id, deadlineAt: new Date(r.deadline_at) }));
}

/** Who handles each of these queues, by queue id. */
export async function membersOfQueues(db: Queryable, queueIds: string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  if (queueIds.length === 0) return members;
  const rows = await db.select().from(queueMembers).where(inArray(queueMembers.queueId, queueIds));
  for (const row of rows) members.set(row.queueId, [...(members.get(row.queueId) ?? []), row.userId]);
  return members;
}

export async function isQueueMember(db: Queryable, queueId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: queueMembers.userId })
    .from(queueMembers)
    .where(and(eq(queueMembers.queueId, queueId), eq(queueMembers.userId, userId)));
  return rows.length > 0;
}

export async function queueName(db: Queryable, orgId: string, queueId: string): Promise<string | null> {
  const [row] = await db.select({ name: queues.name }).from(queues).where(and(eq(queues.orgId, orgId), eq(queues.id, queueId)));
  return row?.name ?? null;
}

export interface WaitingItemRow {
  subject: string;
  fromAddress: string | null;
  fromName: string | null;
  deadlineAt: Date;
  assigneeName: string | null;
}

/** Those of these messages that still wait in the queue (of them, only those assigned to `assigneeId`, when given), nearest deadline first. */
export async function stillWaitingItems(
  db: Queryable,
  where: { orgId: string; queueId: string; itemIds: string[]; assigneeId?: string },
): Promise<WaitingItemRow[]> {
  if (where.itemIds.length === 0) return [];
  return db
    .select({
      subject: queueItems.subject,
      fromAddress: queueItems.fromAddress,
      fromName: queueItems.fromName,
      deadlineAt: queueItems.deadlineAt,
      assigneeName: users.name,
    })
    .from(queueItems)
    .leftJoin(users, eq(users.id, queueItems.assigneeId))
    .where(
      and(
        eq(queueItems.orgId, where.orgId),
        eq(queueItems.queueId, where.queueId),
        inArray(queueItems.id, where.itemIds),
        eq(queueItems.status, 'waiting'),
        where.assigneeId ? eq(queueItems.assigneeId, where.assigneeId) : undefined,
      ),
    )
    .orderBy(asc(queueItems.deadlineAt), asc(queueItems.receivedAt));
}
