import {
  AppError,
  canReadDocument,
  type ConfidentialityInput,
  type Counterparty,
  type Direction,
  type Document,
} from '@diarium/core';
import { findCaseById, lockCase, type CaseRecord } from '../store/cases.ts';
import type { Queryable, Transaction } from '../store/database.ts';
import { findDocumentById } from '../store/documents.ts';
import { claimIdempotencyKey, recordIdempotentAnswer, type IdempotencyClaim } from '../store/idempotency.ts';
import { findMailDocuments, insertDocumentMail, lockMail } from '../store/mail.ts';
import type { Actor, Deps } from './context.ts';
import { insertNewCase, type PreparedCase, type Registered } from './register-case.ts';
import { insertNewDocument, removeBlobs, type DocumentInput, type UploadedFile } from './register-document.ts';
import { caseFacts, toDocument } from './views.ts';

/** Where a mail goes, checked before it is fetched: an existing case, or a new one. */
export type MailTargetPlan = { kind: 'case'; record: CaseRecord } | { kind: 'newCase'; prepared: PreparedCase };

/** The mail's identity in Exchange, recorded beside its document. */
export interface MailIdentity {
  internetMessageId: string;
  conversationId: string | null;
  /** The shared mailbox it came from; null for the registering user's own. */
  mailbox: string | null;
  /** The immutable item id, when it came through Graph. */
  itemId: string | null;
}

/** The document's register entry, as the user asked for it. */
export interface MailEntry {
  direction: Direction;
  title: string;
  publicTitle?: string | undefined;
  counterparty?: Counterparty | undefined;
  receivedAt?: string | undefined;
  sentAt?: string | undefined;
  confidentiality?: ConfidentialityInput | undefined;
  alsoInOtherCase: boolean;
}

/** The mail's files, already in the blob store: the .eml and the chosen attachments. */
export interface MailFiles {
  files: UploadedFile[];
  bodyText: string | null;
}

/**
 * Records a mail as a document of kind `mail`, in one transaction: the case too when it is
 * new, the files, the body text for search, the mail's identity and the history (rule 2:
 * the same mail in the same case answers the document already there; in another case only
 * when asked). Files of a request that does not end in a new document are removed.
 */
export async function recordMail(
  deps: Pick<Deps, 'db' | 'blobs' | 'now'>,
  actor: Actor,
  target: MailTargetPlan,
  mail: MailIdentity,
  entry: MailEntry,
  stored: MailFiles,
  idempotency?: IdempotencyClaim,
): Promise<Registered<Document>> {
  let result: Registered<Document>;
  try {
    result = await deps.db.transaction(async (tx) => {
      if (idempotency) {
        const earlier = await claimIdempotencyKey(tx, actor.user.id, idempotency);
        if (earlier) return { outcome: earlier.outcome, value: earlier.body as Document };
      }
      await lockMail(tx, actor.orgId, mail.internetMessageId);
      const registrations = await findMailDocuments(tx, actor.orgId, mail.internetMessageId);
      const here = target.kind === 'case' ? registrations.find((r) => r.caseId === target.record.id) : undefined;
      if (here && target.kind === 'case') {
        const view = toDocument((await findDocumentById(tx, actor.orgId, here.documentId))!, target.record, actor.principal);
        if (idempotency) await recordIdempotentAnswer(tx, actor.user.id, idempotency.key, 'existing', view);
        return { outcome: 'existing' as const, value: view };
      }
      if (registrations.length > 0 && !entry.alsoInOtherCase) {
        throw await registeredElsewhere(tx, actor, registrations.map((r) => r.documentId));
      }
      const now = deps.now();
      const record = target.kind === 'case' ? target.record : (await insertNewCase(tx, now, actor, target.prepared)).record;
      await lockCase(tx, record.id);
      const alsoRegisteredAs = await documentNumbers(tx, actor.orgId, registrations.map((r) => r.documentId));
      const id = await insertNewDocument(tx, now, actor, record, documentInput(mail, entry), stored.files, {
        bodyText: stored.bodyText,
        event: { mail: { conversationId: mail.conversationId, mailbox: mail.mailbox, alsoRegisteredAs } },
      });
      await insertDocumentMail(tx, { documentId: id, orgId: actor.orgId, ...mail, createdAt: now });
      const view = toDocument((await findDocumentById(tx, actor.orgId, id))!, record, actor.principal);
      if (idempotency) await recordIdempotentAnswer(tx, actor.user.id, idempotency.key, 'created', view);
      return { outcome: 'created' as const, value: view };
    });
  } catch (error) {
    await removeBlobs(deps, stored.files);
    throw error;
  }
  if (result.outcome !== 'created') await removeBlobs(deps, stored.files);
  return result;
}

function documentInput(mail: MailIdentity, entry: MailEntry): DocumentInput {
  return {
    direction: entry.direction,
    kind: 'mail',
    title: entry.title,
    ...(entry.publicTitle ? { publicTitle: entry.publicTitle } : {}),
    ...(entry.counterparty ? { counterparty: entry.counterparty } : {}),
    ...(entry.receivedAt ? { receivedAt: entry.receivedAt } : {}),
    ...(entry.sentAt ? { sentAt: entry.sentAt } : {}),
    ...(entry.confidentiality ? { confidentiality: entry.confidentiality } : {}),
    source: 'mail',
    sourceRef: mail.internetMessageId,
  };
}

async function documentNumbers(tx: Transaction, orgId: string, ids: string[]): Promise<string[]> {
  const docs = await Promise.all(ids.map((id) => findDocumentById(tx, orgId, id)));
  return docs.flatMap((d) => (d ? [d.documentNumber] : []));
}

/**
 * The 409 for a mail registered in another case. It names a document only to a user who may
 * read it: where a mail is registered can itself be what is confidential.
 */
export async function registeredElsewhere(db: Queryable, actor: Actor, documentIds: string[]): Promise<AppError> {
  let visible: string | undefined;
  for (const id of documentIds) {
    const doc = await findDocumentById(db, actor.orgId, id);
    const record = doc ? await findCaseById(db, actor.orgId, doc.caseId) : null;
    if (doc && record && canReadDocument(actor.principal, caseFacts(record), doc.confidential)) {
      visible = doc.documentNumber;
      break;
    }
  }
  return new AppError('already_registered_elsewhere', 'The mail is registered in another case', {
    fields: [{ field: 'alsoInOtherCase', message: 'field.alsoInOtherCase' }],
    ...(visible ? { params: { documentNumber: visible }, detail: 'mail.registeredElsewhere.known' as const } : {}),
  });
}
