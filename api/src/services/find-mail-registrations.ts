import { canReadCase, type MailRegistrationQuery, type MailRegistrationRef } from '@diarium/core';
import { findCaseById, type CaseRecord } from '../store/cases.ts';
import { listMailRegistrations } from '../store/mail.ts';
import type { Actor, Deps } from './context.ts';
import { caseFacts } from './views.ts';

/**
 * Where a mail is registered, or (by conversation) where the mails it answers are: what the
 * add-in shows when a mail is opened. A confidential case shows its public title only to
 * those who may not read it (rule 4), as in search.
 */
export async function findMailRegistrations(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  query: MailRegistrationQuery,
): Promise<MailRegistrationRef[]> {
  const rows = await listMailRegistrations(deps.db, actor.orgId, {
    ...(query.internetMessageId !== undefined ? { internetMessageId: query.internetMessageId } : {}),
    ...(query.conversationId !== undefined ? { conversationId: query.conversationId } : {}),
  });
  const cases = new Map<string, CaseRecord>();
  for (const row of rows) {
    if (!cases.has(row.caseId)) cases.set(row.caseId, (await findCaseById(deps.db, actor.orgId, row.caseId))!);
  }
  return rows.map((row) => {
    const record = cases.get(row.caseId)!;
    return {
      documentId: row.documentId,
      documentNumber: row.documentNumber,
      caseId: record.id,
      caseNumber: record.caseNumber,
      caseTitle: canReadCase(actor.principal, caseFacts(record)) ? record.title : record.publicTitle,
      registeredBy: row.registeredBy,
      registeredAt: row.registeredAt.toISOString(),
    };
  });
}
