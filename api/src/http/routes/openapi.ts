import { z } from 'zod';
import {
  BindChannelTabSchema,
  CaseEventListSchema,
  CaseLinksSchema,
  ChannelFileListSchema,
  ChannelTabBindingSchema,
  FileFromDriveResultSchema,
  FileFromDriveSchema,
  CaseSchema,
  CaseSearchQuerySchema,
  CaseSearchResultSchema,
  CreateCaseSchema,
  CreateDocumentSchema,
  DiaryListSchema,
  DocumentListSchema,
  DocumentRegistrationSchema,
  DocumentSchema,
  GrantAccessSchema,
  MailRegistrationListSchema,
  MailRegistrationQuerySchema,
  MailRegistrationResultSchema,
  OutgoingMailTieSchema,
  RegisterMailSchema,
  TieOutgoingMailSchema,
  SetRolesSchema,
  UserListSchema,
  UserQuerySchema,
  UserSchema,
  MeSchema,
  MailViewSchema,
  MyWorkSchema,
  ProblemSchema,
  UnitListSchema,
  UpdateCaseSchema,
  CreateFunctionMailboxSchema,
  BulkQueueActionSchema,
  QueueItemActionSchema,
  QueueItemMailSchema,
  QueueItemEventListSchema,
  QueueItemPageSchema,
  QueueItemQuerySchema,
  QueueItemRegistrationSchema,
  QueueItemSchema,
  QueueSummarySchema,
  RegisterQueueItemSchema,
  CreateQueueSchema,
  FunctionMailboxListSchema,
  FunctionMailboxSchema,
  QueueAdminListSchema,
  QueueAdminSchema,
  UpdateFunctionMailboxSchema,
  UpdateQueueSchema,
} from '@diarium/core';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put';
  path: string;
  summary: string;
  body?: z.ZodType;
  multipart?: boolean;
  query?: z.ZodObject;
  response: z.ZodType;
  status?: string;
  headers?: string[];
}

// The routes as clients see them, described with the same schemas the routes validate with.
const OPERATIONS: Operation[] = [
  { method: 'get', path: '/me', summary: 'The signed-in user, organisation and roles', response: MeSchema },
  {
    method: 'get',
    path: '/me/work',
    summary: '"Mitt arbete": my open cases with incoming documents waiting for me (oldest first), and the latest 30 days\' events in the cases I handle or registered (newest first, reads left out)',
    response: MyWorkSchema,
  },
  { method: 'get', path: '/diaries', summary: "The organisation's diaries", response: DiaryListSchema },
  { method: 'get', path: '/units', summary: "The organisation's units", response: UnitListSchema },
  { method: 'post', path: '/cases', summary: 'Register a case', body: CreateCaseSchema, response: CaseSchema, status: '201', headers: ['Idempotency-Key'] },
  { method: 'get', path: '/cases', summary: 'Search the register', query: CaseSearchQuerySchema, response: CaseSearchResultSchema },
  { method: 'get', path: '/cases/{ref}', summary: 'Read a case by id or case number', response: CaseSchema },
  { method: 'patch', path: '/cases/{ref}', summary: 'Change, close, reopen or cancel a case', body: UpdateCaseSchema, response: CaseSchema, headers: ['If-Match'] },
  { method: 'get', path: '/cases/{ref}/links', summary: 'Where a case opens: its page, its channel tab, the personal tab, a stage view', response: CaseLinksSchema },
  { method: 'get', path: '/cases/{ref}/events', summary: 'The history of a case', response: CaseEventListSchema },
  { method: 'get', path: '/cases/{ref}/documents', summary: 'The documents of a case', response: DocumentListSchema },
  {
    method: 'post',
    path: '/cases/{ref}/documents',
    summary: 'Register a document: JSON, or multipart with a `metadata` part and files',
    body: CreateDocumentSchema,
    multipart: true,
    response: DocumentRegistrationSchema,
    status: '201',
    headers: ['Idempotency-Key'],
  },
  { method: 'get', path: '/documents/{id}', summary: 'Read a document', response: DocumentSchema },
  {
    method: 'get',
    path: '/documents/{id}/mail',
    summary: 'A registered mail read from its .eml, inline images as data: URLs; the HTML is not sanitised. 404 not_a_mail when the document holds none',
    response: MailViewSchema,
  },
  { method: 'get', path: '/users', summary: 'Find colleagues by name or e-mail', query: UserQuerySchema, response: UserListSchema },
  { method: 'put', path: '/diaries/{prefix}/roles/{userId}', summary: "Set a user's roles in a diary (administrators)", body: SetRolesSchema, response: UserSchema },
  { method: 'post', path: '/cases/{ref}/grants', summary: 'Let a colleague read a confidential case', body: GrantAccessSchema, response: GrantAccessSchema, status: '201' },
  {
    method: 'post',
    path: '/mail/registrations',
    summary: 'Register a mail from Outlook (fetched through Graph as the user) into a case or a new one; 200 when already registered there',
    body: RegisterMailSchema,
    response: MailRegistrationResultSchema,
    status: '201',
    headers: ['Idempotency-Key'],
  },
  {
    method: 'get',
    path: '/mail/registrations',
    summary: 'Where a mail (internetMessageId) or its conversation (conversationId) is registered',
    query: MailRegistrationQuerySchema,
    response: MailRegistrationListSchema,
  },
  {
    method: 'post',
    path: '/mail/outgoing',
    summary: 'Tie a saved draft to a case: its sent copy is registered as outgoing once it is in Sent Items',
    body: TieOutgoingMailSchema,
    response: OutgoingMailTieSchema,
    status: '201',
  },
  { method: 'get', path: '/channel-tabs/{teamId}/{channelId}', summary: "The case a Teams channel's tab is bound to; 404 when none", response: ChannelTabBindingSchema },
  {
    method: 'put',
    path: '/channel-tabs/{teamId}/{channelId}',
    summary: "Bind a Teams channel's tab to a case (id or case number) the user may read; 201 when new, 200 when it was bound already",
    body: BindChannelTabSchema,
    response: ChannelTabBindingSchema,
    status: '201',
  },
  {
    method: 'get',
    path: '/channel-tabs/{teamId}/{channelId}/files',
    summary: "The channel's files (through Graph as the user), each with the version filed in the bound case and whether SharePoint holds a newer one",
    response: ChannelFileListSchema,
  },
  {
    method: 'post',
    path: '/cases/{ref}/documents/from-drive',
    summary: 'File SharePoint files (a channel\'s files) into a case, all or none; each version once: 200 when every item was filed already',
    body: FileFromDriveSchema,
    response: FileFromDriveResultSchema,
    status: '201',
    headers: ['Idempotency-Key'],
  },
  { method: 'get', path: '/queues', summary: 'The function mailboxes\' queues I handle, with how many messages wait, are soon due and are late', response: z.object({ items: z.array(QueueSummarySchema) }) },
  { method: 'get', path: '/queues/{id}/items', summary: "A queue's messages, the nearest deadline first", query: QueueItemQuerySchema, response: QueueItemPageSchema },
  { method: 'get', path: '/queue-items/{id}', summary: 'A message in a queue; its ETag is what an action sends as If-Match', response: QueueItemSchema },
  { method: 'get', path: '/queue-items/{id}/events', summary: "The message's history: arrived (by which rule), opened, assigned, forwarded, set aside, registered", response: QueueItemEventListSchema },
  { method: 'get', path: '/queue-items/{id}/mail', summary: "The message's mail read from its mailbox (HTML not sanitised); recorded as opened", response: QueueItemMailSchema },
  { method: 'post', path: '/queue-items/{id}/actions', summary: 'Assign, take, forward, set aside with a reason, or restore a message', body: QueueItemActionSchema, response: QueueItemSchema, headers: ['If-Match'] },
  { method: 'post', path: '/queue-items/actions', summary: 'The same action on many messages, all or none', body: BulkQueueActionSchema, response: z.object({ items: z.array(QueueItemSchema) }) },
  {
    method: 'post',
    path: '/queue-items/{id}/registration',
    summary: 'Register the message into a case or a new one, as the add-in registers a mail; then mark it in its mailbox. 200 when the mail was in that case already',
    body: RegisterQueueItemSchema,
    response: QueueItemRegistrationSchema,
    status: '201',
    headers: ['If-Match'],
  },
  { method: 'get', path: '/admin/function-mailboxes', summary: "The organisation's function mailboxes with rules and sync state (administrators)", response: FunctionMailboxListSchema },
  { method: 'post', path: '/admin/function-mailboxes', summary: 'Add a function mailbox; it is synced at once (administrators)', body: CreateFunctionMailboxSchema, response: FunctionMailboxSchema, status: '201' },
  { method: 'get', path: '/admin/function-mailboxes/{id}', summary: 'Read a function mailbox; its ETag is what a change sends as If-Match', response: FunctionMailboxSchema },
  { method: 'patch', path: '/admin/function-mailboxes/{id}', summary: 'Change a function mailbox (not its address) and its ordered routing rules', body: UpdateFunctionMailboxSchema, response: FunctionMailboxSchema, headers: ['If-Match'] },
  { method: 'get', path: '/admin/queues', summary: 'Every queue with its unit and members (administrators)', response: QueueAdminListSchema },
  { method: 'post', path: '/admin/queues', summary: 'Add a queue, unique by name (administrators)', body: CreateQueueSchema, response: QueueAdminSchema, status: '201' },
  { method: 'patch', path: '/admin/queues/{id}', summary: 'Rename a queue or move it to another unit', body: UpdateQueueSchema, response: QueueAdminSchema, headers: ['If-Match'] },
  { method: 'put', path: '/admin/queues/{id}/members/{userId}', summary: 'Make a colleague a member of a queue (idempotent)', response: QueueAdminSchema },
];

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

/** The OpenAPI 3.1 description of /api/v1. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.keys(op.query?.shape ?? {}).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
      ...(op.headers ?? []).map((name) => ({ name, in: 'header', required: name === 'If-Match', schema: { type: 'string' } })),
    ];
    const json = op.body ? { 'application/json': { schema: schema(op.body, 'input') } } : undefined;
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      security: [{ entra: [] }],
      parameters,
      ...(json
        ? {
            requestBody: {
              required: true,
              content: op.multipart
                ? {
                    ...json,
                    'multipart/form-data': {
                      schema: {
                        type: 'object',
                        properties: { metadata: { type: 'string', description: 'JSON as for application/json' }, files: { type: 'array', items: { type: 'string', format: 'binary' } } },
                        required: ['metadata'],
                      },
                    },
                  }
                : json,
            },
          }
        : {}),
      responses: {
        [op.status ?? '200']: { description: 'OK', content: { 'application/json': { schema: schema(op.response, 'output') } } },
        default: { description: 'A problem', content: { 'application/problem+json': { schema: schema(ProblemSchema, 'output') } } },
      },
    };
  }
  paths['/documents/{id}/files/{fileId}'] = {
    get: {
      summary: 'Download a file; Repr-Digest carries its SHA-256',
      security: [{ entra: [] }],
      parameters: ['id', 'fileId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      responses: { '200': { description: 'The file', content: { 'application/octet-stream': {} } } },
    },
  };
  paths['/cases/{ref}/grants/{userId}'] = {
    delete: {
      summary: "Stop a colleague's access to a confidential case",
      security: [{ entra: [] }],
      parameters: ['ref', 'userId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      responses: { '204': { description: 'Access removed' } },
    },
  };
  paths['/channel-tabs/{teamId}/{channelId}']!.delete = {
    summary: "Unbind a Teams channel's tab (the tab was removed); recorded in the case's history",
    security: [{ entra: [] }],
    parameters: ['teamId', 'channelId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    responses: { '204': { description: 'Unbound' }, '404': { description: 'The tab is bound to no case' } },
  };
  paths['/admin/queues/{id}/members/{userId}']!.delete = {
    summary: 'Remove a colleague from a queue (idempotent)',
    security: [{ entra: [] }],
    parameters: ['id', 'userId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    responses: { '200': { description: 'The queue as it is now' } },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Diarium API', version: '1', description: 'The case register (diarium) behind the Outlook add-in, the Teams tabs and the bot.' },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: { securitySchemes: { entra: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
