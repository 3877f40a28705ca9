import type { Readable } from 'node:stream';
import { AppError, isAppError } from '@diarium/core';
import { appendEvent } from '../store/events.ts';
import type { DocumentFileRow } from '../store/documents.ts';
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
  const { doc, record, readable } = await loadDocument(deps, actor, documentId);
  if (!readable) throw new AppError('forbidden', 'The document is confidential', { detail: 'access.restricted' });
  const file = doc.files.find((f) => f.id === fileId);
  if (!file) throw new AppError('not_found', 'No such file in the document');

  const event = {
    orgId: actor.orgId,
    actorId: actor.user.id,
    caseId: record.id,
    documentId: doc.id,
    requestId: actor.requestId ?? null,
  };
  if (isConfidentialRead(record, actor.principal, doc.confidential)) {
    await appendEvent(deps.db, { ...event, action: 'file.read', after: { fileId: file.id, name: file.name }, at: deps.now() });
  }
  const content = await deps.blobs.get(file.storageKey, { sha256: file.sha256, size: file.size });
  content.on('error', (error) => {
    if (isAppError(error) && error.code === 'integrity_failed') {
      void appendEvent(deps.db, {
        ...event,
        actorId: null,
        action: 'file.integrity_failed',
        after: { fileId: file.id, name: file.name, sha256: file.sha256 },
        at: deps.now(),
      }).catch(() => undefined);
    }
  });
  return { file, content };
}
