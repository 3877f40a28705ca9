import { AppError, parseCaseNumber } from '@diarium/core';
import type { Queryable } from '../store/database.ts';
import { findCaseById, findCaseByNumber, type CaseRecord } from '../store/cases.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case by its id or its case number in any common spelling; not_found when there is none. */
export async function findCase(db: Queryable, orgId: string, ref: string): Promise<CaseRecord> {
  let record: CaseRecord | null;
  if (UUID.test(ref)) {
    record = await findCaseById(db, orgId, ref.toLowerCase());
  } else {
    const number = parseCaseNumber(ref);
    if (!number) {
      throw new AppError('validation_failed', `Not a case id or number: ${ref.slice(0, 40)}`, {
        fields: [{ field: 'id', message: 'field.caseNumber.format' }],
      });
    }
    record = await findCaseByNumber(db, orgId, number);
  }
  if (!record) throw new AppError('not_found', 'No such case');
  return record;
}
