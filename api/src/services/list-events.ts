import { AppError, canReadCase, canReadConfidential, type CaseEvent } from '@diarium/core';
import { listCaseEvents } from '../store/events.ts';
import { documents } from '../store/schema.ts';
import { eq } from 'drizzle-orm';
import type { Actor, Deps } from './context.ts';
import { findCase } from './find-case.ts';
import { caseFacts } from './views.ts';

/**
 * The history of a case. Someone who may not read a confidential case sees none of it;
 * in a public case, what concerns a confidential document shows only its number.
 */
export async function listEvents(deps: Pick<Deps, 'db'>, actor: Actor, caseRef: string): Promise<CaseEvent[]> {
  const record = await findCase(deps.db, actor.orgId, caseRef);
  const facts = caseFacts(record);
  if (!canReadCase(actor.principal, facts)) {
    throw new AppError('forbidden', 'The case is confidential', { detail: 'access.restricted' });
  }
  const rows = await listCaseEvents(deps.db, record.id);
  let hidden = new Set<string>();
  if (!canReadConfidential(actor.principal, facts)) {
    const confidentialDocs = await deps.db
      .select({ id: documents.id, confidential: documents.confidential })
      .from(documents)
      .where(eq(documents.caseId, record.id));
    hidden = new Set(confidentialDocs.filter((d) => d.confidential).map((d) => d.id));
  }
  return rows.map((row) => {
    const masked = row.documentId !== null && hidden.has(row.documentId);
    return {
      id: String(row.id),
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action as CaseEvent['action'],
      caseId: row.caseId!,
      documentId: row.documentId,
      before: masked ? null : (row.before as Record<string, unknown> | null),
      after: masked ? maskedDocument(row.after) : (row.after as Record<string, unknown> | null),
    };
  });
}

function maskedDocument(after: unknown): Record<string, unknown> | null {
  const value = after as { documentNumber?: unknown; publicTitle?: unknown } | null;
  if (!value || value.documentNumber === undefined) return null;
  return { documentNumber: value.documentNumber, publicTitle: value.publicTitle, confidential: true };
}
