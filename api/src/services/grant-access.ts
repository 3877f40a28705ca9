import { AppError, canReadConfidential } from '@diarium/core';
import { appendEvent } from '../store/events.ts';
import { deleteGrant, insertGrant } from '../store/grants.ts';
import { findUser } from '../store/users.ts';
import type { Actor, Deps } from './context.ts';
import { findCase } from './find-case.ts';
import { caseFacts } from './views.ts';

/**
 * Lets a colleague read a confidential case (or stops letting them). Only those who may
 * read it themselves and answer for it, its officer and the diary's registrars, decide.
 */
export async function setCaseAccess(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  caseRef: string,
  userId: string,
  granted: boolean,
): Promise<{ changed: boolean }> {
  const record = await findCase(deps.db, actor.orgId, caseRef);
  const facts = caseFacts(record);
  const answersForCase =
    record.officer?.id === actor.user.id ||
    actor.principal.roles.some((r) => r.diaryId === record.diary.id && r.role === 'registrar');
  if (!answersForCase || !canReadConfidential(actor.principal, facts)) {
    throw new AppError('forbidden', 'May not change access to the case', { detail: 'access.grant' });
  }
  const user = await findUser(deps.db, actor.orgId, userId);
  if (!user) {
    throw new AppError('validation_failed', 'Unknown user', { fields: [{ field: 'userId', message: 'field.user.unknown' }] });
  }
  return deps.db.transaction(async (tx) => {
    const changed = granted
      ? await insertGrant(tx, record.id, user.id, actor.user.id)
      : await deleteGrant(tx, record.id, user.id);
    if (changed) {
      await appendEvent(tx, {
        orgId: actor.orgId,
        actorId: actor.user.id,
        action: granted ? 'access.granted' : 'access.revoked',
        caseId: record.id,
        after: { user: { id: user.id, name: user.name, email: user.email } },
        requestId: actor.requestId ?? null,
        at: deps.now(),
      });
    }
    return { changed };
  });
}
