import { sql } from 'drizzle-orm';
import {
  AppError,
  canActOnQueueItem,
  canHandleQueue,
  type QueueItem,
  type QueueItemAction,
  type QueueItemEvent,
  QueueItemEventActionSchema,
  type QueueItemPage,
  type QueueItemQuery,
  type QueueSummary,
} from '@diarium/core';
import { likePattern } from '../store/search.ts';
import { rowsOf, type Queryable } from '../store/database.ts';
import { appendQueueItemEvents } from '../store/function-mailboxes.ts';
import { findUser } from '../store/users.ts';
import { requestQueueItemMark } from './mark-queue-item.ts';
import type { Actor, Deps } from './context.ts';

/** Registrars and administrators see every queue; others the queues they are members of. */
function routesMail(actor: Actor): boolean {
  return actor.principal.roles.some((r) => r.role === 'registrar' || r.role === 'admin');
}

/** The queues I handle, with how much waits in each: late, soon due, and in all. */
export async function listMyQueues(deps: Pick<Deps, 'db' | 'now'>, actor: Actor): Promise<QueueSummary[]> {
  const now = deps.now().toISOString();
  const rows = rowsOf<{ id: string; name: string; unit_id: string | null; unit_name: string | null; waiting: number; overdue: number; due_soon: number }>(
    await deps.db.execute(sql`
      select q.id, q.name, u.id as unit_id, u.name as unit_name,
        count(i.id)::int as waiting,
        count(i.id) filter (where i.deadline_at <= ${now}::timestamptz)::int as overdue,
        count(i.id) filter (where i.warn_at <= ${now}::timestamptz and i.deadline_at > ${now}::timestamptz)::int as due_soon
      from queues q
      left join units u on u.id = q.unit_id
      left join queue_items i on i.queue_id = q.id and i.status = 'waiting'
      where q.org_id = ${actor.orgId}
        and (${routesMail(actor)} or exists (select 1 from queue_members m where m.queue_id = q.id and m.user_id = ${actor.user.id}))
      group by q.id, q.name, u.id, u.name
      order by q.name`),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name! } : null,
    waiting: r.waiting,
    overdue: r.overdue,
    dueSoon: r.due_soon,
  }));
}

async function queueMemberIds(db: Queryable, orgId: string, queueId: string): Promise<string[] | null> {
  const rows = rowsOf<{ user_id: string | null }>(
    await db.execute(sql`select m.user_id from queues q left join queue_members m on m.queue_id = q.id where q.id = ${queueId} and q.org_id = ${orgId}`),
  );
  return rows.length === 0 ? null : rows.flatMap((r) => (r.user_id ? [r.user_id] : []));
}

/** A queue I may handle, or not_found: one I may not is not told apart from one that does not exist. */
export async function handleableQueue(db: Queryable, actor: Actor, queueId: string): Promise<void> {
  const memberIds = await queueMemberIds(db, actor.orgId, queueId);
  if (!memberIds || !canHandleQueue(actor.principal, { memberIds })) throw new AppError('not_found', 'No such queue');
}

const ITEM_COLUMNS = sql`
  i.id, i.queue_id, i.subject, i.from_address, i.from_name, i.body_preview, i.has_attachments, i.received_at, i.deadline_at, i.warn_at,
  i.status, i.unimportant, i.set_aside_reason, i.version, i.rule_id, i.rule_name,
  mb.id as mailbox_id, mb.address as mailbox_address, mb.display_name as mailbox_name,
  md.prefix as default_diary, coalesce(qu.id, mu.id) as default_unit_id, coalesce(qu.name, mu.name) as default_unit_name,
  a.id as assignee_id, a.name as assignee_name, a.email as assignee_email,
  c.id as case_id, c.case_number, c.public_title as case_public_title,
  d.id as document_id, d.document_number`;

const ITEM_JOINS = sql`
  from queue_items i
  join function_mailboxes mb on mb.id = i.mailbox_id
  join queues q on q.id = i.queue_id
  left join units qu on qu.id = q.unit_id
  left join units mu on mu.id = mb.unit_id
  left join diaries md on md.id = mb.default_diary_id
  left join users a on a.id = i.assignee_id
  left join cases c on c.id = i.suggested_case_id
  left join documents d on d.id = i.document_id`;

interface ItemRow {
  id: string;
  queue_id: string;
  subject: string;
  from_address: string | null;
  from_name: string | null;
  body_preview: string;
  has_attachments: boolean;
  received_at: Date | string;
  deadline_at: Date | string;
  warn_at: Date | string;
  status: QueueItem['status'];
  unimportant: boolean;
  set_aside_reason: QueueItem['setAsideReason'];
  version: number;
  rule_id: string | null;
  rule_name: string | null;
  mailbox_id: string;
  mailbox_address: string;
  mailbox_name: string;
  default_diary: string | null;
  default_unit_id: string | null;
  default_unit_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  case_id: string | null;
  case_number: string | null;
  case_public_title: string | null;
  document_id: string | null;
  document_number: string | null;
}

function toQueueItem(r: ItemRow): QueueItem {
  return {
    id: r.id,
    queueId: r.queue_id,
    mailbox: { id: r.mailbox_id, address: r.mailbox_address, displayName: r.mailbox_name },
    subject: r.subject,
    from: r.from_address ? { address: r.from_address, name: r.from_name } : null,
    bodyPreview: r.body_preview,
    hasAttachments: r.has_attachments,
    receivedAt: new Date(r.received_at).toISOString(),
    deadlineAt: new Date(r.deadline_at).toISOString(),
    warnAt: new Date(r.warn_at).toISOString(),
    status: r.status,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name!, email: r.assignee_email! } : null,
    suggestedCase: r.case_id ? { id: r.case_id, caseNumber: r.case_number!, publicTitle: r.case_public_title! } : null,
    rule: r.rule_id && r.rule_name ? { id: r.rule_id, name: r.rule_name } : null,
    unimportant: r.unimportant,
    newCaseDefaults: { diary: r.default_diary, unit: r.default_unit_id ? { id: r.default_unit_id, name: r.default_unit_name! } : null },
    setAsideReason: r.set_aside_reason,
    document: r.document_id ? { id: r.document_id, documentNumber: r.document_number! } : null,
    version: r.version,
  };
}

/** A queue's items, the nearest deadline first. */
export async function listQueueItems(deps: Pick<Deps, 'db'>, actor: Actor, queueId: string, query: QueueItemQuery): Promise<QueueItemPage> {
  await handleableQueue(deps.db, actor, queueId);
  const assignee =
    query.assignee === undefined
      ? sql`true`
      : query.assignee === 'none'
        ? sql`i.assignee_id is null`
        : sql`i.assignee_id = ${query.assignee === 'me' ? actor.user.id : query.assignee}`;
  // Each word is found in the subject or the sender's name or address, as the reader typed it.
  const words = (query.q ?? '').split(/\s+/u).filter(Boolean).slice(0, 8);
  const text = words.length === 0 ? sql`true` : sql.join(words.map((w) => sql`concat_ws(' ', i.subject, i.from_name, i.from_address) ilike ${likePattern(w)}`), sql` and `);
  const where = sql`i.queue_id = ${queueId} and i.org_id = ${actor.orgId} and i.status = ${query.status} and ${assignee} and ${text}`;
  const [rows, total] = await Promise.all([
    deps.db.execute(sql`select ${ITEM_COLUMNS} ${ITEM_JOINS} where ${where} order by i.deadline_at, i.received_at, i.id limit ${query.limit} offset ${query.offset}`),
    deps.db.execute(sql`select count(*)::int as n from queue_items i where ${where}`),
  ]);
  return { items: rowsOf<ItemRow>(rows).map(toQueueItem), total: rowsOf<{ n: number }>(total)[0]!.n };
}

export async function getQueueItem(deps: Pick<Deps, 'db'>, actor: Actor, itemId: string): Promise<QueueItem> {
  const [row] = rowsOf<ItemRow>(await deps.db.execute(sql`select ${ITEM_COLUMNS} ${ITEM_JOINS} where i.id = ${itemId} and i.org_id = ${actor.orgId}`));
  if (!row) throw new AppError('not_found', 'No such queue item');
  await handleableQueue(deps.db, actor, row.queue_id);
  return toQueueItem(row);
}

/**
 * Does one thing to many items, all or none, in one transaction: each item must be in a queue
 * the actor handles, in a state that allows it, and (when given) at the version the actor read.
 * Each change is an event in the item's history.
 */
export async function actOnQueueItems(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  items: { id: string; version?: number }[],
  action: QueueItemAction,
): Promise<QueueItem[]> {
  const at = deps.now();
  if (action.action === 'assign' && action.assigneeId) {
    if (!(await findUser(deps.db, actor.orgId, action.assigneeId))) {
      throw new AppError('validation_failed', 'No such user', { fields: [{ field: 'assigneeId', message: 'field.officer.unknown' }] });
    }
  }
  if (action.action === 'forward') {
    if (!(await queueMemberIds(deps.db, actor.orgId, action.queueId))) {
      throw new AppError('validation_failed', 'No such queue', { fields: [{ field: 'queueId', message: 'field.queue.unknown' }] });
    }
  }
  const ids = items.map((i) => i.id);
  await deps.db.transaction(async (tx) => {
    const current = rowsOf<{ id: string; queue_id: string; status: QueueItem['status']; version: number; assignee_id: string | null; set_aside_reason: string | null }>(
      await tx.execute(sql`
        select id, queue_id, status, version, assignee_id, set_aside_reason from queue_items
        where org_id = ${actor.orgId} and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        order by id for update`),
    );
    const found = new Map(current.map((row) => [row.id, row]));
    const checked = new Set<string>();
    for (const wanted of items) {
      const row = found.get(wanted.id);
      if (!row) throw new AppError('not_found', 'No such queue item');
      if (!checked.has(row.queue_id)) {
        await handleableQueue(tx, actor, row.queue_id);
        checked.add(row.queue_id);
      }
      if (wanted.version !== undefined && wanted.version !== row.version) {
        throw new AppError('precondition_failed', 'The item has changed since it was read', {
          fields: [{ field: 'If-Match', message: 'problem.precondition_failed.detail' }],
        });
      }
      if (!canActOnQueueItem(row.status, action.action)) {
        throw new AppError('conflict', `Cannot ${action.action} an item that is ${row.status}`, {
          fields: [{ field: 'action', message: 'field.queueItem.state' }],
          params: { status: row.status },
        });
      }
    }
    const change = changeOf(action, actor);
    const changed = rowsOf<{ id: string; version: number }>(
      await tx.execute(sql`
        update queue_items set ${change}, version = version + 1, updated_at = ${at.toISOString()}::timestamptz
        where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        returning id, version`),
    );
    // A message set aside is marked `Hanterad` in its mailbox (and moved to the handled folder).
    if (action.action === 'setAside') for (const item of changed) await requestQueueItemMark(tx, item, at);
    await appendQueueItemEvents(
      tx,
      current.map((row) => ({
        orgId: actor.orgId,
        itemId: row.id,
        actorId: actor.user.id,
        action: `item.${action.action}`,
        detail: { before: { queueId: row.queue_id, assigneeId: row.assignee_id, status: row.status, setAsideReason: row.set_aside_reason }, ...detailOf(action, actor) },
        at,
      })),
    );
  });
  const updated = rowsOf<ItemRow>(
    await deps.db.execute(sql`select ${ITEM_COLUMNS} ${ITEM_JOINS} where i.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) order by i.deadline_at, i.id`),
  );
  return updated.map(toQueueItem);
}

function changeOf(action: QueueItemAction, actor: Actor) {
  switch (action.action) {
    case 'assign':
      return sql`assignee_id = ${action.assigneeId}`;
    case 'take':
      return sql`assignee_id = ${actor.user.id}`;
    case 'forward':
      // Another queue's members decide who takes it, and are warned in their turn before its deadline.
      return sql`queue_id = ${action.queueId}, assignee_id = null, warned_at = null`;
    case 'setAside':
      return sql`status = 'set_aside', set_aside_reason = ${action.reason}`;
    case 'restore':
      return sql`status = 'waiting', set_aside_reason = null`;
  }
}

function detailOf(action: QueueItemAction, actor: Actor): Record<string, unknown> {
  switch (action.action) {
    case 'assign':
      return { assigneeId: action.assigneeId };
    case 'take':
      return { assigneeId: actor.user.id };
    case 'forward':
      return { queueId: action.queueId };
    case 'setAside':
      return { reason: action.reason };
    case 'restore':
      return {};
  }
}

/** A queue item's history, oldest first, for those who handle its queue. */
export async function listQueueItemEvents(deps: Pick<Deps, 'db'>, actor: Actor, itemId: string): Promise<QueueItemEvent[]> {
  const [item] = rowsOf<{ queue_id: string }>(await deps.db.execute(sql`select queue_id from queue_items where id = ${itemId} and org_id = ${actor.orgId}`));
  if (!item) throw new AppError('not_found', 'No such queue item');
  await handleableQueue(deps.db, actor, item.queue_id);
  const rows = rowsOf<{
    action: QueueItemEvent['action'];
    at: Date | string;
    actor_id: string | null;
    actor_name: string | null;
    actor_email: string | null;
    queue_id: string | null;
    queue_name: string | null;
    assignee_id: string | null;
    assignee_name: string | null;
    assignee_email: string | null;
    rule_name: string | null;
    reason: QueueItemEvent['reason'];
    document_number: string | null;
  }>(
    await deps.db.execute(sql`
      select e.action, e.at, u.id as actor_id, u.name as actor_name, u.email as actor_email,
        q.id as queue_id, q.name as queue_name, a.id as assignee_id, a.name as assignee_name, a.email as assignee_email,
        e.detail->>'ruleName' as rule_name, e.detail->>'reason' as reason, e.detail->>'documentNumber' as document_number
      from queue_item_events e
      left join users u on u.id = e.actor_id
      left join queues q on q.id::text = e.detail->>'queueId'
      left join users a on a.id::text = e.detail->>'assigneeId'
      where e.item_id = ${itemId}
      order by e.at, e.id`),
  );
  const known = new Set<string>(QueueItemEventActionSchema.options);
  return rows
    .filter((r) => known.has(r.action))
    .map((r) => ({
      action: r.action,
      at: new Date(r.at).toISOString(),
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name!, email: r.actor_email! } : null,
      queue: r.queue_id ? { id: r.queue_id, name: r.queue_name! } : null,
      assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name!, email: r.assignee_email! } : null,
      ruleName: r.rule_name,
      reason: r.reason,
      documentNumber: r.document_number,
    }));
}
