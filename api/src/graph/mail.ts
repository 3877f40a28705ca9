import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { AppError } from '@diarium/core';
import { callGraph, graphFailure } from './graph-errors.ts';

// The Graph mail calls Diarium makes, each validated at the edge. Ids are immutable ids:
// every call asks for them, so an id kept in the register still works after the mail moves.

const IMMUTABLE_IDS = { Prefer: 'IdType="ImmutableId"' };

/** `/me` for the user's own mailbox, `/users/{address or object id}` for another. */
export function mailboxPath(mailbox: string | null | undefined): string {
  return mailbox ? `/users/${encodeURIComponent(mailbox)}` : '/me';
}

const messageUrl = (path: string, id: string) => `${path}/messages/${encodeURIComponent(id)}`;

const ConvertIdResultSchema = z.object({
  value: z.array(
    z.object({
      sourceId: z.string().optional(),
      targetId: z.string().nullish(),
      errorDetails: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
    }),
  ),
});

/** Outlook's REST item id as the immutable id, which survives moves between folders. */
export async function toImmutableId(client: Client, path: string, itemId: string): Promise<string> {
  const body = ConvertIdResultSchema.parse(
    await callGraph(
      'translateExchangeIds',
      () =>
        client.api(`${path}/translateExchangeIds`).headers(IMMUTABLE_IDS).post({
          inputIds: [itemId],
          sourceIdType: 'restId',
          targetIdType: 'restImmutableEntryId',
        }),
      'itemId',
    ),
  );
  const [result] = body.value;
  if (result?.targetId) return result.targetId;
  if (result?.errorDetails?.code === 'ErrorInvalidIdMalformed') {
    throw new AppError('validation_failed', 'Malformed item id', { fields: [{ field: 'itemId', message: 'field.itemId.malformed' }] });
  }
  throw new AppError('mail_not_found', `Graph translateExchangeIds: ${result?.errorDetails?.code ?? 'no result'}`, {
    fields: [{ field: 'itemId', message: 'problem.mail_not_found.detail' }],
  });
}

const EmailAddressSchema = z.object({
  emailAddress: z.object({ name: z.string().nullish(), address: z.string().nullish() }).nullish(),
});

const MessageSchema = z.object({
  id: z.string(),
  internetMessageId: z.string().nullish(),
  conversationId: z.string().nullish(),
  subject: z.string().nullish(),
  receivedDateTime: z.string().nullish(),
  sentDateTime: z.string().nullish(),
  isDraft: z.boolean().nullish(),
  categories: z.array(z.string()).nullish(),
  from: EmailAddressSchema.nullish(),
  toRecipients: z.array(EmailAddressSchema).nullish(),
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string().nullish() })).nullish(),
});
type GraphMessage = z.infer<typeof MessageSchema>;

/** What the register needs to know about a mail before it fetches the mail itself. */
export interface MessageFacts {
  id: string;
  internetMessageId: string | null;
  conversationId: string | null;
  /** PR_MESSAGE_SIZE: the mail's size in the store, close to its MIME size. */
  size: number | null;
  subject: string | null;
  receivedAt: string | null;
  sentAt: string | null;
  isDraft: boolean;
  categories: string[];
}

// PidTagMessageSize (PR_MESSAGE_SIZE): Graph has no size property, but exposes MAPI properties.
const SIZE_PROPERTY = 'Integer 0x0E08';
const SELECT = 'id,internetMessageId,conversationId,subject,receivedDateTime,sentDateTime,isDraft,categories';
const EXPAND_SIZE = `singleValueExtendedProperties(${encodeURIComponent(`$filter=id eq '${SIZE_PROPERTY}'`)})`;

function factsOf(message: GraphMessage): MessageFacts {
  const size = message.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === 'integer 0xe08')?.value;
  return {
    id: message.id,
    internetMessageId: message.internetMessageId ?? null,
    conversationId: message.conversationId ?? null,
    size: size !== undefined && size !== null && /^\d+$/.test(size) ? Number(size) : null,
    subject: message.subject ?? null,
    receivedAt: message.receivedDateTime ?? null,
    sentAt: message.sentDateTime ?? null,
    isDraft: message.isDraft ?? false,
    categories: message.categories ?? [],
  };
}

export async function getMessageFacts(client: Client, path: string, id: string): Promise<MessageFacts> {
  const body = await callGraph(
    'get message',
    () => client.api(messageUrl(path, id)).headers(IMMUTABLE_IDS).query(`$select=${SELECT}&$expand=${EXPAND_SIZE}`).get(),
    'itemId',
  );
  return factsOf(MessageSchema.parse(body));
}

/** The mail's MIME exactly as Exchange holds it, as a stream. */
export async function openMime(client: Client, path: string, id: string): Promise<Readable> {
  const body = (await callGraph('get $value', () => client.api(`${messageUrl(path, id)}/$value`).headers(IMMUTABLE_IDS).getStream(), 'itemId')) as
    | WebReadableStream<Uint8Array>
    | null;
  if (!body) throw new AppError('upstream_failed', 'Graph gave no MIME body');
  return Readable.fromWeb(body);
}

/** Adds a category to the mail, keeping those it has. */
export async function addCategory(client: Client, path: string, id: string, category: string): Promise<void> {
  const body = await callGraph('get categories', () => client.api(messageUrl(path, id)).headers(IMMUTABLE_IDS).select('categories').get());
  const existing = MessageSchema.pick({ categories: true }).parse(body).categories ?? [];
  if (existing.includes(category)) return;
  await callGraph('set categories', () => client.api(messageUrl(path, id)).headers(IMMUTABLE_IDS).patch({ categories: [...existing, category] }));
}

const MasterCategoriesSchema = z.object({ value: z.array(z.object({ displayName: z.string() })) });

/**
 * Makes sure the mailbox's master list has the category, so Outlook shows it in colour.
 * Two registrations racing to create it both end well: Graph refuses the second with 409.
 */
export async function ensureMasterCategory(client: Client, path: string, name: string, color: string): Promise<void> {
  const list = MasterCategoriesSchema.parse(await callGraph('list master categories', () => client.api(`${path}/outlook/masterCategories`).get()));
  if (list.value.some((c) => c.displayName === name)) return;
  try {
    await client.api(`${path}/outlook/masterCategories`).post({ displayName: name, color });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw graphFailure(error, 'create master category');
  }
}

const MessageListSchema = z.object({ value: z.array(MessageSchema) });

/** The mail with this internetMessageId in the mailbox's Sent Items, once it has been sent. */
export async function findSentCopy(client: Client, path: string, internetMessageId: string): Promise<MessageFacts | null> {
  const filter = encodeURIComponent(`internetMessageId eq '${internetMessageId.replace(/'/g, "''")}'`);
  const body = await callGraph('find in sent items', () =>
    client
      .api(`${path}/mailFolders('sentitems')/messages`)
      .headers(IMMUTABLE_IDS)
      .query(`$filter=${filter}&$select=${SELECT}&$expand=${EXPAND_SIZE}&$top=1`)
      .get(),
  );
  const [message] = MessageListSchema.parse(body).value;
  return message ? factsOf(message) : null;
}

const FolderListSchema = z.object({ value: z.array(z.object({ id: z.string(), displayName: z.string() })) });
const FolderSchema = z.object({ id: z.string() });

/**
 * The id of the mailbox's top-level folder with this name, made when missing. Two processes
 * making it at once both end well: Graph refuses the second with 409, which then finds it.
 */
export async function findOrMakeFolder(client: Client, path: string, displayName: string): Promise<string> {
  const find = async () => {
    const filter = encodeURIComponent(`displayName eq '${displayName.replace(/'/g, "''")}'`);
    const list = FolderListSchema.parse(await callGraph('find mail folder', () => client.api(`${path}/mailFolders`).query(`$filter=${filter}`).get()));
    return list.value.find((f) => f.displayName === displayName)?.id ?? null;
  };
  const found = await find();
  if (found) return found;
  try {
    return FolderSchema.parse(await client.api(`${path}/mailFolders`).post({ displayName })).id;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw graphFailure(error, 'create mail folder');
    const made = await find();
    if (!made) throw graphFailure(error, 'create mail folder');
    return made;
  }
}

/** Moves the mail to a folder; with immutable ids, its id stays the same. */
export async function moveMessage(client: Client, path: string, id: string, destinationId: string): Promise<void> {
  await callGraph('move message', () => client.api(`${messageUrl(path, id)}/move`).headers(IMMUTABLE_IDS).post({ destinationId }), 'itemId');
}
