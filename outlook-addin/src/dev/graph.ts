import { z } from 'zod';

// The emulated Microsoft Graph of `npm start` (/dev/graph/v1.0): the sample mail the simulated
// Outlook shows. Checked here, at the edge, like any Graph payload.

const RecipientSchema = z.object({
  emailAddress: z.object({ name: z.string().nullish(), address: z.string().nullish() }),
});
export type GraphRecipient = z.infer<typeof RecipientSchema>;

export const GraphAttachmentSchema = z.object({
  '@odata.type': z.string().optional(),
  id: z.string(),
  name: z.string().nullish(),
  contentType: z.string().nullish(),
  size: z.number().int().nonnegative().default(0),
  isInline: z.boolean().default(false),
  contentId: z.string().nullish(),
});
export type GraphAttachment = z.infer<typeof GraphAttachmentSchema>;

export const GraphMessageSchema = z.object({
  id: z.string(),
  subject: z.string().nullish(),
  from: RecipientSchema.nullish(),
  toRecipients: z.array(RecipientSchema).default([]),
  ccRecipients: z.array(RecipientSchema).default([]),
  receivedDateTime: z.string().nullish(),
  sentDateTime: z.string().nullish(),
  internetMessageId: z.string().nullish(),
  conversationId: z.string().nullish(),
  bodyPreview: z.string().nullish(),
  body: z.object({ contentType: z.string(), content: z.string() }).nullish(),
  hasAttachments: z.boolean().optional(),
  attachments: z.array(GraphAttachmentSchema).default([]),
});
export type GraphMessage = z.infer<typeof GraphMessageSchema>;

const GraphMessageListSchema = z.object({ value: z.array(GraphMessageSchema) });

/** Where a mailbox's messages are: the user's own (`me`) or a shared one by address. */
export function mailboxPath(sharedMailbox: string | null): string {
  return sharedMailbox ? `users/${encodeURIComponent(sharedMailbox)}` : 'me';
}

export async function fetchMessages(token: string, sharedMailbox: string | null, fetch_: typeof fetch = fetch): Promise<GraphMessage[]> {
  const res = await fetch_(`/dev/graph/v1.0/${mailboxPath(sharedMailbox)}/messages?$expand=attachments&$top=50`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return GraphMessageListSchema.parse(await res.json()).value;
}

/** Saves a draft the way Outlook would, so the API can find it by id; null when the emulator cannot. */
export async function createDraft(
  token: string,
  sharedMailbox: string | null,
  draft: { subject: string; body: string; to: string[]; conversationId: string | null; headers: Record<string, string> },
  fetch_: typeof fetch = fetch,
): Promise<string | null> {
  const res = await fetch_(`/dev/graph/v1.0/${mailboxPath(sharedMailbox)}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      subject: draft.subject,
      body: { contentType: 'text', content: draft.body },
      toRecipients: draft.to.map((address) => ({ emailAddress: { address } })),
      ...(draft.conversationId ? { conversationId: draft.conversationId } : {}),
      internetMessageHeaders: Object.entries(draft.headers).map(([name, value]) => ({ name, value })),
    }),
  }).catch(() => null);
  if (!res?.ok) return null;
  const body = (await res.json().catch(() => null)) as { id?: unknown } | null;
  return typeof body?.id === 'string' ? body.id : null;
}

const BLOCKS = 'p,div,br,li,tr,h1,h2,h3,h4,h5,h6,blockquote,pre,table';

/** Sends a saved draft, as the user's Send button would: it moves to Sent Items. */
export async function sendDraft(token: string, sharedMailbox: string | null, draftId: string, fetch_: typeof fetch = fetch): Promise<void> {
  const res = await fetch_(`/dev/graph/v1.0/${mailboxPath(sharedMailbox)}/messages/${encodeURIComponent(draftId)}/send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/** A mail body as plain text, as Outlook's body.getAsync(Text) gives it: HTML parsed inertly, one line a block. */
export function bodyText(body: GraphMessage['body']): string {
  if (!body) return '';
  if (body.contentType.toLowerCase() !== 'html') return body.content;
  const doc = new DOMParser().parseFromString(body.content, 'text/html');
  for (const element of doc.querySelectorAll('script,style,template,noscript')) element.remove();
  for (const element of doc.querySelectorAll(BLOCKS)) element.after(doc.createTextNode('\n'));
  return (doc.body.textContent ?? '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function attachmentKind(a: GraphAttachment): 'file' | 'item' | 'cloud' {
  const type = a['@odata.type'] ?? '';
  return type.endsWith('itemAttachment') ? 'item' : type.endsWith('referenceAttachment') ? 'cloud' : 'file';
}
