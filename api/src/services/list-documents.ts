import { AppError, canReadCase, type Document } from '@diarium/core';
import { listCaseDocuments } from '../store/documents.ts';
import type { Actor, Deps } from './context.ts';
import { findCase } from './find-case.ts';
import { caseFacts, toDocument } from './views.ts';

/** The documents of a case, each masked as the actor may see it. */
export async function listDocuments(deps: Pick<Deps, 'db'>, actor: Actor, caseRef: string): Promise<Document[]> {
  const record = await findCase(deps.db, actor.orgId, caseRef);
  if (!canReadCase(actor.principal, caseFacts(record))) {
    throw new AppError('forbidden', 'The case is confidential', { detail: 'access.restricted' });
  }
  const docs = await listCaseDocuments(deps.db, record.id);
  return docs.map((doc) => toDocument(doc, record, actor.principal));
}
