import { FunctionMailboxSchema, QueueAdminSchema, type FunctionMailbox, type QueueAdmin } from '@diarium/core';
import { http, HttpResponse } from 'msw';
import { USERS } from '../../test/fixtures.ts';
import { API, problemBody } from '../../test/server.ts';

// A small emulation of the administrators' routes, over data parsed by core's schemas.

export const REGISTRY: QueueAdmin = QueueAdminSchema.parse({
  id: '60000000-0000-4000-8000-000000000001',
  name: 'Registraturen',
  unit: null,
  members: [USERS.karin],
  version: '0000000000000001',
});
export const BUILDING: QueueAdmin = QueueAdminSchema.parse({
  id: '60000000-0000-4000-8000-000000000002',
  name: 'Bygglov',
  unit: { id: '20000000-0000-4000-8000-000000000002', name: 'Stadsbyggnadskontoret' },
  members: [],
  version: '0000000000000002',
});

export function kommunen(overrides: Partial<FunctionMailbox> = {}): FunctionMailbox {
  return FunctionMailboxSchema.parse({
    id: '70000000-0000-4000-8000-000000000001',
    address: 'kommunen@ekby.se',
    displayName: 'Ekby kommun',
    unit: { id: '20000000-0000-4000-8000-000000000001', name: 'Kommunledningskontoret' },
    defaultDiary: { id: '50000000-0000-4000-8000-000000000001', prefix: 'KS', name: 'Kommunstyrelsen' },
    defaultQueue: { id: REGISTRY.id, name: REGISTRY.name },
    deadlineWorkingDays: 2,
    handledFolder: null,
    active: true,
    rules: [
      {
        id: '90000000-0000-4000-8000-000000000001',
        name: 'Bygglov',
        conditions: [{ type: 'subjectWords', words: ['bygglov'], match: 'any' }],
        actions: [{ type: 'queue', queueId: BUILDING.id }],
      },
    ],
    assignees: [],
    sync: { syncedAt: '2026-11-23T08:00:00.000Z', error: 'GraphError: 503 Service Unavailable' },
    version: 'aaaaaaaaaaaaaaaa',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  });
}

export const adminDiaries = (roles: string[]) => ({
  items: [
    { id: '50000000-0000-4000-8000-000000000001', prefix: 'KS', name: 'Kommunstyrelsen', myRoles: roles },
    { id: '50000000-0000-4000-8000-000000000002', prefix: 'BN', name: 'Byggnadsnämnden', myRoles: [] },
  ],
});
const units = {
  items: [
    { id: '20000000-0000-4000-8000-000000000001', name: 'Kommunledningskontoret', code: 'KLK' },
    { id: '20000000-0000-4000-8000-000000000002', name: 'Stadsbyggnadskontoret', code: 'SBK' },
  ],
};

export interface SentChange {
  method: string;
  path: string;
  ifMatch: string | null;
  body: unknown;
}

/**
 * The routes the settings use. A PATCH answers with what `answer` gives (by default the mailbox
 * changed as asked); each request is kept in `sent`.
 */
export function serveAdmin(options: { roles?: string[]; answer?: (body: Record<string, unknown>) => Response | null } = {}) {
  const state = { mailbox: kommunen(), queues: [BUILDING, REGISTRY], sent: [] as SentChange[] };
  const handlers = [
    http.get(`${API}/diaries`, () => HttpResponse.json(adminDiaries(options.roles ?? ['admin']))),
    http.get(`${API}/units`, () => HttpResponse.json(units)),
    http.get(`${API}/admin/queues`, () => HttpResponse.json({ items: state.queues })),
    http.delete(`${API}/admin/queues/:id`, ({ request, params }) => {
      const id = String(params.id);
      state.sent.push({ method: 'DELETE', path: `/admin/queues/${id}`, ifMatch: request.headers.get('if-match'), body: null });
      // As the API does: the default queue of a mailbox stays, saying why.
      if (id === state.mailbox.defaultQueue.id) {
        const reason = [{ field: 'queue', message: `Kön är standardkö för ${state.mailbox.displayName}. Välj en annan standardkö där först.` }];
        return HttpResponse.json(problemBody(409, 'conflict', 'Det går inte just nu.', reason), { status: 409 });
      }
      state.queues = state.queues.filter((q) => q.id !== id);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${API}/admin/function-mailboxes`, () => HttpResponse.json({ items: [state.mailbox] })),
    http.patch(`${API}/admin/function-mailboxes/:id`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.sent.push({ method: 'PATCH', path: `/admin/function-mailboxes/${String(params.id)}`, ifMatch: request.headers.get('if-match'), body });
      const answer = options.answer?.(body);
      if (answer) return answer;
      if (request.headers.get('if-match') !== `"${state.mailbox.version}"`) {
        return HttpResponse.json(problemBody(412, 'precondition_failed', 'Någon annan har ändrat uppgifterna'), { status: 412 });
      }
      state.mailbox = FunctionMailboxSchema.parse({ ...state.mailbox, ...body, version: 'bbbbbbbbbbbbbbbb' });
      return HttpResponse.json(state.mailbox);
    }),
  ];
  return { state, handlers };
}
