import type { Readable } from 'node:stream';
import { AppError, isAppError } from '@diarium/core';
import type { CaseRecord } from '../store/cases.ts';
import { appendEvent } from '../store/events.ts';
import type { DocumentFileRow, DocumentRecord } from '../store/documents.ts';
import type { Actor, Deps } from './context.ts';
import { loadDocument } from './get-document.ts';
import { isConfidentialRead } from './views.ts';

/**
 * Opens a registered file for reading. The stream checks the SHA-256 recorded at storing
 * (rule 5); a mismatch ends it with integrity_failed and is recorded in the history.
 */
export async function readFile(
  deps: Deps,
  actor: Actor,
  documentId: string,
  fileId: string,
): Promise<{ file: DocumentFileRow; content: Readable }> {
  const { doc, record } = await loadReadableDocument(deps, actor, documentId);
  const file = doc.files.find((f) => f.id === fileId);
  if (!file) throw new AppError('not_found', 'No such file in the document');
  await recordFileRead(deps, actor, record, doc, file);
  return { file, content: await openStoredFile(deps, actor, record, doc, file) };
}

/** A document whose files the actor may read: forbidden for a confidential one they may not. */
export async function loadReadableDocument(deps: Pick<Deps, 'db'>, actor: Actor, documentId: string): Promise<{ doc: DocumentRecord; record: CaseRecord }> {
  const { doc, record, readable } = await loadDocument(deps, actor, documentId);
  if (!readable) throw new AppError('forbidden', 'The document is confidential', { detail: 'access.restricted' });
  return { doc, record };
}

/** Records reading a confidential document's file in its case's history (rule 3). */
export async function recordFileRead(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, record: CaseRecord, doc: DocumentRecord, file: DocumentFileRow): Promise<void> {
  if (!isConfidentialRead(record, actor.principal, doc.confidential)) return;
  await appendEvent(deps.db, {
    orgId: actor.orgId,
    actorId: actor.user.id,
    action: 'file.read',
    caseId: record.id,
    documentId: doc.id,
    after: { fileId: file.id, name: file.name },
    requestId: actor.requestId ?? null,
    at: deps.now(),
  });
}

/** Opens a stored file whose stream checks its SHA-256; a mismatch is recorded in the history. */
export async function openStoredFile(
  deps: Deps,
  actor: Actor,
  record: CaseRecord,
  doc: DocumentRecord,
  file: DocumentFileRow,
): Promise<Readable> {
  const content = await deps.blobs.get(file.storageKey, { sha256: file.sha256, size: file.size });
  content.on('error', (error) => {
    if (isAppError(error) && error.code === 'integrity_failed') {
      void appendEvent(deps.db, {
        orgId: actor.orgId,
        actorId: null,
        action: 'file.integrity_failed',
        caseId: record.id,
        documentId: doc.id,
        after: { fileId: file.id, name: file.name, sha256: file.sha256 },
        requestId: actor.requestId ?? null,
        at: deps.now(),
      }).catch(() => undefined);
    }
  });
  return content;
}
