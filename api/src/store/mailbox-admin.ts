import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from './database.ts';
import { diaries, events, functionMailboxes, queueMembers, queues, units, users } from './schema.ts';

// What administrators read and change of the function mailboxes and their queues. The ingestion's
// own reads and writes are in function-mailboxes.ts.

/** A mailbox with the names of what it points at. */
export interface MailboxAdminRow {
  id: string;
  address: string;
  display_name: string;
  unit_id: string | null;
  unit_name: string | null;
  diary_id: string | null;
  diary_prefix: string | null;
  diary_name: string | null;
  queue_id: string;
  queue_name: string;
  deadline_working_days: number;
  handled_folder: string | null;
  active: boolean;
  rules: unknown;
  synced_at: Date | string | null;
  sync_error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const MAILBOX_SELECT = sql`
  select mb.id, mb.address, mb.display_name, u.id as unit_id, u.name as unit_name,
    d.id as diary_id, d.prefix as diary_prefix, d.name as diary_name, q.id as queue_id, q.name as queue_name,
    mb.deadline_working_days, mb.handled_folder, mb.active, mb.rules, mb.synced_at, mb.sync_error, mb.created_at, mb.updated_at
  from function_mailboxes mb
  join queues q on q.id = mb.default_queue_id
  left join units u on u.id = mb.unit_id
  left join diaries d on d.id = mb.default_diary_id`;

export async function listMailboxAdminRows(db: Queryable, orgId: string): Promise<MailboxAdminRow[]> {
  return rowsOf<MailboxAdminRow>(await db.execute(sql`${MAILBOX_SELECT} where mb.org_id = ${orgId} order by mb.address`));
}

export async function findMailboxAdminRow(db: Queryable, orgId: string, id: string): Promise<MailboxAdminRow | null> {
  const [row] = rowsOf<MailboxAdminRow>(await db.execute(sql`${MAILBOX_SELECT} where mb.org_id = ${orgId} and mb.id = ${id}`));
  return row ?? null;
}

/** Locks the mailbox's row until the transaction ends, so that two changes are made one after the other. */
export async function lockMailbox(tx: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(await tx.execute(sql`select id from function_mailboxes where id = ${id} and org_id = ${orgId} for update`));
  return rows.length > 0;
}

export async function updateMailbox(tx: Queryable, id: string, set: Partial<typeof functionMailboxes.$inferInsert>): Promise<void> {
  await tx.update(functionMailboxes).set(set).where(eq(functionMailboxes.id, id));
}

export async function mailboxAddressTaken(db: Queryable, orgId: string, address: string): Promise<boolean> {
  const rows = await db
    .select({ id: functionMailboxes.id })
    .from(functionMailboxes)
    .where(and(eq(functionMailboxes.orgId, orgId), eq(functionMailboxes.address, address)));
  return rows.length > 0;
}

/** A queue with its unit and members. */
export interface QueueAdminRow {
  id: string;
  name: string;
  unit_id: string | null;
  unit_name: string | null;
  members: { id: string; name: string; email: string }[];
}

const QUEUE_SELECT = sql`
  select q.id, q.name, u.id as unit_id, u.name as unit_name,
    coalesce((
      select json_agg(json_build_object('id', m.id, 'name', m.name, 'email', m.email) order by m.name, m.id)
      from queue_members qm join users m on m.id = qm.user_id where qm.queue_id = q.id
    ), '[]'::json) as members
  from queues q
  left join units u on u.id = q.unit_id`;

export async function listQueueAdminRows(db: Queryable, orgId: string): Promise<QueueAdminRow[]> {
  return rowsOf<QueueAdminRow>(await db.execute(sql`${QUEUE_SELECT} where q.org_id = ${orgId} order by q.name`));
}

export async function findQueueAdminRow(db: Queryable, orgId: string, id: string): Promise<QueueAdminRow | null> {
  const [row] = rowsOf<QueueAdminRow>(await db.execute(sql`${QUEUE_SELECT} where q.org_id = ${orgId} and q.id = ${id}`));
  return row ?? null;
}

export async function lockQueue(tx: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(await tx.execute(sql`select id from queues where id = ${id} and org_id = ${orgId} for update`));
  return rows.length > 0;
}

export async function updateQueueRow(tx: Queryable, id: string, set: { name?: string; unitId?: string | null }): Promise<void> {
  await tx.update(queues).set(set).where(eq(queues.id, id));
}

/**
 * Why a queue cannot be removed, if it cannot: a mailbox sends to it by default or by a rule, or
 * it has held messages (their history names it). The mailbox is named by its display name.
 */
export async function queueInUse(db: Queryable, orgId: string, id: string): Promise<{ reason: 'defaultQueue' | 'rule'; mailbox: string } | { reason: 'messages' } | null> {
  const mailboxes = rowsOf<{ display_name: string; is_default: boolean; in_rules: boolean }>(
    await db.execute(sql`
      select display_name, default_queue_id = ${id} as is_default,
        exists (select 1 from jsonb_array_elements(rules) r, jsonb_array_elements(r->'actions') a where a->>'queueId' = ${id}) as in_rules
      from function_mailboxes where org_id = ${orgId} order by address`),
  );
  const byDefault = mailboxes.find((m) => m.is_default);
  if (byDefault) return { reason: 'defaultQueue', mailbox: byDefault.display_name };
  const byRule = mailboxes.find((m) => m.in_rules);
  if (byRule) return { reason: 'rule', mailbox: byRule.display_name };
  const held = rowsOf<{ held: boolean }>(
    await db.execute(sql`
      select exists (select 1 from queue_items where queue_id = ${id})
        or exists (select 1 from queue_item_events where org_id = ${orgId} and (detail->>'queueId' = ${id} or detail->'before'->>'queueId' = ${id})) as held`),
  );
  return held[0]?.held ? { reason: 'messages' } : null;
}

export async function deleteQueueRow(tx: Queryable, id: string): Promise<void> {
  await tx.delete(queueMembers).where(eq(queueMembers.queueId, id));
  await tx.delete(queues).where(eq(queues.id, id));
}

export async function queueNameTaken(db: Queryable, orgId: string, name: string, exceptId: string | null): Promise<boolean> {
  const rows = await db
    .select({ id: queues.id })
    .from(queues)
    .where(and(eq(queues.orgId, orgId), sql`lower(${queues.name}) = lower(${name})`, exceptId ? ne(queues.id, exceptId) : undefined));
  return rows.length > 0;
}

export async function removeQueueMember(tx: Queryable, queueId: string, userId: string): Promise<boolean> {
  const removed = await tx
    .delete(queueMembers)
    .where(and(eq(queueMembers.queueId, queueId), eq(queueMembers.userId, userId)))
    .returning({ userId: queueMembers.userId });
  return removed.length > 0;
}

/** Which of the ids are, in the organisation, of a queue, a user, a unit or a diary. */
export async function existingIds(db: Queryable, orgId: string, kind: 'queue' | 'user' | 'unit' | 'diary', ids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  const table = { queue: queues, user: users, unit: units, diary: diaries }[kind];
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.orgId, orgId), inArray(table.id, wanted)));
  return new Set(rows.map((r) => r.id));
}

/**
 * A change of configuration in the history: case-less, like a change of roles. Its action names
 * what changed (`function_mailbox.updated`, `queue.member_added`, …).
 */
export async function appendConfigEvent(
  tx: Queryable,
  event: { orgId: string; actorId: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; requestId: string | null; at: Date },
): Promise<void> {
  await tx.insert(events).values({ ...event, caseId: null, documentId: null });
}

/** The users of the organisation among the ids, by name. */
export async function usersByIds(db: Queryable, orgId: string, ids: string[]): Promise<{ id: string; name: string; email: string }[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, wanted)))
    .orderBy(users.name);
}
