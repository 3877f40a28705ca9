import {
  AppError,
  canRegisterIn,
  formatCaseNumber,
  hasRole,
  registrationYear,
  type Case,
  type CreateCase,
  type FieldError,
  type UnitRef,
  type UserRef,
} from '@diarium/core';
import type { Queryable, Transaction } from '../store/database.ts';
import { insertCase, takeCaseSequence, type CaseRecord } from '../store/cases.ts';
import { appendEvent } from '../store/events.ts';
import { claimIdempotencyKey, recordIdempotentAnswer, type IdempotencyClaim, type Outcome } from '../store/idempotency.ts';
import { findDiaryByPrefix, findUnit } from '../store/organisations.ts';
import { findUser } from '../store/users.ts';
import type { Actor, Deps } from './context.ts';
import { markConfidential } from './mark-confidential.ts';
import { noticeOfAssignment } from './notices.ts';
import { toCase } from './views.ts';

export interface Registered<T> {
  outcome: Outcome;
  value: T;
}

/** Registers a new case and gives it the next number in its diary, in one transaction (rule 1). */
export async function registerCase(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  input: CreateCase,
  idempotency?: IdempotencyClaim,
): Promise<Registered<Case>> {
  const prepared = await prepareCaseRegistration(deps, actor, input);
  return deps.db.transaction(async (tx) => {
    if (idempotency) {
      const earlier = await claimIdempotencyKey(tx, actor.user.id, idempotency);
      if (earlier) return { outcome: earlier.outcome, value: earlier.body as Case };
    }
    const { view } = await insertNewCase(tx, deps.now(), actor, prepared);
    if (idempotency) await recordIdempotentAnswer(tx, actor.user.id, idempotency.key, 'created', view);
    return { outcome: 'created' as const, value: view };
  });
}

/** A case request checked against the diary, the actor's roles and the organisation, ready to insert. */
export interface PreparedCase {
  input: CreateCase;
  diary: { id: string; prefix: string; name: string };
  officerId: string | null;
  officer: UserRef | null;
  unit: UnitRef | null;
}

/** Checks, before anything is stored, that the actor may register this case; for insertNewCase. */
export async function prepareCaseRegistration(deps: Pick<Deps, 'db'>, actor: Actor, input: CreateCase): Promise<PreparedCase> {
  const diary = await findDiaryByPrefix(deps.db, actor.orgId, input.diary);
  if (!diary) {
    throw new AppError('validation_failed', `Unknown diary ${input.diary}`, {
      fields: [{ field: 'diary', message: 'field.diary.unknown' }],
      params: { diary: input.diary },
    });
  }
  if (!canRegisterIn(actor.principal, diary.id)) {
    throw new AppError('forbidden', `No register role in ${diary.prefix}`, {
      params: { diary: diary.prefix },
      detail: 'access.register',
    });
  }
  const officerId =
    input.officerId ?? (hasRole(actor.principal, diary.id, 'officer') ? actor.user.id : null);
  const { officer, unit } = await checkReferences(deps.db, actor.orgId, { officerId, unitId: input.unitId ?? null });
  return { input, diary: { id: diary.id, prefix: diary.prefix, name: diary.name }, officerId, officer, unit };
}

/**
 * Inserts a prepared case inside the caller's transaction, taking its number there (rule 1).
 * Gives the case as the register holds it, and as the actor sees it.
 */
export async function insertNewCase(
  tx: Transaction,
  now: Date,
  actor: Actor,
  { input, diary, officerId, officer, unit }: PreparedCase,
): Promise<{ record: CaseRecord; view: Case }> {
  const year = registrationYear(now);
  const sequence = await takeCaseSequence(tx, diary.id, year);
  const caseNumber = formatCaseNumber({ prefix: diary.prefix, year, sequence });
  const confidentiality = markConfidential(input.confidentiality, now, actor);
  const row = await insertCase(tx, {
    orgId: actor.orgId,
    diaryId: diary.id,
    year,
    sequence,
    caseNumber,
    title: input.title,
    publicTitle: input.publicTitle ?? input.title,
    classification: input.classification ?? null,
    caseType: input.caseType ?? null,
    officerId,
    unitId: input.unitId ?? null,
    counterparties: input.counterparties ?? [],
    confidentiality,
    confidential: confidentiality !== null,
    openedAt: now,
    createdBy: actor.user.id,
    createdAt: now,
    updatedAt: now,
  });
  await appendEvent(tx, {
    orgId: actor.orgId,
    actorId: actor.user.id,
    action: 'case.registered',
    caseId: row.id,
    after: {
      caseNumber,
      title: row.title,
      publicTitle: row.publicTitle,
      classification: row.classification,
      caseType: row.caseType,
      officerId,
      unitId: row.unitId,
      counterparties: row.counterparties,
      confidentiality,
    },
    requestId: actor.requestId ?? null,
    at: now,
  });
  await noticeOfAssignment(tx, { orgId: actor.orgId, caseId: row.id, officerId, actorId: actor.user.id, at: now });
  // Built from what is at hand rather than read back: the diary's number stays locked
  // until commit, and every query saved here is time other registrations do not wait.
  const record: CaseRecord = {
    ...row,
    diary,
    officer,
    unit,
    counterparties: input.counterparties ?? [],
    confidentiality,
    documentCount: 0,
    createdBy: actor.user,
    grantedUserIds: [],
  };
  return { record, view: toCase(record, actor.principal) };
}

/** Officers and units named in a request must belong to the organisation; gives them back. */
export async function checkReferences(
  db: Queryable,
  orgId: string,
  refs: { officerId?: string | null; unitId?: string | null },
): Promise<{ officer: UserRef | null; unit: UnitRef | null }> {
  const fields: FieldError[] = [];
  const officer = refs.officerId ? await findUser(db, orgId, refs.officerId) : null;
  if (refs.officerId && !officer) fields.push({ field: 'officerId', message: 'field.officer.unknown' });
  const unit = refs.unitId ? await findUnit(db, orgId, refs.unitId) : null;
  if (refs.unitId && !unit) fields.push({ field: 'unitId', message: 'field.unit.unknown' });
  if (fields.length > 0) throw new AppError('validation_failed', 'Unknown officer or unit', { fields });
  return {
    officer: officer ? { id: officer.id, name: officer.name, email: officer.email } : null,
    unit: unit ? { id: unit.id, name: unit.name } : null,
  };
}
