import { and, desc, eq, sql } from 'drizzle-orm';
import type { ConfidentialityInput } from '@diarium/core';
import type { Queryable } from './database.ts';
import { documentMail, documents, outgoingMailTies, users } from './schema.ts';

export type NewDocumentMailRow = typeof documentMail.$inferInsert;
export type OutgoingMailTieRow = Omit<typeof outgoingMailTies.$inferSelect, 'confidentiality'> & {
  confidentiality: ConfidentialityInput | null;
};

export async function insertDocumentMail(tx: Queryable, row: NewDocumentMailRow): Promise<void> {
  await tx.insert(documentMail).values(row);
}

/**
 * Holds, until the transaction ends, the right to register this mail in the organisation:
 * two registrations of the same mail queue here, so "already registered elsewhere" is
 * decided on what is committed.
 */
export async function lockMail(tx: Queryable, orgId: string, internetMessageId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`mail:${orgId}:${internetMessageId}`}, 0))`);
}

/** A mail's registrations, newest first. */
export function findMailDocuments(db: Queryable, orgId: string, internetMessageId: string): Promise<{ documentId: string; caseId: string }[]> {
  return db
    .select({ documentId: documents.id, caseId: documents.caseId })
    .from(documentMail)
    .innerJoin(documents, eq(documents.id, documentMail.documentId))
    .where(and(eq(documentMail.orgId, orgId), eq(documentMail.internetMessageId, internetMessageId)))
    .orderBy(desc(documents.registeredAt));
}

export interface MailRegistrationRow {
  documentId: string;
  documentNumber: string;
  caseId: string;
  registeredAt: Date;
  registeredBy: { id: string; name: string; email: string };
}

/** Where a mail, or any mail of a conversation, is registered: newest first, at most `limit`. */
export function listMailRegistrations(
  db: Queryable,
  orgId: string,
  by: { internetMessageId?: string; conversationId?: string },
  limit = 50,
): Promise<MailRegistrationRow[]> {
  return db
    .select({
      documentId: documents.id,
      documentNumber: documents.documentNumber,
      caseId: documents.caseId,
      registeredAt: documents.registeredAt,
      registeredBy: { id: users.id, name: users.name, email: users.email },
    })
    .from(documentMail)
    .innerJoin(documents, eq(documents.id, documentMail.documentId))
    .innerJoin(users, eq(users.id, documents.registeredBy))
    .where(
      and(
        eq(documentMail.orgId, orgId),
        by.internetMessageId !== undefined ? eq(documentMail.internetMessageId, by.internetMessageId) : undefined,
        by.conversationId !== undefined ? eq(documentMail.conversationId, by.conversationId) : undefined,
      ),
    )
    .orderBy(desc(documents.registeredAt), desc(documents.id))
    .limit(limit);
}

/** Ties a draft to a case, once: tying the same mail to the same case again gives the first tie. */
export async function insertOutgoingTie(
  tx: Queryable,
  row: typeof outgoingMailTies.$inferInsert,
): Promise<{ tie: OutgoingMailTieRow; created: boolean }> {
  const [inserted] = await tx.insert(outgoingMailTies).values(row).onConflictDoNothing().returning();
  if (inserted) return { tie: inserted as OutgoingMailTieRow, created: true };
  const [existing] = await tx
    .select()
    .from(outgoingMailTies)
    .where(and(eq(outgoingMailTies.caseId, row.caseId), eq(outgoingMailTies.internetMessageId, row.internetMessageId)));
  return { tie: existing as OutgoingMailTieRow, created: false };
}

export async function findOutgoingTie(db: Queryable, id: string): Promise<OutgoingMailTieRow | null> {
  const [row] = await db.select().from(outgoingMailTies).where(eq(outgoingMailTies.id, id));
  return (row as OutgoingMailTieRow | undefined) ?? null;
}

export async function settleOutgoingTie(
  db: Queryable,
  id: string,
  outcome: { status: 'registered'; documentId: string } | { status: 'failed' },
  now: Date,
): Promise<void> {
  await db
    .update(outgoingMailTies)
    .set({ status: outcome.status, ...(outcome.status === 'registered' ? { documentId: outcome.documentId } : {}), updatedAt: now })
    .where(and(eq(outgoingMailTies.id, id), eq(outgoingMailTies.status, 'waiting')));
}
