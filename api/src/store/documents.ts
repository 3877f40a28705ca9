import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Confidentiality, Counterparty, DocumentSource } from '@diarium/core';
import type { Queryable } from './database.ts';
import { documentFiles, documents, users } from './schema.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type DocumentFileRow = typeof documentFiles.$inferSelect;
export type NewDocumentFileRow = typeof documentFiles.$inferInsert;

export interface DocumentRecord extends Omit<DocumentRow, 'counterparty' | 'confidentiality' | 'searchFull' | 'searchPublic'> {
  counterparty: Counterparty | null;
  confidentiality: Confidentiality | null;
  registeredByUser: { id: string; name: string; email: string };
  files: DocumentFileRow[];
}

export async function insertDocument(
  tx: Queryable,
  values: NewDocumentRow,
  files: Omit<NewDocumentFileRow, 'documentId'>[],
): Promise<string> {
  const [row] = await tx.insert(documents).values(values).returning({ id: documents.id });
  if (files.length > 0) {
    await tx.insert(documentFiles).values(files.map((f) => ({ ...f, documentId: row!.id })));
  }
  return row!.id;
}

export async function findDocumentBySource(
  db: Queryable,
  caseId: string,
  source: DocumentSource,
  sourceRef: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.caseId, caseId), eq(documents.source, source), eq(documents.sourceRef, sourceRef)));
  return row?.id ?? null;
}

const documentColumns = {
  id: documents.id,
  orgId: documents.orgId,
  caseId: documents.caseId,
  number: documents.number,
  documentNumber: documents.documentNumber,
  direction: documents.direction,
  kind: documents.kind,
  title: documents.title,
  publicTitle: documents.publicTitle,
  documentDate: documents.documentDate,
  receivedAt: documents.receivedAt,
  sentAt: documents.sentAt,
  counterparty: documents.counterparty,
  confidentiality: documents.confidentiality,
  confidential: documents.confidential,
  source: documents.source,
  sourceRef: documents.sourceRef,
  bodyText: documents.bodyText,
  registeredBy: documents.registeredBy,
  registeredAt: documents.registeredAt,
  registeredByUser: { id: users.id, name: users.name, email: users.email },
};

async function withFiles(db: Queryable, rows: Omit<DocumentRecord, 'files'>[]): Promise<DocumentRecord[]> {
  if (rows.length === 0) return [];
  const files = await db
    .select()
    .from(documentFiles)
    .where(
      inArray(
        documentFiles.documentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(documentFiles.createdAt), asc(documentFiles.name));
  return rows.map((row) => ({ ...row, files: files.filter((f) => f.documentId === row.id) }));
}

type Selected = { counterparty: unknown; confidentiality: unknown };
const cast = <T extends Selected>(row: T) =>
  row as Omit<T, 'counterparty' | 'confidentiality'> & {
    counterparty: Counterparty | null;
    confidentiality: Confidentiality | null;
  };

export async function findDocumentById(db: Queryable, orgId: string, id: string): Promise<DocumentRecord | null> {
  const rows = await db
    .select(documentColumns)
    .from(documents)
    .innerJoin(users, eq(users.id, documents.registeredBy))
    .where(and(eq(documents.orgId, orgId), eq(documents.id, id)));
  const [record] = await withFiles(db, rows.map(cast));
  return record ?? null;
}

export async function listCaseDocuments(db: Queryable, caseId: string): Promise<DocumentRecord[]> {
  const rows = await db
    .select(documentColumns)
    .from(documents)
    .innerJoin(users, eq(users.id, documents.registeredBy))
    .where(eq(documents.caseId, caseId))
    .orderBy(asc(documents.number));
  return withFiles(db, rows.map(cast));
}
