import type { z } from 'zod';
import type {
  CreateDocumentSchema} from '@diarium/core';
import {
  AppError,
  canAddDocument,
  formatDocumentNumber,
  swedishDate,
  type Document,
} from '@diarium/core';
import type { StoredBlob } from '../files/blob-store.ts';
import type { Transaction } from '../store/database.ts';
import { lockCase, takeDocumentNumber, type CaseRecord } from '../store/cases.ts';
import { findDocumentById, findDocumentBySource, insertDocument } from '../store/documents.ts';
import { appendEvent } from '../store/events.ts';
import { claimIdempotencyKey, recordIdempotentAnswer, type IdempotencyClaim } from '../store/idempotency.ts';
import { pgErrorOf, UNIQUE_VIOLATION } from '../store/pg-error.ts';
import type { Actor, Deps } from './context.ts';
import { markConfidential } from './mark-confidential.ts';
import { findCase } from './find-case.ts';
import type { Registered } from './register-case.ts';
import { caseFacts, toDocument } from './views.ts';

export type DocumentInput = z.output<typeof CreateDocumentSchema>;

/** A file already streamed into the blob store, waiting for its document. */
export interface UploadedFile {
  name: string;
  mediaType: string;
  blob: StoredBlob;
  /** Whether it is the main document; when absent, the file named by `mainFile` (or the only file) is. */
  main?: boolean;
}

/** What a registration records beyond the document's fields: a mail's text for search, and for its history. */
export interface DocumentExtras {
  /** Extracted text (a mail's body), searchable by those who may read the document. */
  bodyText?: string | null;
  /** Added to the history event's `after`. */
  event?: Record<string, unknown>;
}

/**
 * Checks, before any bytes are stored, that the actor may add documents to the case.
 * Returns the case so the caller can go on with registerDocument.
 */
export async function prepareDocumentRegistration(deps: Pick<Deps, 'db'>, actor: Actor, caseRef: string): Promise<CaseRecord> {
  const record = await findCase(deps.db, actor.orgId, caseRef);
  if (!canAddDocument(actor.principal, caseFacts(record))) {
    throw new AppError('forbidden', 'May not add documents to this case', {
      params: { diary: record.diary.prefix },
      detail: 'access.register',
    });
  }
  if (record.status === 'cancelled') {
    throw new AppError('conflict', 'The case is cancelled', {
      fields: [{ field: 'status', message: 'field.status.transition' }],
      params: { from: 'cancelled', to: 'cancelled' },
    });
  }
  return record;
}

/**
 * Registers a document and its files in a case, in one transaction. The same source item
 * (a mail's internetMessageId, a SharePoint item and eTag) registers once into a case;
 * asking again answers with the document already there (rule 2). Files of a request that
 * does not end in a new document are removed from the blob store.
 */
export async function registerDocument(
  deps: Deps,
  actor: Actor,
  caseRef: string,
  input: DocumentInput,
  files: UploadedFile[],
  idempotency?: IdempotencyClaim,
): Promise<Registered<Document>> {
  let result: Registered<Document>;
  try {
    const record = await prepareDocumentRegistration(deps, actor, caseRef);
    result = await deps.db.transaction(async (tx) => {
      if (idempotency) {
        const earlier = await claimIdempotencyKey(tx, actor.user.id, idempotency);
        if (earlier) return { outcome: earlier.outcome, value: earlier.body as Document };
      }
      await lockCase(tx, record.id);
      if (input.sourceRef) {
        const existing = await findDocumentBySource(tx, record.id, input.source, input.sourceRef);
        if (existing) {
          const view = toDocument((await findDocumentById(tx, actor.orgId, existing))!, record, actor.principal);
          if (idempotency) await recordIdempotentAnswer(tx, actor.user.id, idempotency.key, 'existing', view);
          return { outcome: 'existing' as const, value: view };
        }
      }
      const id = await insertNewDocument(tx, deps.now(), actor, record, input, files);
      const view = toDocument((await findDocumentById(tx, actor.orgId, id))!, record, actor.principal);
      if (idempotency) await recordIdempotentAnswer(tx, actor.user.id, idempotency.key, 'created', view);
      return { outcome: 'created' as const, value: view };
    });
  } catch (error) {
    await removeBlobs(deps, files);
    // Two requests raced past the check with the same source item: the first one won.
    if (input.sourceRef && pgErrorOf(error)?.code === UNIQUE_VIOLATION) {
      return registerDocument(deps, actor, caseRef, input, [], idempotency);
    }
    throw error;
  }
  if (result.outcome !== 'created') await removeBlobs(deps, files);
  return result;
}

/** Inserts a document with its files and history event inside the caller's transaction, which has locked the case. */
export async function insertNewDocument(
  tx: Transaction,
  now: Date,
  actor: Actor,
  record: CaseRecord,
  input: DocumentInput,
  files: UploadedFile[],
  extras: DocumentExtras = {},
): Promise<string> {
  const number = await takeDocumentNumber(tx, record.id);
  const documentNumber = formatDocumentNumber({ prefix: record.diary.prefix, year: record.year, sequence: record.sequence }, number);
  const confidentiality = markConfidential(input.confidentiality, now, actor);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : input.direction === 'incoming' ? now : null;
  const sentAt = input.sentAt ? new Date(input.sentAt) : null;
  const mainName = input.mainFile ?? (files.length === 1 ? files[0]!.name : undefined);
  const id = await insertDocument(
    tx,
    {
      orgId: actor.orgId,
      caseId: record.id,
      number,
      documentNumber,
      direction: input.direction,
      kind: input.kind,
      title: input.title,
      publicTitle: input.publicTitle ?? input.title,
      documentDate: input.documentDate ?? swedishDate(receivedAt ?? sentAt ?? now),
      receivedAt,
      sentAt,
      counterparty: input.counterparty ?? null,
      confidentiality,
      confidential: confidentiality !== null,
      source: input.source,
      sourceRef: input.sourceRef ?? null,
      bodyText: extras.bodyText ?? null,
      registeredBy: actor.user.id,
      registeredAt: now,
    },
    files.map((f) => ({
      name: f.name,
      mediaType: f.mediaType,
      size: f.blob.size,
      sha256: f.blob.sha256,
      storageKey: f.blob.key,
      main: f.main ?? f.name === mainName,
      createdAt: now,
    })),
  );
  await appendEvent(tx, {
    orgId: actor.orgId,
    actorId: actor.user.id,
    action: 'document.registered',
    caseId: record.id,
    documentId: id,
    after: {
      documentNumber,
      title: input.title,
      publicTitle: input.publicTitle ?? input.title,
      direction: input.direction,
      kind: input.kind,
      counterparty: input.counterparty ?? null,
      confidentiality,
      source: input.source,
      sourceRef: input.sourceRef ?? null,
      files: files.map((f) => ({ name: f.name, size: f.blob.size, sha256: f.blob.sha256 })),
      ...extras.event,
    },
    requestId: actor.requestId ?? null,
    at: now,
  });
  return id;
}

/** Removes the files of a request that did not end in a new document. */
export async function removeBlobs(deps: Pick<Deps, 'blobs'>, files: Pick<UploadedFile, 'blob'>[]): Promise<void> {
  await Promise.all(files.map((f) => deps.blobs.delete(f.blob.key).catch(() => undefined)));
}
