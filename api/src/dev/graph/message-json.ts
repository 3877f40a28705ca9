import type { EmulatedMailbox, EmulatedMessage } from './mailboxes.ts';

// How Graph shows a message, for every route that answers one.

export const idOf = (m: EmulatedMessage, immutable: boolean) => (immutable ? m.immutableId : m.restId);

/**
 * A message as Graph shows it, narrowed by $select and widened by $expand. internetMessageHeaders
 * only when $select names it, as Graph does, and never in a delta answer (`delta: true`).
 */
export function messageJson(m: EmulatedMessage, box: EmulatedMailbox, immutable: boolean, q: URLSearchParams, options: { delta?: boolean } = {}): Record<string, unknown> {
  const id = idOf(m, immutable);
  const full: Record<string, unknown> = {
    '@odata.etag': `W/"${Buffer.from(m.lastModifiedDateTime).toString('base64')}"`,
    id,
    createdDateTime: m.createdDateTime,
    lastModifiedDateTime: m.lastModifiedDateTime,
    changeKey: Buffer.from(m.lastModifiedDateTime).toString('base64'),
    categories: m.categories,
    receivedDateTime: m.receivedDateTime,
    sentDateTime: m.sentDateTime,
    hasAttachments: m.attachments.some((a) => !a.isInline),
    internetMessageId: m.internetMessageId,
    subject: m.subject,
    bodyPreview: m.bodyPreview,
    importance: 'normal',
    parentFolderId: box.folders.find((f) => f.wellKnownName === m.folder || f.id === m.folder)?.id ?? m.folder,
    conversationId: m.conversationId,
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: m.isRead,
    isDraft: m.folder === 'drafts',
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(m.restId)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body: m.body,
    sender: m.from,
    from: m.from,
    toRecipients: m.toRecipients,
    ccRecipients: m.ccRecipients,
    bccRecipients: m.bccRecipients,
    replyTo: m.replyTo,
    flag: { flagStatus: 'notFlagged' },
  };
  const select = q.get('$select')?.split(',').map((s) => s.trim());
  if (select?.includes('internetMessageHeaders') && !options.delta) full.internetMessageHeaders = headersOf(m.raw);
  const shown: Record<string, unknown> = select ? Object.fromEntries(Object.entries(full).filter(([k]) => k === 'id' || k === '@odata.etag' || select.includes(k))) : full;
  for (const expand of splitTopLevel(q.get('$expand') ?? '')) {
    if (expand === 'attachments' || expand.startsWith('attachments(')) shown.attachments = m.attachments;
    const property = /^singleValueExtendedProperties\(\$filter=id eq '([^']+)'\)$/i.exec(expand);
    if (property) {
      const size = /^Integer 0x0?E08$/i.test(property[1]!.trim());
      shown.singleValueExtendedProperties = size ? [{ id: 'Integer 0xe08', value: String(m.raw.length) }] : [];
    }
  }
  return shown;
}

/** The MIME header block as Graph's `[{ name, value }]`, folded lines unfolded. */
function headersOf(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return (end === -1 ? text : text.slice(0, end))
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .map((line) => /^([^:\s]+):\s*(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!, value: m[2]! }));
}

/** `a,b(c,d),e` → `a`, `b(c,d)`, `e`. */
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

