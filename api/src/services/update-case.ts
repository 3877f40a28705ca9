import {
  AppError,
  canChangeStatus,
  canEditCase,
  type Case,
  type CaseStatus,
  type EventAction,
  type UpdateCase,
} from '@diarium/core';
import { findCaseById, updateCaseAtVersion, type CaseRecord, type NewCaseRow } from '../store/cases.ts';
import { appendEvent } from '../store/events.ts';
import type { Actor, Deps } from './context.ts';
import { findCase } from './find-case.ts';
import { noticeOfAssignment } from './notices.ts';
import { checkReferences } from './register-case.ts';
import { caseFacts, toCase } from './views.ts';

/**
 * Changes a case, provided it is still at the version the caller read (If-Match), so two
 * people editing at once never lose one another's change. Each change is an event (rule 3).
 */
export async function updateCase(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  ref: string,
  expectedVersion: number,
  patch: UpdateCase,
): Promise<Case> {
  const current = await findCase(deps.db, actor.orgId, ref);
  if (!canEditCase(actor.principal, caseFacts(current))) {
    throw new AppError('forbidden', 'Not the officer or a registrar of the case', { detail: 'access.edit' });
  }
  if (current.version !== expectedVersion) throw stale(current.version);
  await checkReferences(deps.db, actor.orgId, { officerId: patch.officerId, unitId: patch.unitId });

  const now = deps.now();
  const { changes, before, after } = fieldChanges(current, patch);
  const transition = statusChange(current, patch, now);

  return deps.db.transaction(async (tx) => {
    const updated = await updateCaseAtVersion(tx, current.id, expectedVersion, { ...changes, ...transition?.changes }, now);
    if (!updated) throw stale(expectedVersion);
    const event = { orgId: actor.orgId, actorId: actor.user.id, caseId: current.id, requestId: actor.requestId ?? null, at: now };
    if (Object.keys(after).length > 0) {
      await appendEvent(tx, { ...event, action: 'case.updated', before, after });
    }
    if (transition) {
      await appendEvent(tx, { ...event, action: transition.action, before: transition.before, after: transition.after });
    }
    if (changes.officerId) {
      await noticeOfAssignment(tx, { orgId: actor.orgId, caseId: current.id, officerId: changes.officerId, actorId: actor.user.id, at: now });
    }
    return toCase((await findCaseById(tx, actor.orgId, current.id))!, actor.principal);
  });
}

function stale(version: number) {
  return new AppError('precondition_failed', `The case is no longer at version ${version}`, {
    fields: [{ field: 'If-Match', message: 'problem.precondition_failed.detail' }],
  });
}

function fieldChanges(current: CaseRecord, patch: UpdateCase) {
  const changes: Partial<NewCaseRow> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const change = (name: keyof NewCaseRow, from: unknown, to: unknown) => {
    if (to === undefined || JSON.stringify(from) === JSON.stringify(to)) return;
    (changes as Record<string, unknown>)[name] = to;
    before[name] = from;
    after[name] = to;
  };
  change('title', current.title, patch.title);
  // A public case's public title follows its title unless someone set it apart.
  const followsTitle = !current.confidential && current.publicTitle === current.title;
  change('publicTitle', current.publicTitle, patch.publicTitle ?? (followsTitle ? patch.title : undefined));
  change('classification', current.classification, patch.classification);
  change('officerId', current.officer?.id ?? null, patch.officerId);
  change('unitId', current.unit?.id ?? null, patch.unitId);
  change('counterparties', current.counterparties, patch.counterparties);
  return { changes, before, after };
}

function statusChange(current: CaseRecord, patch: UpdateCase, now: Date) {
  const target: { to: CaseStatus; action: EventAction; changes: Partial<NewCaseRow>; detail: Record<string, unknown> } | null =
    patch.close
      ? {
          to: 'closed',
          action: 'case.closed',
          changes: { status: 'closed', closedAt: now, decisionSummary: patch.close.decisionSummary },
          detail: { decisionSummary: patch.close.decisionSummary, decidedOn: patch.close.decidedOn ?? null },
        }
      : patch.reopen
        ? { to: 'open', action: 'case.reopened', changes: { status: 'open', closedAt: null }, detail: { reason: patch.reopen.reason } }
        : patch.cancel
          ? { to: 'cancelled', action: 'case.cancelled', changes: { status: 'cancelled', closedAt: now }, detail: { reason: patch.cancel.reason } }
          : null;
  if (!target) return null;
  if (!canChangeStatus(current.status, target.to)) {
    throw new AppError('conflict', `Cannot go from ${current.status} to ${target.to}`, {
      fields: [{ field: 'status', message: 'field.status.transition' }],
      params: { from: current.status, to: target.to },
    });
  }
  return {
    action: target.action,
    changes: target.changes,
    before: { status: current.status },
    after: { status: target.to, ...target.detail },
  };
}
