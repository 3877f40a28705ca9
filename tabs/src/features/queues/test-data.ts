import {
  CaseSummarySchema,
  DiarySchema,
  QueueItemMailSchema,
  QueueItemSchema,
  canActOnQueueItem,
  type BulkQueueRegistration,
  type CaseSummary,
  type Diary,
  type QueueItem,
  type QueueItemAction,
  type QueueItemEvent,
  type QueueItemMail,
  type QueueSummary,
  type RegisterQueueItem,
} from '@diarium/core';
import { http, HttpResponse } from 'msw';
import { USERS, documentFull } from '../../test/fixtures.ts';
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
/** The units a new case may be given: kommunen@ belongs to the first. */
export const UNITS = [
  { id: '20000000-0000-4000-8000-000000000001', name: 'Kommunledningskontoret', code: 'KLK' },
  { id: '20000000-0000-4000-8000-000000000002', name: 'Stadsbyggnadskontoret', code: 'SBK' },
];
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
    newCaseDefaults: { diary: 'KS', unit: UNITS[0] },
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

/** Item 1's mail as it lies in the mailbox: a drawing and a photo attached, a logo shown in the text. */
export function altanMail(overrides: Partial<QueueItemMail> = {}): QueueItemMail {
  return QueueItemMailSchema.parse({
    itemId: '80000000-0000-4000-8000-000000000001',
    subject: 'Fråga om bygglov för altan',
    from: [{ name: 'Anna Svensson', address: 'anna.svensson@example.se' }],
    to: [{ name: 'Ekby kommun', address: 'kommunen@ekby.se' }],
    cc: [],
    date: '2026-11-09T08:00:00.000Z',
    html: null,
    text: 'Hej!\nVi vill bygga en altan på Sjövik 2:14. Ritning och foto bifogas.\nAnna',
    attachments: [
      { name: 'ritning.pdf', mediaType: 'application/pdf', size: 245_760, inline: false },
      { name: 'foto.jpg', mediaType: 'image/jpeg', size: 1_048_576, inline: false },
      { name: 'logga.png', mediaType: 'image/png', size: 2_048, inline: true },
    ],
    ...overrides,
  });
}

/** The diaries as Johan sees them: he may open cases in KS, only read in SN. */
export const DIARIES: Diary[] = [
  DiarySchema.parse({ id: '50000000-0000-4000-8000-000000000001', prefix: 'KS', name: 'Kommunstyrelsen', myRoles: ['officer'] }),
  DiarySchema.parse({ id: '50000000-0000-4000-8000-000000000002', prefix: 'BN', name: 'Byggnadsnämnden', myRoles: ['registrar'] }),
  DiarySchema.parse({ id: '50000000-0000-4000-8000-000000000003', prefix: 'SN', name: 'Socialnämnden', myRoles: ['reader'] }),
];

/** An open case other than the suggested one, as the search finds it. */
export const OTHER_CASE: CaseSummary = CaseSummarySchema.parse({
  id: '10000000-0000-4000-8000-000000000051',
  caseNumber: 'BN 2026/0051',
  diary: 'BN',
  title: 'Bygglov för altan, Sjövik 2:14',
  publicTitle: 'Bygglov för altan, Sjövik 2:14',
  status: 'open',
  officer: USERS.karin,
  unit: null,
  openedAt: '2026-10-12T08:00:00.000Z',
  confidential: false,
  access: 'full',
});

/** The case a registration lands in, and the document's next number there. */
function registrationTarget(body: RegisterQueueItem): { caseId: string; caseNumber: string; number: number } {
  if ('newCase' in body.target) return { caseId: '10000000-0000-4000-8000-000000000101', caseNumber: `${body.target.newCase.diary} 2026/0101`, number: 1 };
  if (body.target.caseRef === OTHER_CASE.id) return { caseId: OTHER_CASE.id, caseNumber: OTHER_CASE.caseNumber, number: 2 };
  return { caseId: '10000000-0000-4000-8000-000000000042', caseNumber: 'KS 2026/0042', number: 3 };
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
const NO_DETAIL = { actor: null, queue: null, assignee: null, ruleName: null, reason: null, documentNumber: null } as const;

export function serveQueues(items: QueueItem[] = registryItems(), queues = [REGISTRY, BUILDING]) {
  const state = {
    items,
    reads: [] as URLSearchParams[],
    sent: [] as SentAction[],
    fail: null as Response | null,
    /** The mails by item id; an item without one is not found (404). */
    mails: { [altanMail().itemId]: altanMail() } as Record<string, QueueItemMail>,
    mailFail: null as Response | null,
    /** Each item's history: it arrived by a rule, and each opening adds to it. */
    events: {} as Record<string, QueueItemEvent[]>,
    /** Where the mail is already registered: a registration elsewhere is refused unless asked (409). */
    registeredElsewhereAs: null as string | null,
    caseSearches: [] as string[],
  };

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

  const arrival = (id: string): QueueItemEvent[] => {
    const item = state.items.find((i) => i.id === id);
    const queue = queues.find((q) => q.id === item?.queueId);
    return item ? [{ ...NO_DETAIL, action: 'item.received', at: item.receivedAt, queue: queue ? { id: queue.id, name: queue.name } : null, ruleName: item.rule?.name ?? null }] : [];
  };

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
        .filter((item) => (assignee === 'me' ? item.assignee?.id === USERS.johan.id : assignee === 'none' ? item.assignee === null : true))
        // As the API does: each word somewhere in the subject or the sender.
        .filter((item) => (query.get('q') ?? '').split(/\s+/u).filter(Boolean).every((word) => [item.subject, item.from?.name, item.from?.address].join(' ').toLowerCase().includes(word.toLowerCase())));
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
    http.get(`${API}/queue-items/:itemId/mail`, ({ params }) => {
      if (state.mailFail) return state.mailFail;
      const id = String(params.itemId);
      const mail = state.mails[id];
      if (!mail) return HttpResponse.json(problemBody(404, 'not_found', 'Hittades inte.'), { status: 404 });
      state.events[id] = [...(state.events[id] ?? arrival(id)), { ...NO_DETAIL, action: 'item.open', at: NOW.toISOString(), actor: USERS.johan }];
      return HttpResponse.json(mail);
    }),
    http.get(`${API}/queue-items/:itemId/events`, ({ params }) => {
      const id = String(params.itemId);
      return HttpResponse.json({ items: state.events[id] ?? arrival(id) });
    }),
    http.post(`${API}/queue-items/:itemId/registration`, async ({ request, params }) => {
      const body = (await request.json()) as RegisterQueueItem;
      const ifMatch = request.headers.get('if-match');
      state.sent.push({ path: `/queue-items/${String(params.itemId)}/registration`, ifMatch, body });
      if (state.fail) return state.fail;
      const item = state.items.find((i) => i.id === params.itemId)!;
      if (ifMatch !== `"${item.version}"`) {
        return HttpResponse.json(problemBody(412, 'precondition_failed', 'Meddelandet har ändrats av någon annan.'), { status: 412 });
      }
      if (!canActOnQueueItem(item.status, 'register')) return conflict();
      if (state.registeredElsewhereAs && !body.alsoInOtherCase) {
        const detail = `Mejlet är redan diariefört som ${state.registeredElsewhereAs}. Välj att diarieföra det även här om det hör till båda ärendena.`;
        return HttpResponse.json(problemBody(409, 'already_registered_elsewhere', detail, [{ field: 'alsoInOtherCase', message: 'Markera att mejlet ska diarieföras även i det här ärendet.' }]), {
          status: 409,
        });
      }
      const { caseId, caseNumber, number } = registrationTarget(body);
      const document = documentFull(number, {
        caseId,
        caseNumber,
        documentNumber: `${caseNumber}-${number}`,
        kind: 'mail',
        title: body.title,
        publicTitle: body.title,
        source: 'mail',
      });
      const [registered] = store([{ ...item, version: item.version + 1, status: 'registered', document: { id: document.id, documentNumber: document.documentNumber } }]);
      return HttpResponse.json({ item: registered, document, alreadyRegistered: false }, { status: 201 });
    }),
    http.post(`${API}/queue-items/registrations`, async ({ request }) => {
      const body = (await request.json()) as BulkQueueRegistration;
      state.sent.push({ path: '/queue-items/registrations', ifMatch: null, body });
      if (state.fail) return state.fail;
      // As the API does: the first registered makes a new case, and the rest go into it.
      let target = body.target;
      let madeCase: { id: string; caseNumber: string } | null = null;
      const outcomes = body.items.map(({ id, version }) => {
        const item = state.items.find((i) => i.id === id)!;
        if (item.version !== version) {
          return { itemId: id, status: 'failed', document: null, problem: { status: 412, title: 'Meddelandet har ändrats av någon annan.', detail: 'Läs in kön igen.' } };
        }
        const { caseId, caseNumber } = registrationTarget({ target, title: item.subject });
        target = { caseRef: caseId };
        madeCase ??= { id: caseId, caseNumber };
        const documentNumber = `${caseNumber}-${state.items.filter((i) => i.document?.documentNumber.startsWith(caseNumber)).length + 1}`;
        const documentId = `d${item.id.slice(1)}`;
        store([{ ...item, version: item.version + 1, status: 'registered', document: { id: documentId, documentNumber } }]);
        return { itemId: id, status: 'registered', document: { id: documentId, documentNumber, caseId }, problem: null };
      });
      return HttpResponse.json({ items: outcomes, case: madeCase });
    }),
    http.get(`${API}/cases`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      state.caseSearches.push(q);
      const found = /51|altan/i.test(q) ? [OTHER_CASE] : [];
      return HttpResponse.json({ items: found, nextCursor: null });
    }),
    http.get(`${API}/diaries`, () => HttpResponse.json({ items: DIARIES })),
    http.get(`${API}/units`, () => HttpResponse.json({ items: UNITS })),
  ];
  return { state, handlers };
}
