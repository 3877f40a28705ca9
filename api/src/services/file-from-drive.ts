import type { z } from 'zod';
import type { Client } from '@microsoft/microsoft-graph-client';
import { AppError, cleanMediaType, isAppError, type Document, type FileFromDriveResult, type FileFromDriveSchema } from '@diarium/core';
import { formatBytes } from '../files/format-bytes.ts';
import { getDriveItem, openDriveContent, type DriveItem } from '../graph/drive.ts';
import { fileNameFor } from '../mail/attachments.ts';
import { lockCase, type CaseRecord } from '../store/cases.ts';
import type { Transaction } from '../store/database.ts';
import { findDocumentById, findDocumentBySource } from '../store/documents.ts';
import { claimIdempotencyKey, peekIdempotentAnswer, recordIdempotentAnswer, type IdempotencyClaim } from '../store/idempotency.ts';
import { pgErrorOf, UNIQUE_VIOLATION } from '../store/pg-error.ts';
import { sharePointRef } from './channel-tabs.ts';
import type { Actor, MailDeps } from './context.ts';
import type { MailCaller } from './register-mail.ts';
import type { Registered } from './register-case.ts';
import { insertNewDocument, prepareDocumentRegistration, removeBlobs, type DocumentInput, type UploadedFile } from './register-document.ts';
import { toDocument } from './views.ts';

export type FileFromDriveInput = z.output<typeof FileFromDriveSchema>;
type Filing = FileFromDriveInput['items'][number];

/** One item, looked up in SharePoint: what it is, its version, and (when it is new to the case) its bytes in the blob store. */
interface Fetched {
  filing: Filing;
  item: DriveItem;
  sourceRef: string;
  file: UploadedFile | null;
}

function tooLarge(maxBytes: number, field: string, name: string, cause?: unknown): AppError {
  const limit = formatBytes(maxBytes);
  return new AppError('payload_too_large', `${field} is larger than ${limit}`, {
    params: { limit, name },
    detail: 'files.tooLarge',
    fields: [{ field, message: 'files.tooLarge' }],
    cause,
  });
}

const titleOf = (name: string) => name.replace(/\.[^.]+$/, '').trim() || name;

/**
 * Files SharePoint files (a Teams channel's files) into a case as documents of source
 * `sharepoint`, each version once (rule 2): the same driveId/itemId@eTag again answers the
 * document already there, a newer eTag makes a new document. Every file is fetched as the
 * user through Graph and stored with its SHA-256 before one transaction records them all,
 * so a request either files every item or none (an item that fails names itself, `items.N`).
 */
export async function fileFromDrive(
  deps: MailDeps,
  actor: Actor,
  caller: MailCaller,
  caseRef: string,
  input: FileFromDriveInput,
  idempotency?: IdempotencyClaim,
): Promise<Registered<FileFromDriveResult>> {
  const record = await prepareDocumentRegistration(deps, actor, caseRef);
  const replay = idempotency ? await peekIdempotentAnswer(deps.db, actor.user.id, idempotency) : null;
  if (replay) return { outcome: replay.outcome, value: replay.body as FileFromDriveResult };

  const graph = deps.graph.asUser(caller.assertion, { files: true });
  const fetched: Fetched[] = [];
  try {
    for (const [index, filing] of input.items.entries()) fetched.push(await fetchItem(deps, graph, record, filing, `items.${index}`));
    return await recordFilings(deps, actor, record, fetched, idempotency);
  } catch (error) {
    await removeBlobs(deps, fetched.flatMap((f) => (f.file ? [f.file] : [])));
    // Two requests raced past the check with the same version: the first one won; ask again.
    if (pgErrorOf(error)?.code === UNIQUE_VIOLATION) return fileFromDrive(deps, actor, caller, caseRef, input, idempotency);
    throw error;
  }
}

async function fetchItem(deps: MailDeps, graph: Client, record: CaseRecord, filing: Filing, field: string): Promise<Fetched> {
  const item = await getDriveItem(graph, filing.driveId, filing.itemId, field);
  if (item.folder || item.eTag === null) {
    throw new AppError('validation_failed', `${field} is a folder`, { fields: [{ field: `${field}.itemId`, message: 'field.itemId.folder' }] });
  }
  if (filing.eTag && filing.eTag !== item.eTag) {
    throw new AppError('conflict', `${field} has changed`, { fields: [{ field: `${field}.eTag`, message: 'field.eTag.changed' }] });
  }
  const sourceRef = sharePointRef(item.driveId, item.itemId, item.eTag);
  if (await findDocumentBySource(deps.db, record.id, 'sharepoint', sourceRef)) return { filing, item, sourceRef, file: null };
  if (item.size > deps.maxUploadBytes) throw tooLarge(deps.maxUploadBytes, field, item.name);
  const content = await openDriveContent(graph, item.driveId, item.itemId, field);
  const mediaType = cleanMediaType(item.mediaType ?? 'application/octet-stream');
  const blob = await deps.blobs.put(content, { maxBytes: deps.maxUploadBytes, mediaType }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'payload_too_large') throw tooLarge(deps.maxUploadBytes, field, item.name, error);
    throw error;
  });
  return { filing, item, sourceRef, file: { name: fileNameFor(item.name), mediaType, blob, main: true } };
}

function documentInput(f: Fetched): DocumentInput {
  const title = f.filing.title ?? titleOf(f.item.name);
  return {
    direction: f.filing.direction,
    kind: 'other',
    title,
    ...(f.filing.publicTitle ? { publicTitle: f.filing.publicTitle } : {}),
    ...(f.filing.confidentiality ? { confidentiality: f.filing.confidentiality } : {}),
    source: 'sharepoint',
    sourceRef: f.sourceRef,
  };
}

/** Records the fetched items in one transaction; files of versions already in the case are removed afterwards. */
async function recordFilings(
  deps: MailDeps,
  actor: Actor,
  record: CaseRecord,
  fetched: Fetched[],
  idempotency?: IdempotencyClaim,
): Promise<Registered<FileFromDriveResult>> {
  const result = await deps.db.transaction(async (tx) => {
    if (idempotency) {
      const earlier = await claimIdempotencyKey(tx, actor.user.id, idempotency);
      if (earlier) return { outcome: earlier.outcome, value: earlier.body as FileFromDriveResult, kept: new Set<UploadedFile>() };
    }
    await lockCase(tx, record.id);
    const now = deps.now();
    const items: FileFromDriveResult['items'] = [];
    const kept = new Set<UploadedFile>();
    for (const f of fetched) {
      const { document, created } = await fileOne(tx, now, actor, record, f);
      if (created && f.file) kept.add(f.file);
      items.push({ alreadyRegistered: !created, document });
    }
    const value = { items };
    const outcome = items.some((i) => !i.alreadyRegistered) ? ('created' as const) : ('existing' as const);
    if (idempotency) await recordIdempotentAnswer(tx, actor.user.id, idempotency.key, outcome, value);
    return { outcome, value, kept };
  });
  await removeBlobs(deps, fetched.flatMap((f) => (f.file && !result.kept.has(f.file) ? [f.file] : [])));
  return { outcome: result.outcome, value: result.value };
}

/** One item inside the transaction: the version already in the case, or a new document. The same item twice in a request files once. */
async function fileOne(tx: Transaction, now: Date, actor: Actor, record: CaseRecord, f: Fetched): Promise<{ document: Document; created: boolean }> {
  const existing = await findDocumentBySource(tx, record.id, 'sharepoint', f.sourceRef);
  const id = existing ?? (f.file ? await insertNewDocument(tx, now, actor, record, documentInput(f), [f.file], { event: { sharepoint: { webUrl: f.item.webUrl } } }) : null);
  if (!id) throw new AppError('conflict', 'The filed version is gone');
  return { document: toDocument((await findDocumentById(tx, actor.orgId, id))!, record, actor.principal), created: existing === null };
}
