import { randomBytes, randomUUID } from 'node:crypto';
import { driveItemJson, GraphDrives } from './drives.ts';
import { graphError, GRAPH_ROOT } from './graph-errors.ts';
import { createMailboxGate, type MailboxLimits } from './limits.ts';
import { createMailDelta } from './mail-delta.ts';
import { answerMailFolders } from './mail-folders.ts';
import { GraphMailboxes, type EmulatedMailbox, type EmulatedMessage, type GraphRecipient } from './mailboxes.ts';
import { idOf, messageJson } from './message-json.ts';
import { GraphSubscriptions } from './subscriptions.ts';

/**
 * An emulated Microsoft Graph (v1.0), the mail part Diarium uses, as a pure function from a
 * Fetch API Request to a Response. The same module answers msw in tests and is served by
 * the dev router at /dev/graph/v1.0 under `npm start`; only the far end is emulated, the
 * API's Graph client code is the production one.
 *
 * What it answers, for `/me/…` (the caller's own mailbox) and `/users/{address or id}/…`:
 * - GET  messages                     list, newest first; $select, $top, $filter=internetMessageId eq '…',
 *                                      $expand=attachments (each: @odata.type, id, name, contentType, size,
 *                                      isInline, contentId — no contentBytes)
 * - GET  messages/{id}                the message ($select; $expand=attachments and
 *                                      singleValueExtendedProperties($filter=id eq 'Integer 0x0E08'), the size)
 * - GET  messages/{id}/$value         the raw MIME, byte for byte
 * - GET  messages/{id}/attachments
 * - PATCH messages/{id}               categories, isRead
 * - POST messages                     creates a draft (subject, body, toRecipients, ccRecipients; also
 *                                      conversationId and In-Reply-To/References headers, which Graph
 *                                      would not take, so that the dev page can write replies)
 * - POST messages/{id}/send           sends a draft: it moves to Sent Items, internetMessageId kept
 * - POST messages/{id}/move          { destinationId } (well-known name or folder id): 201 with the moved
 *                                      message, a new REST id (the immutable id stays)
 * - GET  mailFolders('{folder}')/messages and mailFolders/{folder}/messages ({folder}: a well-known
 *                                      name, inbox, sentitems, drafts, deleteditems, junkemail, archive, or an id)
 * - GET  mailFolders/{folder}/messages/delta (also mailFolders('{folder}')/…): delta rounds, paged by
 *                                      `Prefer: odata.maxpagesize` (mail-delta.ts)
 * - GET/POST mailFolders, mailFolders/{folder}/childFolders ($filter=displayName eq '…'; 409
 *                                      ErrorFolderExists on a duplicate), GET mailFolders/{folder} (mail-folders.ts)
 * - POST translateExchangeIds         to restId or restImmutableEntryId
 * - GET/POST outlook/masterCategories
 * And the files part, for the Teams channel tab (drives.ts):
 * - GET  teams/{team-id}/channels/{channel-id}/filesFolder   the channel's folder (driveItem, parentReference.driveId)
 * - GET  drives/{drive-id}/items/{item-id}                   a driveItem ($select): name, size, eTag, cTag, file.mimeType…
 * - GET  drives/{drive-id}/items/{item-id}/children          $top, paged with @odata.nextLink ($skiptoken)
 * - GET  drives/{drive-id}/items/{item-id}/content           a 302 to a pre-authenticated download URL (as
 *                                                             SharePoint's), which the emulator also serves, without a token
 * And change notifications for messages (subscriptions.ts): POST/GET/PATCH/DELETE subscriptions.
 * Every message JSON is shaped as Graph's (id, subject, from, toRecipients, ccRecipients,
 * receivedDateTime, sentDateTime, internetMessageId, conversationId, bodyPreview,
 * body { contentType, content }, hasAttachments, categories…). With `Prefer: IdType="ImmutableId"`
 * ids are immutable ids, else REST ids; both are accepted everywhere. Errors are Graph's
 * `{ "error": { "code", "message", "innerError" } }`. Tests inject faults (404, 429 with
 * Retry-After, 503) with `faults.add`; with `limits`, Outlook's own throttling applies (limits.ts).
 */
export interface GraphEmulator {
  mailboxes: GraphMailboxes;
  drives: GraphDrives;
  faults: GraphFaults;
  subscriptions: GraphSubscriptions;
  /** Every request answered, in order, for tests to see what the API asked; `mailbox` once known. */
  requests: { method: string; path: string; prefer: string | null; mailbox?: string }[];
  /** How many requests reached a mailbox (by address or owner's id), throttled ones included. */
  requestCount(mailbox: string): number;
  handle(request: Request): Promise<Response>;
}

/** Who a token belongs to, as the emulated Graph sees it. */
export type GraphCaller = { kind: 'user'; objectId: string; address: string; name: string } | { kind: 'app'; appId: string };

export interface GraphEmulatorOptions {
  mailboxes?: GraphMailboxes;
  drives?: GraphDrives;
  /** Reads a bearer token; null refuses it (401). */
  authenticate(token: string): Promise<GraphCaller | null>;
  /** Called when a user's own mailbox does not exist yet (the dev server fills one with sample mail). */
  provision?(caller: Extract<GraphCaller, { kind: 'user' }>, mailboxes: GraphMailboxes): Promise<void>;
  /** How change and lifecycle notifications and validation requests are POSTed; global fetch by default. */
  deliver?: (url: string, init: RequestInit) => Promise<Response>;
  /** The tenant notifications name. */
  tenantId?: string;
  /** Outlook's per-mailbox throttling (4 at once, 10 000 per 10 minutes); off when absent. */
  limits?: MailboxLimits;
  /** Milliseconds each mailbox request stays in flight before it is answered, to make concurrency observable. */
  latencyMs?: number;
  /** The clock for subscription expiry and the throttling window (ms since the epoch). */
  now?: () => number;
  /** How long a subscription's validation request may take (Graph: 10 000 ms). */
  validationTimeoutMs?: number;
}

export interface Fault {
  /** Matched against `METHOD /path` after /v1.0, e.g. /^PATCH \/me\/messages\//. */
  match: RegExp;
  status: number;
  /** Seconds, as Graph sends it (`2.128`). */
  retryAfter?: string;
  /** How many requests it answers; then it is gone. */
  times?: number;
}

export class GraphFaults {
  #faults: (Fault & { times: number })[] = [];
  add(fault: Fault): void {
    this.#faults.push({ times: 1, ...fault });
  }
  clear(): void {
    this.#faults = [];
  }
  take(key: string): Fault | undefined {
    const fault = this.#faults.find((f) => f.match.test(key) && f.times > 0);
    if (fault) fault.times -= 1;
    return fault;
  }
}

/** The app a delegated caller's token was issued to, as subscriptions show it (Diarium's registration in tests). */
const DELEGATED_APP_ID = '6c1f9a2e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';

export function createGraphEmulator(options: GraphEmulatorOptions): GraphEmulator {
  const mailboxes = options.mailboxes ?? new GraphMailboxes();
  const drives = options.drives ?? new GraphDrives();
  const faults = new GraphFaults();
  const requests: GraphEmulator['requests'] = [];
  const provisioning = new Map<string, Promise<void>>();
  const now = options.now ?? (() => Date.now());
  const delta = createMailDelta(mailboxes);
  const gate = options.limits ? createMailboxGate(options.limits, now) : null;
  const subscriptions = new GraphSubscriptions({
    mailboxes,
    now,
    ...(options.deliver ? { deliver: options.deliver } : {}),
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    ...(options.validationTimeoutMs ? { validationTimeoutMs: options.validationTimeoutMs } : {}),
  });

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const at = url.pathname.indexOf('/v1.0/');
    const path = at === -1 ? url.pathname : url.pathname.slice(at + '/v1.0'.length);
    const record: GraphEmulator['requests'][number] = { method: request.method, path, prefer: request.headers.get('prefer') };
    requests.push(record);

    const fault = faults.take(`${request.method} ${path}`);
    if (fault) return graphError(fault.status, undefined, undefined, fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});

    // SharePoint's download URLs carry their own short-lived authorisation, not a bearer token.
    const download = /^\/_download\/([^/]+)\/([^/]+)\/(\d+)$/.exec(path);
    if (download && request.method === 'GET') return downloadFile(decodeURIComponent(download[1]!), decodeURIComponent(download[2]!), Number(download[3]));

    const token = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!token) return graphError(401);
    const caller = await options.authenticate(token);
    if (!caller) return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');

    if (/^\/(teams|drives)\//.test(path)) return files(request, url, path, at === -1 ? '' : url.pathname.slice(0, at + '/v1.0'.length));
    if (/^\/subscriptions(\/|$)/.test(path)) {
      const creator = caller.kind === 'app' ? { applicationId: caller.appId, creatorId: caller.appId } : { applicationId: DELEGATED_APP_ID, creatorId: caller.objectId };
      return subscriptions.handle(request, path, creator, (user) => mailboxFor(caller, user));
    }

    const match = /^\/(me|users\/([^/]+))(\/.*)?$/.exec(path);
    if (!match) return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
    const found = await mailboxFor(caller, match[1] === 'me' ? null : decodeURIComponent(match[2]!));
    if (found instanceof Response) return found;
    record.mailbox = found.address;
    const admitted = gate ? gate.enter(found.address) : null;
    if (admitted instanceof Response) return admitted;
    try {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const immutable = /IdType="ImmutableId"/i.test(request.headers.get('prefer') ?? '');
      return await route(request, url, found, decodeURIComponent(match[3] ?? ''), { immutable, caller });
    } finally {
      admitted?.release();
    }
  }

  async function mailboxFor(caller: GraphCaller, user: string | null): Promise<EmulatedMailbox | Response> {
    if (user === null) {
      if (caller.kind === 'app') return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
      if (!mailboxes.find(caller.objectId) && !mailboxes.find(caller.address) && options.provision) {
        // Two first requests at once share one provisioning.
        if (!provisioning.has(caller.objectId)) provisioning.set(caller.objectId, options.provision(caller, mailboxes));
        await provisioning.get(caller.objectId);
      }
      return mailboxes.find(caller.objectId) ?? mailboxes.find(caller.address) ?? graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
    }
    const box = mailboxes.find(user);
    if (!box) return graphError(404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`);
    const own = caller.kind === 'user' && (box.objectId === caller.objectId || box.address === caller.address.toLowerCase());
    if (caller.kind === 'user' && !own && box.kind !== 'shared') return graphError(403);
    return box;
  }

  async function route(
    request: Request,
    url: URL,
    box: EmulatedMailbox,
    rest: string,
    context: { immutable: boolean; caller: GraphCaller },
  ): Promise<Response> {
    const q = url.searchParams;
    const view = (m: EmulatedMessage) => messageJson(m, box, context.immutable, q);
    const method = request.method;
    let m: RegExpExecArray | null;

    if (method === 'POST' && rest === '/translateExchangeIds') return translate(box, (await request.json()) as TranslateBody);
    if (rest === '/outlook/masterCategories') {
      if (method === 'GET') return Response.json({ '@odata.context': `${GRAPH_ROOT}/$metadata#users('${box.address}')/outlook/masterCategories`, value: box.masterCategories });
      if (method === 'POST') {
        const body = (await request.json()) as { displayName?: string; color?: string };
        if (!body.displayName) return graphError(400, 'ErrorInvalidArgument', 'displayName is required.');
        if (box.masterCategories.some((c) => c.displayName === body.displayName)) return graphError(409);
        const category = { id: randomUUID(), displayName: body.displayName, color: body.color ?? 'none' };
        box.masterCategories.push(category);
        return Response.json(category, { status: 201 });
      }
    }
    const folders = await answerMailFolders(request, url, mailboxes, box, rest);
    if (folders) return folders;
    if ((m = /^(?:\/mailFolders\('([^']+)'\)|\/mailFolders\/([^/]+))?\/messages(\/delta)?$/.exec(rest))) {
      const named = m[1] ?? m[2];
      const found = named === undefined ? undefined : mailboxes.folder(box, named);
      if (named !== undefined && !found) return graphError(404, 'ErrorInvalidIdMalformed', 'Id is malformed.');
      const folder = found ? mailboxes.folderKey(found) : undefined;
      if (m[3]) {
        if (method !== 'GET' || folder === undefined) return graphError(400, 'BadRequest', `Unsupported request: ${method} ${rest}`);
        return delta.answer({ url, prefer: request.headers.get('prefer') ?? '', box, folder, immutable: context.immutable });
      }
      if (method === 'GET') return list(box, folder, q, view);
      if (method === 'POST' && !folder) {
        const body = (await request.json()) as DraftBody;
        const draft = await mailboxes.addMessage(box.address, draftMime(box, body), { folder: 'drafts', isRead: true });
        // Graph puts a reply made with createReply in its thread; the dev page names the thread instead.
        if (typeof body.conversationId === 'string' && body.conversationId) draft.conversationId = body.conversationId;
        return Response.json(view(draft), { status: 201 });
      }
    }
    if ((m = /^\/messages\/([^/]+)(\/.*)?$/.exec(rest))) {
      const message = mailboxes.message(box, m[1]!);
      if (!message) return graphError(404);
      const sub = m[2] ?? '';
      if (method === 'GET' && sub === '') return Response.json(view(message));
      if (method === 'GET' && sub === '/$value') return new Response(new Uint8Array(message.raw), { headers: { 'content-type': 'text/plain' } });
      if (method === 'GET' && sub === '/attachments') {
        return Response.json({ '@odata.context': `${GRAPH_ROOT}/$metadata#users('${box.address}')/messages('${idOf(message, context.immutable)}')/attachments`, value: message.attachments });
      }
      if (method === 'PATCH' && sub === '') {
        const body = (await request.json()) as { categories?: unknown; isRead?: unknown };
        if (body.categories !== undefined && (!Array.isArray(body.categories) || !body.categories.every((c) => typeof c === 'string'))) {
          return graphError(400, 'ErrorInvalidProperty', 'categories must be strings.');
        }
        mailboxes.update(box, m[1]!, {
          ...(body.categories !== undefined ? { categories: body.categories as string[] } : {}),
          ...(typeof body.isRead === 'boolean' ? { isRead: body.isRead } : {}),
        });
        return Response.json(view(message));
      }
      if (method === 'POST' && sub === '/move') {
        const body = (await request.json().catch(() => null)) as { destinationId?: unknown } | null;
        const destination = typeof body?.destinationId === 'string' ? mailboxes.folder(box, body.destinationId) : undefined;
        if (!destination) return graphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
        const moved = mailboxes.move(box, m[1]!, mailboxes.folderKey(destination))!;
        return Response.json(view(moved), { status: 201 });
      }
      if (method === 'POST' && sub === '/send') {
        if (message.folder !== 'drafts') return graphError(400, 'ErrorInvalidOperation', 'Only drafts can be sent.');
        mailboxes.send(box, m[1]!);
        return new Response(null, { status: 202 });
      }
    }
    return graphError(400, 'BadRequest', `Unsupported request: ${method} ${rest}`);
  }

  function list(box: EmulatedMailbox, folder: string | undefined, q: URLSearchParams, view: (m: EmulatedMessage) => Record<string, unknown>): Response {
    let messages = box.messages.filter((m) => !folder || m.folder === folder);
    const filter = q.get('$filter');
    if (filter) {
      const wanted = /^internetMessageId eq '((?:[^']|'')*)'$/i.exec(filter.trim());
      if (!wanted) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
      messages = messages.filter((m) => m.internetMessageId === wanted[1]!.replace(/''/g, "'"));
    }
    messages = [...messages].sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime));
    const top = Number(q.get('$top') ?? 10);
    return Response.json({
      '@odata.context': `${GRAPH_ROOT}/$metadata#users('${box.address}')/messages`,
      value: messages.slice(0, Number.isInteger(top) && top > 0 ? top : 10).map(view),
    });
  }

  function translate(box: EmulatedMailbox, body: TranslateBody): Response {
    const target = body.targetIdType;
    if (!Array.isArray(body.inputIds) || (target !== 'restId' && target !== 'restImmutableEntryId')) {
      return graphError(400, 'ErrorInvalidArgument', 'inputIds and a supported targetIdType are required.');
    }
    return Response.json({
      '@odata.context': `${GRAPH_ROOT}/$metadata#Collection(microsoft.graph.convertIdResult)`,
      value: body.inputIds.map((sourceId) => {
        const message = mailboxes.message(box, sourceId);
        if (message) return { sourceId, targetId: target === 'restId' ? message.restId : message.immutableId };
        const wellFormed = /^AA[A-Za-z0-9_-]{10,}={0,2}$/.test(sourceId);
        return {
          sourceId,
          errorDetails: wellFormed ? { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } : { code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' },
        };
      }),
    });
  }

  function files(request: Request, url: URL, path: string, root: string): Response {
    if (request.method !== 'GET') return graphError(400, 'BadRequest', `Unsupported request: ${request.method} ${path}`);
    const segments = path.split('/').slice(1).map(decodeURIComponent);
    const q = url.searchParams;
    const select = (json: Record<string, unknown>) => {
      const wanted = q.get('$select')?.split(',').map((s) => s.trim());
      return wanted ? Object.fromEntries(Object.entries(json).filter(([k]) => k === 'id' || k === '@odata.etag' || wanted.includes(k))) : json;
    };
    if (segments[0] === 'teams' && segments[2] === 'channels' && segments[4] === 'filesFolder' && segments.length === 5) {
      const team = drives.teams.get(segments[1]!);
      const channel = team?.channels.get(segments[3]!);
      if (!team || !channel) return graphError(404, 'NotFound', 'No team or channel found with the given id.');
      return Response.json({ '@odata.context': `${GRAPH_ROOT}/$metadata#teams('${team.id}')/channels('${channel.id}')/filesFolder/$entity`, ...select(driveItemJson(drives.items.get(channel.folderId)!, drives)) });
    }
    if (segments[0] === 'drives' && segments[2] === 'items' && segments.length >= 4 && segments.length <= 5) {
      const item = drives.item(segments[1]!, segments[3]!);
      if (!item) return graphError(404, 'itemNotFound', 'The resource could not be found.');
      const sub = segments[4];
      if (sub === undefined) return Response.json(select(driveItemJson(item, drives)));
      if (sub === 'children') {
        const all = drives.children(item.driveId, item.id);
        const top = Math.min(Number(q.get('$top') ?? 200) || 200, drives.pageSize);
        const skip = Number(q.get('$skiptoken') ?? 0) || 0;
        const next = new URL(url);
        next.searchParams.set('$skiptoken', String(skip + top));
        return Response.json({
          '@odata.context': `${GRAPH_ROOT}/$metadata#Collection(driveItem)`,
          value: all.slice(skip, skip + top).map((child) => select(driveItemJson(child, drives))),
          ...(skip + top < all.length ? { '@odata.nextLink': next.toString() } : {}),
        });
      }
      if (sub === 'content') {
        if (item.content === null) return graphError(400, 'invalidRequest', 'Cannot download a folder.');
        const location = `${url.origin}${root}/_download/${encodeURIComponent(item.driveId)}/${encodeURIComponent(item.id)}/${item.version}`;
        return new Response(null, { status: 302, headers: { location } });
      }
    }
    return graphError(400, 'BadRequest', `Unsupported request: ${request.method} ${path}`);
  }

  function downloadFile(driveId: string, id: string, version: number): Response {
    const item = drives.item(driveId, id);
    // A download URL is for one version; after a new one is saved it no longer answers.
    if (!item?.content || item.version !== version) return graphError(404, 'itemNotFound', 'The resource could not be found.');
    return new Response(new Uint8Array(item.content), { headers: { 'content-type': item.mediaType ?? 'application/octet-stream' } });
  }

  const requestCount = (mailbox: string) => {
    const address = mailboxes.find(mailbox)?.address ?? mailbox.toLowerCase();
    return requests.filter((r) => r.mailbox === address).length;
  };
  return { mailboxes, drives, faults, subscriptions, requests, requestCount, handle };
}

interface TranslateBody {
  inputIds?: string[];
  sourceIdType?: string;
  targetIdType?: string;
}

interface DraftBody {
  subject?: string;
  body?: { contentType?: string; content?: string };
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  conversationId?: string;
  internetMessageHeaders?: { name?: string; value?: string }[];
}

const encodedWord = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`);
const addressList = (list: GraphRecipient[] = []) =>
  list.map((r) => (r.emailAddress.name ? `${encodedWord(r.emailAddress.name)} <${r.emailAddress.address}>` : r.emailAddress.address)).join(', ');

/** The MIME Exchange would hold for a draft made through Graph: one text or HTML part, UTF-8. */
function draftMime(box: EmulatedMailbox, draft: DraftBody): Buffer {
  const domain = box.address.split('@')[1] ?? 'emulated.graph';
  const html = draft.body?.contentType?.toLowerCase() === 'html';
  const content = Buffer.from(draft.body?.content ?? '').toString('base64').replace(/.{76}/g, '$&\r\n');
  const lines = [
    `From: ${encodedWord(box.displayName)} <${box.address}>`,
    ...(draft.toRecipients?.length ? [`To: ${addressList(draft.toRecipients)}`] : []),
    ...(draft.ccRecipients?.length ? [`Cc: ${addressList(draft.ccRecipients)}`] : []),
    `Subject: ${encodedWord(draft.subject ?? '')}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`,
    // Graph takes only x- headers here; the emulator also keeps In-Reply-To and References, for replies.
    ...(draft.internetMessageHeaders ?? [])
      .filter((h) => h.name && h.value && /^(x-[\w-]+|in-reply-to|references)$/i.test(h.name) && !/[\r\n]/.test(h.value))
      .map((h) => `${h.name}: ${h.value}`),
    'MIME-Version: 1.0',
    `Content-Type: ${html ? 'text/html' : 'text/plain'}; charset="utf-8"`,
    'Content-Transfer-Encoding: base64',
    '',
    content,
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}
