import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { graphFailure } from '../graph/graph-errors.ts';
import { addCategory, ensureMasterCategory, findOrMakeFolder, mailboxPath, moveMessage, openMime } from '../graph/mail.ts';
import { SyncStateLost, type IncomingMessage, type MailSource } from './mail-source.ts';

// What routing and the queue need, and no more: every property is bytes Graph sends for each of
// tens of thousands of messages. The body is not selected: routing reads the preview.
const SELECT = ['internetMessageId', 'subject', 'from', 'toRecipients', 'ccRecipients', 'receivedDateTime', 'bodyPreview', 'hasAttachments'];

const Address = z.object({ emailAddress: z.object({ address: z.string().nullish(), name: z.string().nullish() }).nullish() });
const Message = z.object({
  id: z.string(),
  '@removed': z.unknown().optional(),
  internetMessageId: z.string().nullish(),
  subject: z.string().nullish(),
  from: Address.nullish(),
  toRecipients: z.array(Address).nullish(),
  ccRecipients: z.array(Address).nullish(),
  receivedDateTime: z.string().nullish(),
  bodyPreview: z.string().nullish(),
  hasAttachments: z.boolean().nullish(),
  internetMessageHeaders: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
});
const DeltaPage = z.object({ value: z.array(Message), '@odata.nextLink': z.string().optional(), '@odata.deltaLink': z.string().optional() });

/**
 * A function mailbox's inbox through Graph's delta query, as Diarium itself (app-only): the
 * first round lists the inbox, later rounds what arrived since. Immutable ids, so an item's id
 * survives the mail being moved to the handled folder.
 */
export function graphMailSource(client: () => Client, options: { pageSize?: number } = {}): MailSource {
  const prefer = `IdType="ImmutableId", odata.maxpagesize=${options.pageSize ?? 100}`;
  return {
    kind: 'graph',
    async page(mailbox, cursor) {
      const url = cursor ?? `${mailboxPath(mailbox)}/mailFolders/inbox/messages/delta?$select=${SELECT.join(',')}`;
      let body: unknown;
      try {
        body = await client().api(url).header('Prefer', prefer).get();
      } catch (error) {
        if (syncStateLost(error)) throw new SyncStateLost(`Graph lost the sync state of ${mailbox}`);
        throw graphFailure(error, 'message delta');
      }
      const page = DeltaPage.parse(body);
      const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'];
      if (!next) throw graphFailure(new Error('a delta page without a next or delta link'), 'message delta');
      return {
        // A removed message (deleted, or moved out of the inbox) leaves its queue item as it is.
        messages: page.value.filter((m) => m['@removed'] === undefined).map(incoming),
        cursor: next,
        done: page['@odata.nextLink'] === undefined,
      };
    },
    open: (mailbox, sourceId) => openMime(client(), mailboxPath(mailbox), sourceId),
    async mark(mailbox, sourceId, mark) {
      const graph = client();
      const path = mailboxPath(mailbox);
      await ensureMasterCategory(graph, path, mark.category, mark.color);
      await addCategory(graph, path, sourceId, mark.category);
      if (mark.moveTo) await moveMessage(graph, path, sourceId, await findOrMakeFolder(graph, path, mark.moveTo));
    },
  };
}

function syncStateLost(error: unknown): boolean {
  const e = error as { statusCode?: unknown; code?: unknown };
  return e.statusCode === 410 || (typeof e.code === 'string' && /^syncState(NotFound|Invalid)$/iu.test(e.code));
}

function addressOf(a: z.infer<typeof Address> | null | undefined): { address: string; name?: string } | null {
  const address = a?.emailAddress?.address;
  if (!address) return null;
  return { address: address.toLowerCase(), ...(a.emailAddress?.name ? { name: a.emailAddress.name } : {}) };
}

function incoming(m: z.infer<typeof Message>): IncomingMessage {
  const header = (name: string) => m.internetMessageHeaders?.find((h) => h.name.toLowerCase() === name)?.value;
  const preview = m.bodyPreview ?? '';
  const recipients = (list: z.infer<typeof Address>[] | null | undefined) => (list ?? []).map(addressOf).flatMap((r) => (r ? [r.address] : []));
  return {
    sourceId: m.id,
    // Graph has one for every message that came by SMTP; anything else is known by its id.
    internetMessageId: m.internetMessageId ?? `<graph.${m.id}>`,
    subject: m.subject ?? '',
    from: addressOf(m.from),
    to: recipients(m.toRecipients),
    cc: recipients(m.ccRecipients),
    // Graph always sends it; without it, the mail counts as received when it was found.
    receivedAt: m.receivedDateTime ? new Date(m.receivedDateTime) : new Date(),
    bodyPreview: preview,
    bodyText: preview,
    hasAttachments: m.hasAttachments ?? false,
    headers: {
      ...(header('list-unsubscribe') !== undefined ? { listUnsubscribe: true } : {}),
      ...(header('precedence') !== undefined ? { precedence: header('precedence')! } : {}),
      ...(header('auto-submitted') !== undefined ? { autoSubmitted: header('auto-submitted')! } : {}),
    },
  };
}
