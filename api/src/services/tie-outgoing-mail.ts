import type { z } from 'zod';
import { AppError, type OutgoingMailTie, type TieOutgoingMailSchema } from '@diarium/core';
import { getMessageFacts, mailboxPath, toImmutableId } from '../graph/mail.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { insertOutgoingTie, type OutgoingMailTieRow } from '../store/mail.ts';
import type { Actor, MailDeps } from './context.ts';
import type { Registered } from './register-case.ts';
import { prepareDocumentRegistration } from './register-document.ts';
import type { MailCaller } from './register-mail.ts';

export type TieOutgoingMailInput = z.output<typeof TieOutgoingMailSchema>;

/** The job that registers a tied mail's sent copy (services/register-sent-mail.ts). */
export const OUTGOING_MAIL_JOB = 'mail.outgoing';
/** Mail is seldom in Sent Items the moment it is tied; the first look is a minute later. */
const FIRST_LOOK_MS = 60_000;

/**
 * Ties a mail being written to a case: its internetMessageId is read from the saved draft
 * now, and a background job registers the sent copy as an outgoing document once it shows
 * up in Sent Items. Tying the same mail to the same case again gives the first tie.
 */
export async function tieOutgoingMail(
  deps: MailDeps,
  actor: Actor,
  caller: MailCaller,
  input: TieOutgoingMailInput,
): Promise<Registered<OutgoingMailTie>> {
  const record = await prepareDocumentRegistration(deps, actor, input.caseRef);
  const graph = deps.graph.asUser(caller.assertion, { sharedMailbox: input.mailbox !== undefined });
  const path = mailboxPath(input.mailbox);
  const facts = await getMessageFacts(graph, path, await toImmutableId(graph, path, input.itemId));
  if (!facts.internetMessageId) {
    throw new AppError('validation_failed', 'The draft has no internetMessageId yet', {
      fields: [{ field: 'itemId', message: 'field.itemId.notSaved' }],
    });
  }
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { tie, created } = await insertOutgoingTie(tx, {
      orgId: actor.orgId,
      caseId: record.id,
      tiedBy: actor.user.id,
      // Background work reaches the mailbox app-only: a shared one by address, the user's own by object id.
      mailbox: input.mailbox ?? caller.objectId,
      internetMessageId: facts.internetMessageId!,
      title: input.title ?? null,
      publicTitle: input.publicTitle ?? null,
      confidentiality: input.confidentiality ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (created) {
      await enqueueJob(tx, { kind: OUTGOING_MAIL_JOB, key: tie.id, payload: { tieId: tie.id }, runAt: new Date(now.getTime() + FIRST_LOOK_MS) }, now);
    }
    return { outcome: created ? 'created' : 'existing', value: tieView(tie, record.caseNumber) };
  });
}

export function tieView(tie: OutgoingMailTieRow, caseNumber: string): OutgoingMailTie {
  return {
    id: tie.id,
    caseId: tie.caseId,
    caseNumber,
    internetMessageId: tie.internetMessageId,
    status: tie.status,
    documentId: tie.documentId,
  };
}
