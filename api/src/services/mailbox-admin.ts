import { createHash } from 'node:crypto';
import {
  AppError,
  RoutingRuleSchema,
  type CreateFunctionMailbox,
  type CreateQueue,
  type FieldError,
  type FunctionMailbox,
  type QueueAdmin,
  type RoutingRule,
  type UpdateFunctionMailbox,
  type UpdateQueue,
} from '@diarium/core';
import { z } from 'zod';
import { hastenSubscriptions, requestMailboxSync, scheduleMailboxSyncs } from '../jobs/ingest-jobs.ts';
import type { Queryable } from '../store/database.ts';
import { addQueueMembers, insertFunctionMailbox, insertQueue } from '../store/function-mailboxes.ts';
import {
  appendConfigEvent,
  existingIds,
  findMailboxAdminRow,
  findQueueAdminRow,
  listMailboxAdminRows,
  listQueueAdminRows,
  lockMailbox,
  deleteQueueRow,
  lockQueue,
  queueInUse,
  mailboxAddressTaken,
  queueNameTaken,
  removeQueueMember,
  updateMailbox,
  updateQueueRow,
  usersByIds,
  type MailboxAdminRow,
  type QueueAdminRow,
} from '../store/mailbox-admin.ts';
import { pgErrorOf, UNIQUE_VIOLATION } from '../store/pg-error.ts';
import type { Actor, Deps } from './context.ts';

// Function mailboxes and queues belong to the organisation, not to one diary (a mailbox need not
// have a default diary, and its rules route to any unit's queue). So they are configured by the
// organisation's administrators: those with the admin role in any of its diaries.

/** Only administrators configure mailboxes and queues; everyone else is refused, reads included. */
function requireAdmin(actor: Actor): void {
  if (!actor.principal.roles.some((r) => r.role === 'admin')) {
    throw new AppError('forbidden', 'Not an administrator', { detail: 'access.admin' });
  }
}

/** JSON with the keys of every object sorted: jsonb keeps its own order of keys, not ours. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** An opaque version of what may be changed: equal exactly when that is equal. */
function versionOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);
}

const iso = (value: Date | string) => new Date(value).toISOString();

// Stored rules were valid when stored; one the schema no longer takes is left out of the view
// rather than failing it (the ingestion skips it too), and is dropped at the next save.
const StoredRules = z.array(z.unknown()).catch([]);
function storedRules(value: unknown): RoutingRule[] {
  return StoredRules.parse(value).flatMap((rule) => {
    const parsed = RoutingRuleSchema.safeParse(rule);
    return parsed.success ? [parsed.data] : [];
  });
}

const assigneeIds = (rules: RoutingRule[]) => rules.flatMap((rule) => rule.actions.flatMap((a) => (a.type === 'assign' ? [a.userId] : [])));

/** The mailboxes as administrators see them, with the names of those their rules assign to. */
async function toMailboxes(db: Queryable, orgId: string, rows: MailboxAdminRow[]): Promise<FunctionMailbox[]> {
  const mailboxes = rows.map(toMailbox);
  const people = await usersByIds(db, orgId, mailboxes.flatMap((m) => assigneeIds(m.rules)));
  return mailboxes.map((m) => {
    const ids = new Set(assigneeIds(m.rules));
    return { ...m, assignees: people.filter((p) => ids.has(p.id)) };
  });
}

function toMailbox(r: MailboxAdminRow): FunctionMailbox {
  const rules = storedRules(r.rules);
  return {
    id: r.id,
    address: r.address,
    displayName: r.display_name,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name! } : null,
    defaultDiary: r.diary_id ? { id: r.diary_id, prefix: r.diary_prefix!, name: r.diary_name! } : null,
    defaultQueue: { id: r.queue_id, name: r.queue_name },
    deadlineWorkingDays: r.deadline_working_days,
    handledFolder: r.handled_folder,
    active: r.active,
    rules,
    assignees: [],
    sync: { syncedAt: r.synced_at ? iso(r.synced_at) : null, error: r.sync_error },
    version: versionOf([r.display_name, r.unit_id, r.diary_id, r.queue_id, r.deadline_working_days, r.handled_folder, r.active, rules]),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function toQueue(r: QueueAdminRow): QueueAdmin {
  return {
    id: r.id,
    name: r.name,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name! } : null,
    members: r.members,
    version: versionOf([r.name, r.unit_id, r.members.map((m) => m.id).sort()]),
  };
}

function checkVersion(current: string, wanted: string): void {
  if (current !== wanted) {
    throw new AppError('precondition_failed', 'Changed since it was read', {
      fields: [{ field: 'If-Match', message: 'problem.precondition_failed.detail' }],
    });
  }
}

/** What a mailbox names that must exist in the organisation. */
interface MailboxReferences {
  unitId?: string | null;
  defaultDiaryId?: string | null;
  defaultQueueId?: string;
  rules?: RoutingRule[];
}

interface Reference {
  kind: 'unit' | 'diary' | 'queue' | 'user';
  id: string;
  field: string;
}

/** Every reference to a unit, diary, queue or user that does not exist, named by its field path. */
async function checkMailboxReferences(db: Queryable, orgId: string, refs: MailboxReferences): Promise<void> {
  const ruleRefs = (refs.rules ?? []).flatMap((rule, r) =>
    rule.actions.flatMap((action, a): Reference[] =>
      action.type === 'queue'
        ? [{ kind: 'queue', id: action.queueId, field: `rules.${r}.actions.${a}.queueId` }]
        : action.type === 'assign'
          ? [{ kind: 'user', id: action.userId, field: `rules.${r}.actions.${a}.userId` }]
          : [],
    ),
  );
  const wanted: Reference[] = [
    ...(refs.unitId ? [{ kind: 'unit' as const, id: refs.unitId, field: 'unitId' }] : []),
    ...(refs.defaultDiaryId ? [{ kind: 'diary' as const, id: refs.defaultDiaryId, field: 'defaultDiaryId' }] : []),
    ...(refs.defaultQueueId ? [{ kind: 'queue' as const, id: refs.defaultQueueId, field: 'defaultQueueId' }] : []),
    ...ruleRefs,
  ];
  const message = { unit: 'field.unit.unknown', diary: 'field.defaultDiary.unknown', queue: 'field.queue.unknown', user: 'field.user.unknown' } as const;
  const found = {
    unit: await existingIds(db, orgId, 'unit', wanted.filter((w) => w.kind === 'unit').map((w) => w.id)),
    diary: await existingIds(db, orgId, 'diary', wanted.filter((w) => w.kind === 'diary').map((w) => w.id)),
    queue: await existingIds(db, orgId, 'queue', wanted.filter((w) => w.kind === 'queue').map((w) => w.id)),
    user: await existingIds(db, orgId, 'user', wanted.filter((w) => w.kind === 'user').map((w) => w.id)),
  };
  const fields: FieldError[] = wanted.filter((w) => !found[w.kind].has(w.id)).map((w) => ({ field: w.field, message: message[w.kind] }));
  if (fields.length > 0) throw new AppError('validation_failed', `Unknown references: ${fields.map((f) => f.field).join(', ')}`, { fields });
}

const addressTaken = () =>
  new AppError('conflict', 'A function mailbox has that address', { fields: [{ field: 'address', message: 'field.address.taken' }] });
const queueNameClash = () => new AppError('conflict', 'A queue has that name', { fields: [{ field: 'name', message: 'field.queueName.taken' }] });

/** Turns the unique index's refusal (a race the check before lost) into the same answer. */
async function uniquely<T>(work: () => Promise<T>, clash: () => AppError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorOf(error)?.code === UNIQUE_VIOLATION) throw clash();
    throw error;
  }
}

/** The organisation's function mailboxes, by address, with their rules and where their sync stands. */
export async function listFunctionMailboxConfigs(deps: Pick<Deps, 'db'>, actor: Actor): Promise<FunctionMailbox[]> {
  requireAdmin(actor);
  return toMailboxes(deps.db, actor.orgId, await listMailboxAdminRows(deps.db, actor.orgId));
}

export async function getFunctionMailboxConfig(deps: Pick<Deps, 'db'>, actor: Actor, id: string): Promise<FunctionMailbox> {
  requireAdmin(actor);
  const row = await findMailboxAdminRow(deps.db, actor.orgId, id);
  if (!row) throw new AppError('not_found', 'No such function mailbox');
  return (await toMailboxes(deps.db, actor.orgId, [row]))[0]!;
}

/** Adds a function mailbox, recorded, and has it synced at once and then on the timer, and subscribed to at once. */
export async function createFunctionMailbox(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, input: CreateFunctionMailbox): Promise<FunctionMailbox> {
  requireAdmin(actor);
  if (await mailboxAddressTaken(deps.db, actor.orgId, input.address)) throw addressTaken();
  await checkMailboxReferences(deps.db, actor.orgId, input);
  const at = deps.now();
  const id = await uniquely(
    () =>
      deps.db.transaction(async (tx) => {
        const created = await insertFunctionMailbox(tx, { orgId: actor.orgId, ...input, updatedAt: at });
        await appendConfigEvent(tx, {
          orgId: actor.orgId,
          actorId: actor.user.id,
          action: 'function_mailbox.created',
          before: null,
          after: { mailbox: created, ...input },
          requestId: actor.requestId ?? null,
          at,
        });
        // The job exists exactly when the mailbox does: the first sync runs as soon as a runner is free.
        await scheduleMailboxSyncs(tx, at);
        // Its Graph subscription is made now, not in the hourly round: new mail is seen at once.
        await hastenSubscriptions(tx, at);
        return created;
      }),
    addressTaken,
  );
  return getFunctionMailboxConfig(deps, actor, id);
}

/** Changes a mailbox as the administrator read it (`version`); recorded with what was before. */
export async function updateFunctionMailbox(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  id: string,
  version: string,
  patch: UpdateFunctionMailbox,
): Promise<FunctionMailbox> {
  requireAdmin(actor);
  await checkMailboxReferences(deps.db, actor.orgId, patch);
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    if (!(await lockMailbox(tx, actor.orgId, id))) throw new AppError('not_found', 'No such function mailbox');
    const current = toMailbox((await findMailboxAdminRow(tx, actor.orgId, id))!);
    checkVersion(current.version, version);
    const before: Record<string, unknown> = {
      displayName: current.displayName,
      unitId: current.unit?.id ?? null,
      defaultDiaryId: current.defaultDiary?.id ?? null,
      defaultQueueId: current.defaultQueue.id,
      deadlineWorkingDays: current.deadlineWorkingDays,
      handledFolder: current.handledFolder,
      active: current.active,
      rules: current.rules,
    };
    const changed = Object.entries(patch).filter(([key, value]) => canonical(before[key]) !== canonical(value));
    if (changed.length === 0) return;
    await updateMailbox(tx, id, { ...Object.fromEntries(changed), updatedAt: at });
    if (patch.active === true && !current.active) {
      // Resumed: what arrived while it was paused comes in now, and Graph is subscribed to again.
      await requestMailboxSync(tx, id, at);
      await hastenSubscriptions(tx, at);
    }
    await appendConfigEvent(tx, {
      orgId: actor.orgId,
      actorId: actor.user.id,
      action: 'function_mailbox.updated',
      before: { mailbox: id, ...Object.fromEntries(changed.map(([key]) => [key, before[key]])) },
      after: { mailbox: id, ...Object.fromEntries(changed) },
      requestId: actor.requestId ?? null,
      at,
    });
  });
  return getFunctionMailboxConfig(deps, actor, id);
}

/** Every queue of the organisation, by name, with its unit and members. */
export async function listQueueConfigs(deps: Pick<Deps, 'db'>, actor: Actor): Promise<QueueAdmin[]> {
  requireAdmin(actor);
  return (await listQueueAdminRows(deps.db, actor.orgId)).map(toQueue);
}

async function queueConfig(db: Queryable, actor: Actor, id: string): Promise<QueueAdmin> {
  const row = await findQueueAdminRow(db, actor.orgId, id);
  if (!row) throw new AppError('not_found', 'No such queue');
  return toQueue(row);
}

async function checkQueueReferences(db: Queryable, orgId: string, refs: { unitId?: string | null; memberIds?: string[] }): Promise<void> {
  const fields: FieldError[] = [];
  if (refs.unitId && !(await existingIds(db, orgId, 'unit', [refs.unitId])).has(refs.unitId)) fields.push({ field: 'unitId', message: 'field.unit.unknown' });
  const users = await existingIds(db, orgId, 'user', refs.memberIds ?? []);
  (refs.memberIds ?? []).forEach((userId, i) => {
    if (!users.has(userId)) fields.push({ field: `memberIds.${i}`, message: 'field.user.unknown' });
  });
  if (fields.length > 0) throw new AppError('validation_failed', `Unknown references: ${fields.map((f) => f.field).join(', ')}`, { fields });
}

/** Adds a queue (unique by name, whatever the case of its letters), with its first members; recorded. */
export async function createQueue(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, input: CreateQueue): Promise<QueueAdmin> {
  requireAdmin(actor);
  if (await queueNameTaken(deps.db, actor.orgId, input.name, null)) throw queueNameClash();
  await checkQueueReferences(deps.db, actor.orgId, input);
  const at = deps.now();
  const id = await uniquely(
    () =>
      deps.db.transaction(async (tx) => {
        const created = await insertQueue(tx, { orgId: actor.orgId, name: input.name, unitId: input.unitId });
        await addQueueMembers(tx, created, [...new Set(input.memberIds)]);
        await appendConfigEvent(tx, {
          orgId: actor.orgId,
          actorId: actor.user.id,
          action: 'queue.created',
          before: null,
          after: { queue: created, ...input },
          requestId: actor.requestId ?? null,
          at,
        });
        return created;
      }),
    queueNameClash,
  );
  return queueConfig(deps.db, actor, id);
}

/** Renames a queue or moves it to another unit, as the administrator read it (`version`); recorded. */
export async function updateQueue(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string, version: string, patch: UpdateQueue): Promise<QueueAdmin> {
  requireAdmin(actor);
  await checkQueueReferences(deps.db, actor.orgId, patch);
  if (patch.name !== undefined && (await queueNameTaken(deps.db, actor.orgId, patch.name, id))) throw queueNameClash();
  const at = deps.now();
  await uniquely(
    () =>
      deps.db.transaction(async (tx) => {
        if (!(await lockQueue(tx, actor.orgId, id))) throw new AppError('not_found', 'No such queue');
        const current = await queueConfig(tx, actor, id);
        checkVersion(current.version, version);
        const before = { name: current.name, unitId: current.unit?.id ?? null };
        const changed = Object.entries(patch).filter(([key, value]) => before[key as keyof typeof before] !== value);
        if (changed.length === 0) return;
        await updateQueueRow(tx, id, Object.fromEntries(changed));
        await appendConfigEvent(tx, {
          orgId: actor.orgId,
          actorId: actor.user.id,
          action: 'queue.updated',
          before: { queue: id, ...Object.fromEntries(changed.map(([key]) => [key, before[key as keyof typeof before]])) },
          after: { queue: id, ...Object.fromEntries(changed) },
          requestId: actor.requestId ?? null,
          at,
        });
      }),
    queueNameClash,
  );
  return queueConfig(deps.db, actor, id);
}

/**
 * Removes a queue set up by mistake or no longer used, as the administrator read it (`version`);
 * recorded with what it was. A queue that a mailbox sends to, or that has held messages (their
 * history names it), stays: the answer says which, and what to do instead.
 */
export async function deleteQueue(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string, version: string): Promise<void> {
  requireAdmin(actor);
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    if (!(await lockQueue(tx, actor.orgId, id))) throw new AppError('not_found', 'No such queue');
    const current = await queueConfig(tx, actor, id);
    checkVersion(current.version, version);
    const use = await queueInUse(tx, actor.orgId, id);
    if (use) {
      throw new AppError('conflict', `Queue in use: ${use.reason}`, {
        fields: [{ field: 'queue', message: `field.queue.inUse.${use.reason}` }],
        params: 'mailbox' in use ? { mailbox: use.mailbox } : {},
      });
    }
    await deleteQueueRow(tx, id);
    await appendConfigEvent(tx, {
      orgId: actor.orgId,
      actorId: actor.user.id,
      action: 'queue.deleted',
      before: { queue: id, name: current.name, unitId: current.unit?.id ?? null, memberIds: current.members.map((m) => m.id) },
      after: null,
      requestId: actor.requestId ?? null,
      at,
    });
  });
}

/**
 * Makes a colleague a member of a queue, or no longer one. Either is idempotent (already a
 * member, or not one, changes nothing and records nothing), so it needs no If-Match.
 */
export async function setQueueMembership(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, queueId: string, userId: string, member: boolean): Promise<QueueAdmin> {
  requireAdmin(actor);
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    if (!(await lockQueue(tx, actor.orgId, queueId))) throw new AppError('not_found', 'No such queue');
    if (!(await existingIds(tx, actor.orgId, 'user', [userId])).has(userId)) {
      throw new AppError('validation_failed', 'No such user', { fields: [{ field: 'userId', message: 'field.user.unknown' }] });
    }
    const isMember = (await queueConfig(tx, actor, queueId)).members.some((m) => m.id === userId);
    if (isMember === member) return;
    if (member) await addQueueMembers(tx, queueId, [userId]);
    else await removeQueueMember(tx, queueId, userId);
    await appendConfigEvent(tx, {
      orgId: actor.orgId,
      actorId: actor.user.id,
      action: member ? 'queue.member_added' : 'queue.member_removed',
      before: null,
      after: { queue: queueId, user: userId },
      requestId: actor.requestId ?? null,
      at,
    });
  });
  return queueConfig(deps.db, actor, queueId);
}
