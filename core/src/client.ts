import { z } from 'zod';
import type { ErrorCode, FieldError } from './errors.ts';
import { pickLocale, t, type Locale } from './messages/catalogue.ts';
import {
  CaseEventListSchema,
  type CaseEvent,
} from './schemas/event.ts';
import { CaseLinksSchema, CaseSchema, type Case, type CaseLinks, type CreateCase, type UpdateCase } from './schemas/case.ts';
import {
  DocumentListSchema,
  DocumentRegistrationSchema,
  DocumentSchema,
  type CreateDocument,
  type Document,
  type DocumentRegistration,
} from './schemas/document.ts';
import {
  DiaryListSchema,
  MeSchema,
  UnitListSchema,
  UserListSchema,
  UserSchema,
  type Diary,
  type Me,
  type SetRoles,
  type Unit,
  type User,
} from './schemas/organisation.ts';
import { ProblemSchema, type Problem } from './schemas/problem.ts';
import {
  MailRegistrationListSchema,
  MailRegistrationResultSchema,
  MailViewSchema,
  OutgoingMailTieSchema,
  type MailRegistrationQuery,
  type MailRegistrationRef,
  type MailRegistrationResult,
  type MailView,
  type OutgoingMailTie,
  type RegisterMail,
  type RegisterQueueItem,
  QueueItemMailSchema,
  type QueueItemMail,
  type TieOutgoingMail,
} from './schemas/mail.ts';
import {
  ChannelFileListSchema,
  ChannelTabBindingSchema,
  FileFromDriveResultSchema,
  type ChannelFile,
  type ChannelTabBinding,
  type FileFromDrive,
  type FileFromDriveResult,
} from './schemas/channel-tab.ts';
import { CaseSearchResultSchema, type CaseSearchQuery, type CaseSearchResult } from './schemas/search.ts';
import { MyWorkSchema, type MyWork } from './schemas/work.ts';
import {
  QueueItemPageSchema,
  QueueItemSchema,
  QueueItemRegistrationSchema,
  BulkQueueRegistrationResultSchema,
  type BulkQueueRegistration,
  type BulkQueueRegistrationResult,
  QueueItemEventListSchema,
  type QueueItemEvent,
  type QueueItemRegistration,
  QueueSummarySchema,
  type QueueItem,
  type QueueItemAction,
  type QueueItemPage,
  type QueueItemQuery,
  type QueueSummary,
} from './schemas/queue.ts';

import {
  FunctionMailboxListSchema,
  FunctionMailboxSchema,
  QueueAdminListSchema,
  QueueAdminSchema,
  type CreateFunctionMailboxInput,
  type CreateQueueInput,
  type FunctionMailbox,
  type QueueAdmin,
  type UpdateFunctionMailboxInput,
  type UpdateQueue,
} from './schemas/mailbox-admin.ts';

// The queue routes answer lists wrapped as `{ items }`, like the other lists.
const QueueSummaryListSchema = z.object({ items: z.array(QueueSummarySchema) });
const QueueItemListSchema = z.object({ items: z.array(QueueItemSchema) });

/** A problem+json answer from the API, as an error the caller can show: `detail` and `errors` are ready to read. */
export class ApiProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiProblem';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): Problem['code'] {
    return this.problem.code;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export interface ApiClientOptions {
  /** Where the API is, e.g. `https://diarium.kommun.se`; empty for the same origin. */
  baseUrl: string;
  /** A current access token for the API: from Teams SSO, nested app authentication, or the dev issuer. */
  getToken: () => Promise<string>;
  fetch?: typeof fetch;
  /** The reader's language for problem texts: `sv` or `en`. */
  locale?: string;
}

export interface FileUpload {
  name: string;
  content: Blob;
}

/** The ETag of a case as the API gave it, for If-Match. */
export const etagOfCase = (c: Case) => (c.access === 'full' ? `"${c.version}"` : undefined);

/** Typed calls to /api/v1. Answers are checked against core's schemas; problems become ApiProblem. */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  async function request<S extends z.ZodType>(
    schema: S | null,
    method: string,
    path: string,
    init: { json?: unknown; body?: BodyInit; headers?: Record<string, string>; query?: Record<string, unknown> } = {},
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await options.getToken()}`,
      accept: 'application/json',
      ...(options.locale ? { 'accept-language': options.locale } : {}),
      ...init.headers,
    };
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const query = Object.entries(init.query ?? {}).filter(([, v]) => v !== undefined && v !== '');
    const search = query.length > 0 ? `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : '';
    const res = await doFetch(`${options.baseUrl}/api/v1${path}${search}`, { method, headers, ...(body === undefined ? {} : { body }) });
    if (!res.ok) throw await problemOf(res, pickLocale(options.locale));
    if (schema === null || res.status === 204) return undefined as z.output<S>;
    return schema.parse(await res.json());
  }

  const ref = (value: string) => encodeURIComponent(value);

  return {
    me: (): Promise<Me> => request(MeSchema, 'GET', '/me'),
    /** "Mitt arbete": my open cases waiting for me, and what happened lately in my cases. */
    getMyWork: (): Promise<MyWork> => request(MyWorkSchema, 'GET', '/me/work'),
    diaries: async (): Promise<Diary[]> => (await request(DiaryListSchema, 'GET', '/diaries')).items,
    units: async (): Promise<Unit[]> => (await request(UnitListSchema, 'GET', '/units')).items,
    users: async (q?: string): Promise<User[]> => (await request(UserListSchema, 'GET', '/users', { query: { q } })).items,
    setRoles: (prefix: string, userId: string, input: SetRoles): Promise<User> =>
      request(UserSchema, 'PUT', `/diaries/${ref(prefix)}/roles/${ref(userId)}`, { json: input }),

    searchCases: (query: Partial<CaseSearchQuery> = {}): Promise<CaseSearchResult> =>
      request(CaseSearchResultSchema, 'GET', '/cases', { query }),
    getCase: (idOrNumber: string): Promise<Case> => request(CaseSchema, 'GET', `/cases/${ref(idOrNumber)}`),
    registerCase: (input: CreateCase, idempotencyKey?: string): Promise<Case> =>
      request(CaseSchema, 'POST', '/cases', { json: input, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} }),
    /** Changes a case read earlier; a 412 ApiProblem means someone else changed it first. */
    updateCase: (c: Case, patch: UpdateCase): Promise<Case> =>
      request(CaseSchema, 'PATCH', `/cases/${ref(c.id)}`, { json: patch, headers: { 'if-match': etagOfCase(c) ?? '""' } }),
    /** Where the case opens: its page, and in Teams its channel tab, the personal tab and a stage view. */
    caseLinks: (idOrNumber: string): Promise<CaseLinks> => request(CaseLinksSchema, 'GET', `/cases/${ref(idOrNumber)}/links`),
    caseEvents: async (idOrNumber: string): Promise<CaseEvent[]> =>
      (await request(CaseEventListSchema, 'GET', `/cases/${ref(idOrNumber)}/events`)).items,
    caseDocuments: async (idOrNumber: string): Promise<Document[]> =>
      (await request(DocumentListSchema, 'GET', `/cases/${ref(idOrNumber)}/documents`)).items,
    registerDocument: (
      caseIdOrNumber: string,
      metadata: CreateDocument,
      files: FileUpload[] = [],
      idempotencyKey?: string,
    ): Promise<DocumentRegistration> => {
      const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
      if (files.length === 0) {
        return request(DocumentRegistrationSchema, 'POST', `/cases/${ref(caseIdOrNumber)}/documents`, { json: metadata, headers });
      }
      const form = new FormData();
      form.append('metadata', JSON.stringify(metadata));
      for (const file of files) form.append('files', file.content, file.name);
      return request(DocumentRegistrationSchema, 'POST', `/cases/${ref(caseIdOrNumber)}/documents`, { body: form, headers });
    },
    getDocument: (id: string): Promise<Document> => request(DocumentSchema, 'GET', `/documents/${ref(id)}`),
    /** A registered mail read from its .eml; its HTML is not sanitised (sanitise before showing it). A 404 not_a_mail when the document holds no mail. */
    getDocumentMail: (documentId: string): Promise<MailView> => request(MailViewSchema, 'GET', `/documents/${ref(documentId)}/mail`),
    /** A file's bytes, checked by the API against its SHA-256 as it streams; for a preview or a download. */
    readFile: async (documentId: string, fileId: string): Promise<Blob> => {
      const res = await doFetch(`${options.baseUrl}/api/v1/documents/${ref(documentId)}/files/${ref(fileId)}`, {
        headers: { authorization: `Bearer ${await options.getToken()}`, ...(options.locale ? { 'accept-language': options.locale } : {}) },
      });
      if (!res.ok) throw await problemOf(res, pickLocale(options.locale));
      return res.blob();
    },
    /** The address of a file, for a download link or a preview frame (the request still needs the token). */
    fileUrl: (documentId: string, fileId: string) => `${options.baseUrl}/api/v1/documents/${ref(documentId)}/files/${ref(fileId)}`,
    /** Where a mail is registered, by its internetMessageId or by its conversation. */
    mailRegistrations: async (query: MailRegistrationQuery): Promise<MailRegistrationRef[]> =>
      (await request(MailRegistrationListSchema, 'GET', '/mail/registrations', { query: { ...query } })).items,
    registerMail: (input: RegisterMail, idempotencyKey?: string): Promise<MailRegistrationResult> =>
      request(MailRegistrationResultSchema, 'POST', '/mail/registrations', {
        json: input,
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      }),
    /** Ties a saved draft to a case: once sent, its copy in Sent Items is registered as outgoing. */
    tieOutgoingMail: (input: TieOutgoingMail): Promise<OutgoingMailTie> => request(OutgoingMailTieSchema, 'POST', '/mail/outgoing', { json: input }),
    /** The case a Teams channel's tab is bound to; a 404 ApiProblem when none. */
    getChannelTab: (teamId: string, channelId: string): Promise<ChannelTabBinding> =>
      request(ChannelTabBindingSchema, 'GET', `/channel-tabs/${ref(teamId)}/${ref(channelId)}`),
    bindChannelTab: (teamId: string, channelId: string, caseRef: string): Promise<ChannelTabBinding> =>
      request(ChannelTabBindingSchema, 'PUT', `/channel-tabs/${ref(teamId)}/${ref(channelId)}`, { json: { caseRef } }),
    unbindChannelTab: async (teamId: string, channelId: string): Promise<void> => {
      await request(null, 'DELETE', `/channel-tabs/${ref(teamId)}/${ref(channelId)}`);
    },
    /** The channel's files, each with whether (and which version) it is filed in the bound case. */
    channelFiles: async (teamId: string, channelId: string): Promise<ChannelFile[]> =>
      (await request(ChannelFileListSchema, 'GET', `/channel-tabs/${ref(teamId)}/${ref(channelId)}/files`)).items,
    fileFromDrive: (caseIdOrNumber: string, input: FileFromDrive, idempotencyKey?: string): Promise<FileFromDriveResult> =>
      request(FileFromDriveResultSchema, 'POST', `/cases/${ref(caseIdOrNumber)}/documents/from-drive`, {
        json: input,
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      }),
    /** The function mailboxes' queues I work in (all of them for a registrar), with what waits and what is late. */
    getQueues: async (): Promise<QueueSummary[]> => (await request(QueueSummaryListSchema, 'GET', '/queues')).items,
    /** A page of a queue's items, the nearest deadline first; by default those waiting. */
    getQueueItems: (queueId: string, query: Partial<QueueItemQuery> = {}): Promise<QueueItemPage> =>
      request(QueueItemPageSchema, 'GET', `/queues/${ref(queueId)}/items`, { query }),
    /** One item as it is now; its `version` is what an action on it sends. */
    getQueueItem: (id: string): Promise<QueueItem> => request(QueueItemSchema, 'GET', `/queue-items/${ref(id)}`),
    /** Acts on the item as it was at `version`; a 412 ApiProblem means someone else changed it first, a 409 that it is already handled. */
    actOnQueueItem: (id: string, version: number, action: QueueItemAction): Promise<QueueItem> =>
      request(QueueItemSchema, 'POST', `/queue-items/${ref(id)}/actions`, { json: action, headers: { 'if-match': `"${version}"` } }),
    /** The same action on many items: all are done, or none (a 409 when one of them is already handled). */
    actOnQueueItems: async (itemIds: string[], action: QueueItemAction): Promise<QueueItem[]> =>
      (await request(QueueItemListSchema, 'POST', '/queue-items/actions', { json: { itemIds, action } })).items,
    /** A queue item's history, oldest first. */
    getQueueItemEvents: async (id: string): Promise<QueueItemEvent[]> => (await request(QueueItemEventListSchema, 'GET', `/queue-items/${ref(id)}/events`)).items,
    /** A queue item's mail, read from its function mailbox (the HTML unsanitised: the viewer sanitises it). */
    getQueueItemMail: (id: string): Promise<QueueItemMail> => request(QueueItemMailSchema, 'GET', `/queue-items/${ref(id)}/mail`),
    /** Registers a queue item's mail into a case or a new one, as the add-in registers a mail. */
    registerQueueItem: (id: string, version: number, input: RegisterQueueItem): Promise<QueueItemRegistration> =>
      request(QueueItemRegistrationSchema, 'POST', `/queue-items/${ref(id)}/registration`, { json: input, headers: { 'if-match': `"${version}"` } }),
    /** Several messages into one case (a new one is made with the first): one outcome per message. */
    registerQueueItems: (input: BulkQueueRegistration): Promise<BulkQueueRegistrationResult> =>
      request(BulkQueueRegistrationResultSchema, 'POST', '/queue-items/registrations', { json: input }),
    grantAccess: async (caseIdOrNumber: string, userId: string): Promise<void> => {
      await request(null, 'POST', `/cases/${ref(caseIdOrNumber)}/grants`, { json: { userId } });
    },
    revokeAccess: async (caseIdOrNumber: string, userId: string): Promise<void> => {
      await request(null, 'DELETE', `/cases/${ref(caseIdOrNumber)}/grants/${ref(userId)}`);
    },
    /** The organisation's function mailboxes with their rules and sync state (administrators). */
    getFunctionMailboxes: async (): Promise<FunctionMailbox[]> =>
      (await request(FunctionMailboxListSchema, 'GET', '/admin/function-mailboxes')).items,
    createFunctionMailbox: (input: CreateFunctionMailboxInput): Promise<FunctionMailbox> =>
      request(FunctionMailboxSchema, 'POST', '/admin/function-mailboxes', { json: input }),
    /** Changes a mailbox as it was at `version`; a 412 ApiProblem means someone else changed it first. */
    updateFunctionMailbox: (id: string, version: string, patch: UpdateFunctionMailboxInput): Promise<FunctionMailbox> =>
      request(FunctionMailboxSchema, 'PATCH', `/admin/function-mailboxes/${ref(id)}`, { json: patch, headers: { 'if-match': `"${version}"` } }),
    /** Every queue of the organisation with its members (administrators). */
    getQueueAdmins: async (): Promise<QueueAdmin[]> => (await request(QueueAdminListSchema, 'GET', '/admin/queues')).items,
    createQueue: (input: CreateQueueInput): Promise<QueueAdmin> => request(QueueAdminSchema, 'POST', '/admin/queues', { json: input }),
    updateQueue: (id: string, version: string, patch: UpdateQueue): Promise<QueueAdmin> =>
      request(QueueAdminSchema, 'PATCH', `/admin/queues/${ref(id)}`, { json: patch, headers: { 'if-match': `"${version}"` } }),
    /** Removes a queue no mailbox uses and that never held messages; 409 says which it is instead. */
    deleteQueue: async (id: string, version: string): Promise<void> => {
      await request(null, 'DELETE', `/admin/queues/${ref(id)}`, { headers: { 'if-match': `"${version}"` } });
    },
    addQueueMember: (queueId: string, userId: string): Promise<QueueAdmin> =>
      request(QueueAdminSchema, 'PUT', `/admin/queues/${ref(queueId)}/members/${ref(userId)}`),
    removeQueueMember: (queueId: string, userId: string): Promise<QueueAdmin> =>
      request(QueueAdminSchema, 'DELETE', `/admin/queues/${ref(queueId)}/members/${ref(userId)}`),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

async function problemOf(res: Response, locale: Locale): Promise<ApiProblem> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = ProblemSchema.safeParse(body);
  if (parsed.success) return new ApiProblem(parsed.data);
  // Not from our API (a proxy or gateway in between): still a problem the reader can act on.
  const code: ErrorCode =
    res.status === 401 ? 'unauthenticated' : res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : res.status === 413 ? 'payload_too_large' : 'unavailable';
  return new ApiProblem({
    type: 'about:blank',
    title: t(locale, `problem.${code}`),
    status: res.status,
    detail: t(locale, code === 'payload_too_large' ? 'problem.payload_too_large.unknown_limit' : `problem.${code}.detail`),
    code,
  });
}
