import { AppError, canReadDocument, type Document } from '@diarium/core';
import { findCaseById } from '../store/cases.ts';
import { findDocumentById, type DocumentRecord } from '../store/documents.ts';
import { appendEvent } from '../store/events.ts';
import type { CaseRecord } from '../store/cases.ts';
import type { Actor, Deps } from './context.ts';
import { caseFacts, isConfidentialRead, toDocument } from './views.ts';

/** Reads a document; reading a confidential one in full is recorded in its case's history. */
export async function getDocument(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string): Promise<Document> {
  const { doc, record } = await loadDocument(deps, actor, id);
  if (isConfidentialRead(record, actor.principal, doc.confidential)) {
    await appendEvent(deps.db, {
      orgId: actor.orgId,
      actorId: actor.user.id,
      action: 'document.read',
      caseId: record.id,
      documentId: doc.id,
      requestId: actor.requestId ?? null,
      at: deps.now(),
    });
  }
  return toDocument(doc, record, actor.principal);
}

export async function loadDocument(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  id: string,
): Promise<{ doc: DocumentRecord; record: CaseRecord; readable: boolean }> {
  const doc = await findDocumentById(deps.db, actor.orgId, id);
  if (!doc) throw new AppError('not_found', 'No such document');
  const record = (await findCaseById(deps.db, actor.orgId, doc.caseId))!;
  return { doc, record, readable: canReadDocument(actor.principal, caseFacts(record), doc.confidential) };
}
