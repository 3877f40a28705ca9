import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from './database.ts';
import { diaries, functionMailboxes, graphSubscriptions, queueItemEvents, queueItems, queueMembers, queues } from './schema.ts';

export type FunctionMailboxRow = typeof functionMailboxes.$inferSelect;
export type NewQueueItemRow = typeof queueItems.$inferInsert;

export async function findFunctionMailbox(db: Queryable, id: string): Promise<FunctionMailboxRow | null> {
  const [row] = await db.select().from(functionMailboxes).where(eq(functionMailboxes.id, id));
  return row ?? null;
}

export async function listFunctionMailboxes(db: Queryable, orgId?: string): Promise<FunctionMailboxRow[]> {
  return db
    .select()
    .from(functionMailboxes)
    .where(orgId ? eq(functionMailboxes.orgId, orgId) : undefined)
    .orderBy(functionMailboxes.address);
}

/** The mailbox's sync cursor, locked until the transaction ends: one page is stored at a time. */
export async function lockSyncCursor(tx: Queryable, mailboxId: string): Promise<string | null | undefined> {
  const rows = rowsOf<{ sync_cursor: string | null }>(
    await tx.execute(sql`select sync_cursor from function_mailboxes where id = ${mailboxId} for update`),
  );
  return rows.length === 0 ? undefined : rows[0]!.sync_cursor;
}

export async function setSyncState(tx: Queryable, mailboxId: string, state: { cursor?: string | null; syncedAt?: Date; error?: string | null }): Promise<void> {
  await tx
    .update(functionMailboxes)
    .set({
      ...(state.cursor !== undefined ? { syncCursor: state.cursor } : {}),
      ...(state.syncedAt ? { syncedAt: state.syncedAt } : {}),
      ...(state.error !== undefined ? { syncError: state.error } : {}),
    })
    .where(eq(functionMailboxes.id, mailboxId));
}

/** Adds the items not already there (one per mailbox and message); gives those it added. */
export async function insertQueueItems(tx: Queryable, rows: NewQueueItemRow[]): Promise<{ id: string; internetMessageId: string }[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(queueItems)
    .values(rows)
    .onConflictDoNothing({ target: [queueItems.mailboxId, queueItems.internetMessageId] })
    .returning({ id: queueItems.id, internetMessageId: queueItems.internetMessageId });
}

export async function appendQueueItemEvents(tx: Queryable, rows: (typeof queueItemEvents.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(queueItemEvents).values(rows);
}

/** Which of these queues exist in the organisation: a rule may name one since removed. */
export async function existingQueueIds(db: Queryable, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: queues.id }).from(queues).where(and(eq(queues.orgId, orgId), inArray(queues.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function diaryPrefixes(db: Queryable, orgId: string): Promise<string[]> {
  return (await db.select({ prefix: diaries.prefix }).from(diaries).where(eq(diaries.orgId, orgId))).map((r) => r.prefix);
}

export async function insertQueue(db: Queryable, row: typeof queues.$inferInsert): Promise<string> {
  const [created] = await db.insert(queues).values(row).returning({ id: queues.id });
  return created!.id;
}

export async function addQueueMembers(db: Queryable, queueId: string, userIds: string[]): Promise<void> {
  if (userIds.length > 0) await db.insert(queueMembers).values(userIds.map((userId) => ({ queueId, userId }))).onConflictDoNothing();
}

export async function insertFunctionMailbox(db: Queryable, row: typeof functionMailboxes.$inferInsert): Promise<string> {
  const [created] = await db.insert(functionMailboxes).values(row).returning({ id: functionMailboxes.id });
  return created!.id;
}

export type GraphSubscriptionRow = typeof graphSubscriptions.$inferSelect;

export async function findGraphSubscription(db: Queryable, id: string): Promise<GraphSubscriptionRow | null> {
  const [row] = await db.select().from(graphSubscriptions).where(eq(graphSubscriptions.id, id));
  return row ?? null;
}

/** The mailbox's subscription that lasts longest (there is one, unless it is being replaced). */
export async function latestGraphSubscription(db: Queryable, mailboxId: string): Promise<GraphSubscriptionRow | null> {
  const [row] = await db
    .select()
    .from(graphSubscriptions)
    .where(eq(graphSubscriptions.mailboxId, mailboxId))
    .orderBy(desc(graphSubscriptions.expiresAt))
    .limit(1);
  return row ?? null;
}

export async function saveGraphSubscription(db: Queryable, row: typeof graphSubscriptions.$inferInsert): Promise<void> {
  await db
    .insert(graphSubscriptions)
    .values(row)
    .onConflictDoUpdate({ target: graphSubscriptions.id, set: { expiresAt: row.expiresAt } });
}

export async function deleteGraphSubscription(db: Queryable, id: string): Promise<void> {
  await db.delete(graphSubscriptions).where(eq(graphSubscriptions.id, id));
}
