import type { Case } from '@diarium/core';
import { appendEvent } from '../store/events.ts';
import type { Actor, Deps } from './context.ts';
import { findCase } from './find-case.ts';
import { isConfidentialRead, toCase } from './views.ts';

/** Reads a case by id or number; a confidential case read in full is recorded in its history. */
export async function getCase(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, ref: string): Promise<Case> {
  const record = await findCase(deps.db, actor.orgId, ref);
  if (isConfidentialRead(record, actor.principal)) {
    await appendEvent(deps.db, {
      orgId: actor.orgId,
      actorId: actor.user.id,
      action: 'case.read',
      caseId: record.id,
      requestId: actor.requestId ?? null,
      at: deps.now(),
    });
  }
  return toCase(record, actor.principal);
}
