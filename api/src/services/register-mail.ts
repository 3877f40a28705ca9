import type { z } from 'zod';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Document, MailRegistrationResult, RegisterMailSchema } from '@diarium/core';
import { getMessageFacts, mailboxPath, openMime, toImmutableId, type MessageFacts } from '../graph/mail.ts';
import { findDocumentById } from '../store/documents.ts';
import { peekIdempotentAnswer, type IdempotencyClaim } from '../store/idempotency.ts';
import { findMailDocuments } from '../store/mail.ts';
import type { Actor, Deps, MailDeps } from './context.ts';
import { fetchMail, type AttachmentSelection, type MailAtSource } from './fetch-mail.ts';
import { markMailRegistered } from './mark-mail-registered.ts';
import { recordMail, registeredElsewhere, type MailEntry, type MailTargetPlan } from './record-mail.ts';
import { prepareCaseRegistration, type Registered } from './register-case.ts';
import { prepareDocumentRegistration } from './register-document.ts';
import { toDocument } from './views.ts';

export type RegisterMailInput = z.output<typeof RegisterMailSchema>;

/** The signed-in user as Graph needs them: their access token to us (the OBO assertion) and their object id. */
export interface MailCaller {
  assertion: string;
  objectId: string;
}

/**
 * Registers a mail from the user's mailbox (or a shared one) as a document: fetched through
 * Graph as the user, kept as its original .eml with its text and the chosen attachments,
 * into an existing case or a new one (rule 6). The same mail into the same case again gives
 * the document already there (rule 2). Then marks the mail in Outlook with a category.
 */
export async function registerMail(
  deps: MailDeps,
  actor: Actor,
  caller: MailCaller,
  input: RegisterMailInput,
  idempotency?: IdempotencyClaim,
): Promise<Registered<MailRegistrationResult>> {
  const target = await planMailTarget(deps, actor, input.target);
  const graph = deps.graph.asUser(caller.assertion, { sharedMailbox: input.mailbox !== undefined });
  const path = mailboxPath(input.mailbox);
  const itemId = await toImmutableId(graph, path, input.itemId);
  const facts = await getMessageFacts(graph, path, itemId);
  const registered = await registerMailFrom(deps, actor, target, graphMail(graph, path, facts, input.mailbox ?? null), input, idempotency);
  return answer(deps, { graph, path, appMailbox: input.mailbox ?? caller.objectId, itemId }, registered);
}

/** What keeping a mail needs, wherever it comes from: the register, and the limit on what it stores. */
export type MailStoreDeps = Omit<MailDeps, 'graph'>;

/** What the user asks of a mail's registration, wherever the mail lies. */
/** A mail's registration wherever it lies; the attachments chosen, or all but the images in its text. */
export type MailRegistrationInput = Omit<RegisterMailInput, 'itemId' | 'mailbox' | 'attachments'> & { attachments: AttachmentSelection };

/** Where the mail goes, checked before anything is fetched: an existing case the actor may add to, or a new one. */
export async function planMailTarget(deps: Deps, actor: Actor, target: RegisterMailInput['target']): Promise<MailTargetPlan> {
  return 'caseRef' in target
    ? { kind: 'case', record: await prepareDocumentRegistration(deps, actor, target.caseRef) }
    : { kind: 'newCase', prepared: await prepareCaseRegistration(deps, actor, target.newCase) };
}

/** A mail in a mailbox reached through Graph. */
export function graphMail(graph: Client, path: string, facts: MessageFacts, mailbox: string | null): MailAtSource {
  return { facts, mailbox, itemId: facts.id, open: () => openMime(graph, path, facts.id) };
}

/**
 * The use case the add-in and the function mailboxes' queues share: the mail, wherever it
 * lies, kept as its original .eml with its text and the chosen attachments, into an existing
 * case or a new one (rule 6). The same mail into the same case again gives the document already
 * there (rule 2); into another case only when asked.
 */
export async function registerMailFrom(
  deps: MailStoreDeps,
  actor: Actor,
  target: MailTargetPlan,
  source: MailAtSource,
  input: MailRegistrationInput,
  idempotency?: IdempotencyClaim,
): Promise<Registered<Document>> {
  const replay = idempotency ? await peekIdempotentAnswer(deps.db, actor.user.id, idempotency) : null;
  if (replay) return { outcome: replay.outcome, value: replay.body as Document };
  const known = await alreadyHere(deps, actor, target, source, input);
  if (known) return known;
  const { facts } = source;
  const entry: MailEntry = {
    direction: input.direction,
    title: input.title,
    publicTitle: input.publicTitle,
    counterparty: input.counterparty,
    receivedAt: input.receivedAt ?? (input.direction === 'incoming' ? (facts.receivedAt ?? undefined) : undefined),
    sentAt: input.sentAt ?? facts.sentAt ?? undefined,
    confidentiality: input.confidentiality,
    alsoInOtherCase: input.alsoInOtherCase,
  };
  return fetchAndRecord(deps, actor, target, source, entry, input.attachments, idempotency);
}

/** Fetches the mail and records it: the part registerMail and the sent-mail job share. */
export async function fetchAndRecord(
  deps: MailStoreDeps,
  actor: Actor,
  target: MailTargetPlan,
  source: MailAtSource,
  entry: MailEntry,
  attachments: AttachmentSelection,
  idempotency?: IdempotencyClaim,
): Promise<Registered<Document>> {
  const { parsed, files } = await fetchMail(deps, source, attachments);
  const counterparty = entry.counterparty ?? (entry.direction === 'outgoing' ? parsed.to : parsed.from) ?? undefined;
  return recordMail(
    deps,
    actor,
    target,
    {
      internetMessageId: mailIdOf(source),
      conversationId: source.facts.conversationId,
      mailbox: source.mailbox,
      itemId: source.itemId,
    },
    { ...entry, counterparty, ...(parsed.date && !entry.sentAt ? { sentAt: parsed.date.toISOString() } : {}) },
    { files, bodyText: parsed.bodyText },
    idempotency,
  );
}

/** The mail's identity for rule 2; Exchange gives every delivered mail one, a draft may lack it. */
export function mailIdOf(source: Pick<MailAtSource, 'facts' | 'itemId'>): string {
  return source.facts.internetMessageId ?? `<${source.itemId}@graph.item>`;
}

/**
 * Answers before fetching anything when the register already knows the mail: registered in
 * this case already (the answer), or elsewhere without leave to add it here (409).
 */
async function alreadyHere(
  deps: MailStoreDeps,
  actor: Actor,
  target: MailTargetPlan,
  source: MailAtSource,
  input: MailRegistrationInput,
): Promise<Registered<Document> | null> {
  const registrations = await findMailDocuments(deps.db, actor.orgId, mailIdOf(source));
  const here = target.kind === 'case' ? registrations.find((r) => r.caseId === target.record.id) : undefined;
  if (here && target.kind === 'case') {
    const doc = (await findDocumentById(deps.db, actor.orgId, here.documentId))!;
    return { outcome: 'existing', value: toDocument(doc, target.record, actor.principal) };
  }
  if (registrations.length > 0 && !input.alsoInOtherCase) throw await registeredElsewhere(deps.db, actor, registrations.map((r) => r.documentId));
  return null;
}

async function answer(
  deps: MailDeps,
  mailbox: { graph: Client; path: string; appMailbox: string; itemId: string },
  registered: Registered<Document>,
): Promise<Registered<MailRegistrationResult>> {
  const document = registered.value;
  const categorySet = await markMailRegistered(deps, mailbox.graph, mailbox.path, {
    mailbox: mailbox.appMailbox,
    itemId: mailbox.itemId,
    documentNumber: document.documentNumber,
  });
  return { outcome: registered.outcome, value: { alreadyRegistered: registered.outcome === 'existing', document, categorySet } };
}

