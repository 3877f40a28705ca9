import { QueueItemSchema, canActOnQueueItem, type QueueItem, type QueueItemAction, type QueueSummary } from '@diarium/core';
import { http, HttpResponse } from 'msw';
import { USERS } from '../../test/fixtures.ts';
import { API, problemBody } from '../../test/server.ts';
import { deadlineState } from './queue-items.ts';

// A small emulation of the queue routes, over items parsed by core's schema: enough to see the
// tab's requests and what the reader sees after each answer.

/** Monday 23 November 2026, 11:00 in Sweden: the tests' clock. */
export const NOW = new Date('2026-11-23T10:00:00.000Z');

export const REGISTRY = { id: '60000000-0000-4000-8000-000000000001', name: 'Registraturen', unit: null };
export const BUILDING = {
  id: '60000000-0000-4000-8000-000000000002',
  name: 'Bygglov',
  unit: { id: '20000000-0000-4000-8000-000000000002', name: 'Stadsbyggnadskontoret' },
};
const mailbox = { id: '70000000-0000-4000-8000-000000000001', address: 'kommunen@ekby.se', displayName: 'Ekby kommun' };
const anna = { address: 'anna.svensson@example.se', name: 'Anna Svensson' };

export function queueItem(n: number, overrides: Partial<QueueItem>): QueueItem {
  const received = Date.parse(overrides.receivedAt ?? '2026-11-20T08:00:00.000Z');
  const deadline = Date.parse(overrides.deadlineAt ?? '2026-12-04T08:00:00.000Z');
  return QueueItemSchema.parse({
    // As the API warns: three quarters of the way from arrival to deadline.
    warnAt: new Date(received + Math.round((deadline - received) * 0.75)).toISOString(),
    id: `80000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    queueId: REGISTRY.id,
    mailbox,
    subject: `Meddelande ${n}`,
    from: anna,
    bodyPreview: '',
    hasAttachments: false,
    receivedAt: '2026-11-20T08:00:00.000Z',
    deadlineAt: '2026-12-04T08:00:00.000Z',
    status: 'waiting',
    assignee: null,
    suggestedCase: null,
    rule: null,
    unimportant: false,
    setAsideReason: null,
    document: null,
    version: 1,
    ...overrides,
  });
}

/** Late (its deadline passed on Friday), due soon (past three quarters of its time), an ad, and one registered. */
export function registryItems(): QueueItem[] {
  return [
    queueItem(3, {
      subject: 'Erbjudande: kontorsmaterial till halva priset',
      from: { address: 'kampanj@kontorsgrossen.se', name: null },
      receivedAt: '2026-11-23T08:00:00.000Z',
      deadlineAt: '2026-12-07T08:00:00.000Z',
      unimportant: true,
      rule: { id: '90000000-0000-4000-8000-000000000002', name: 'Massutskick' },
    }),
    queueItem(1, {
      subject: 'Fråga om bygglov för altan',
      receivedAt: '2026-11-09T08:00:00.000Z',
      deadlineAt: '2026-11-20T16:00:00.000Z',
      hasAttachments: true,
      suggestedCase: { id: '10000000-0000-4000-8000-000000000042', caseNumber: 'KS 2026/0042', publicTitle: 'Detaljplan för Sjövik 2:14' },
      rule: { id: '90000000-0000-4000-8000-000000000001', name: 'Diarienummer i ämnet' },
    }),
    queueItem(2, {
      subject: 'Synpunkt på gatubelysningen',
      receivedAt: '2026-11-16T09:00:00.000Z',
      deadlineAt: '2026-11-24T09:00:00.000Z',
      assignee: USERS.johan,
      version: 4,
    }),
    queueItem(4, {
      subject: 'Remissvar om översiktsplanen',
      status: 'registered',
      document: { id: '30000000-0000-4000-8000-000000000005', documentNumber: 'KS 2026/0042-5' },
    }),
  ];
}

export interface SentAction {
  path: string;
  ifMatch: string | null;
  body: unknown;
}

/**
 * The queues API over `items`, as the signed-in Johan Berg sees it: the counts are worked out from
 * the items, actions check the version (412) and the status (409), and a bulk action is all or none.
 */
export function serveQueues(items: QueueItem[] = registryItems(), queues = [REGISTRY, BUILDING]) {
  const state = { items, reads: [] as URLSearchParams[], sent: [] as SentAction[], fail: null as Response | null };

  const summaries = (): QueueSummary[] =>
    queues.map((queue) => {
      const waiting = state.items.filter((item) => item.queueId === queue.id && item.status === 'waiting');
      return {
        ...queue,
        waiting: waiting.length,
        overdue: waiting.filter((item) => deadlineState(item, NOW) === 'overdue').length,
        dueSoon: waiting.filter((item) => deadlineState(item, NOW) === 'dueSoon').length,
      };
    });

  function apply(item: QueueItem, action: QueueItemAction): QueueItem {
    const next = { ...item, version: item.version + 1 };
    switch (action.action) {
      case 'take':
        return { ...next, assignee: USERS.johan };
      case 'assign':
        return { ...next, assignee: action.assigneeId === USERS.karin.id ? USERS.karin : USERS.johan };
      case 'forward':
        return { ...next, queueId: action.queueId, assignee: null };
      case 'setAside':
        return { ...next, status: 'set_aside', setAsideReason: action.reason };
      case 'restore':
        return { ...next, status: 'waiting', setAsideReason: null };
    }
  }

  const conflict = () => HttpResponse.json(problemBody(409, 'conflict', 'Meddelandet har redan hanterats, så det går inte längre. Ladda om kön.'), { status: 409 });
  const store = (changed: QueueItem[]) => {
    state.items = state.items.map((item) => changed.find((c) => c.id === item.id) ?? item);
    return changed;
  };

  const handlers = [
    http.get(`${API}/queues`, () => HttpResponse.json({ items: summaries() })),
    http.get(`${API}/queues/:queueId/items`, ({ request, params }) => {
      const query = new URL(request.url).searchParams;
      state.reads.push(query);
      const assignee = query.get('assignee');
      const listed = state.items
        .filter((item) => item.queueId === params.queueId && item.status === (query.get('status') ?? 'waiting'))
        .filter((item) => (assignee === 'me' ? item.assignee?.id === USERS.johan.id : assignee === 'none' ? item.assignee === null : true));
      return HttpResponse.json({ items: listed, total: listed.length });
    }),
    http.post(`${API}/queue-items/actions`, async ({ request }) => {
      const body = (await request.json()) as { itemIds: string[]; action: QueueItemAction };
      state.sent.push({ path: '/queue-items/actions', ifMatch: null, body });
      if (state.fail) return state.fail;
      const chosen = state.items.filter((item) => body.itemIds.includes(item.id));
      if (chosen.some((item) => !canActOnQueueItem(item.status, body.action.action))) return conflict();
      return HttpResponse.json({ items: store(chosen.map((item) => apply(item, body.action))) });
    }),
    http.post(`${API}/queue-items/:itemId/actions`, async ({ request, params }) => {
      const action = (await request.json()) as QueueItemAction;
      const ifMatch = request.headers.get('if-match');
      state.sent.push({ path: `/queue-items/${String(params.itemId)}/actions`, ifMatch, body: action });
      if (state.fail) return state.fail;
      const item = state.items.find((i) => i.id === params.itemId)!;
      if (ifMatch !== `"${item.version}"`) {
        return HttpResponse.json(problemBody(412, 'precondition_failed', 'Meddelandet har ändrats av någon annan.'), { status: 412 });
      }
      if (!canActOnQueueItem(item.status, action.action)) return conflict();
      return HttpResponse.json(store([apply(item, action)])[0]);
    }),
    http.get(`${API}/users`, () => HttpResponse.json({ items: [{ ...USERS.karin, unit: null, roles: [] }] })),
  ];
  return { state, handlers };
}
