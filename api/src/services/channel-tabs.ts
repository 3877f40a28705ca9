import { AppError, canReadCase, type ChannelFile, type ChannelTabBinding } from '@diarium/core';
import type { Client } from '@microsoft/microsoft-graph-client';
import { getChannelFilesFolder, listChildren } from '../graph/drive.ts';
import { findCaseById } from '../store/cases.ts';
import { deleteChannelTab, findChannelTab, listSharePointDocuments, upsertChannelTab, type ChannelTabRow } from '../store/channel-tabs.ts';
import type { Queryable } from '../store/database.ts';
import { appendEvent } from '../store/events.ts';
import { findUser } from '../store/users.ts';
import type { Actor, Deps } from './context.ts';
import { findCase } from './find-case.ts';
import type { Registered } from './register-case.ts';
import { caseFacts } from './views.ts';

/** A Teams channel, as Teams names it. */
export interface ChannelRef {
  teamId: string;
  channelId: string;
}

function notBound(): AppError {
  return new AppError('not_found', 'No case is bound to the channel', { detail: 'channelTab.notBound' });
}

async function toBinding(db: Queryable, orgId: string, row: ChannelTabRow, caseNumber: string): Promise<ChannelTabBinding> {
  const user = await findUser(db, orgId, row.boundBy);
  return {
    teamId: row.teamId,
    channelId: row.channelId,
    caseId: row.caseId,
    caseNumber,
    boundBy: { id: row.boundBy, name: user?.name ?? '', email: user?.email ?? '' },
    boundAt: row.boundAt.toISOString(),
  };
}

/**
 * Binds a channel's tab to a case (the case by id or number). Needs the right to read the
 * case: a confidential one only for those who may read it. Binding again to another case
 * moves the tab; both cases' histories say so.
 */
export async function bindChannelTab(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  channel: ChannelRef,
  caseRef: string,
): Promise<Registered<ChannelTabBinding>> {
  const record = await findCase(deps.db, actor.orgId, caseRef);
  if (!canReadCase(actor.principal, caseFacts(record))) {
    throw new AppError('forbidden', 'May not read the case');
  }
  const key = { orgId: actor.orgId, ...channel };
  return deps.db.transaction(async (tx) => {
    const earlier = await findChannelTab(tx, key, { forUpdate: true });
    if (earlier?.caseId === record.id) return { outcome: 'existing' as const, value: await toBinding(tx, actor.orgId, earlier, record.caseNumber) };
    const now = deps.now();
    const row: ChannelTabRow = { ...key, caseId: record.id, boundBy: actor.user.id, boundAt: now };
    await upsertChannelTab(tx, row);
    const event = { orgId: actor.orgId, actorId: actor.user.id, requestId: actor.requestId ?? null, at: now };
    if (earlier) {
      const before = await findCaseById(tx, actor.orgId, earlier.caseId);
      await appendEvent(tx, { ...event, action: 'channel_tab.unbound', caseId: earlier.caseId, before: { ...channel, caseNumber: before?.caseNumber ?? null } });
    }
    await appendEvent(tx, {
      ...event,
      action: 'channel_tab.bound',
      caseId: record.id,
      after: { ...channel, caseNumber: record.caseNumber },
    });
    return { outcome: earlier ? ('existing' as const) : ('created' as const), value: await toBinding(tx, actor.orgId, row, record.caseNumber) };
  });
}

/** The channel's binding; not_found when the tab is bound to no case. */
export async function getChannelTab(deps: Pick<Deps, 'db'>, actor: Actor, channel: ChannelRef): Promise<ChannelTabBinding> {
  const row = await findChannelTab(deps.db, { orgId: actor.orgId, ...channel });
  if (!row) throw notBound();
  const record = await findCaseById(deps.db, actor.orgId, row.caseId);
  return toBinding(deps.db, actor.orgId, row, record?.caseNumber ?? '');
}

/**
 * Unbinds a channel's tab, as when the tab is removed in Teams. Anyone on staff in the
 * channel may remove a tab, so no right to the case is asked; the case's history records who.
 */
export async function unbindChannelTab(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, channel: ChannelRef): Promise<void> {
  const key = { orgId: actor.orgId, ...channel };
  await deps.db.transaction(async (tx) => {
    const row = await findChannelTab(tx, key, { forUpdate: true });
    if (!row) throw notBound();
    const record = await findCaseById(tx, actor.orgId, row.caseId);
    await deleteChannelTab(tx, key);
    await appendEvent(tx, {
      orgId: actor.orgId,
      actorId: actor.user.id,
      action: 'channel_tab.unbound',
      caseId: row.caseId,
      before: { ...channel, caseNumber: record?.caseNumber ?? null, boundBy: row.boundBy, boundAt: row.boundAt.toISOString() },
      requestId: actor.requestId ?? null,
      at: deps.now(),
    });
  });
}

/** `driveId/itemId@eTag`: a SharePoint file's version as recorded in a document's sourceRef. */
export function sharePointRef(driveId: string, itemId: string, eTag: string): string {
  return `${driveId}/${itemId}@${eTag}`;
}

function parseSharePointRef(ref: string): { item: string; eTag: string } | null {
  const at = ref.indexOf('@');
  return at > 0 ? { item: ref.slice(0, at), eTag: ref.slice(at + 1) } : null;
}

/**
 * The channel's files folder, read through Graph as the user (so they see what Teams shows
 * them), each file with the latest version filed in the bound case and whether SharePoint
 * now holds a newer one.
 */
export async function listChannelFiles(deps: Pick<Deps, 'db'>, actor: Actor, graph: Client, channel: ChannelRef): Promise<ChannelFile[]> {
  const row = await findChannelTab(deps.db, { orgId: actor.orgId, ...channel });
  if (!row) throw notBound();
  const folder = await getChannelFilesFolder(graph, channel.teamId, channel.channelId);
  const [items, filed] = await Promise.all([listChildren(graph, folder.driveId, folder.itemId), listSharePointDocuments(deps.db, row.caseId)]);
  // Oldest first, so the last one of an item wins: the version filed most recently.
  const latest = new Map<string, { documentId: string; documentNumber: string; eTag: string }>();
  for (const doc of filed) {
    const ref = doc.sourceRef ? parseSharePointRef(doc.sourceRef) : null;
    if (ref) latest.set(ref.item, { documentId: doc.id, documentNumber: doc.documentNumber, eTag: ref.eTag });
  }
  return items.map((item) => {
    const known = item.folder ? undefined : latest.get(`${item.driveId}/${item.itemId}`);
    return { ...item, registration: known ? { ...known, newerVersion: item.eTag !== null && item.eTag !== known.eTag } : null };
  });
}
