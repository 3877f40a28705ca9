import { CaseSummarySchema, MyWorkSchema, type CaseFull, type CaseSummary, type MyWork } from '@diarium/core';
import { http, HttpResponse } from 'msw';
import { caseFull, caseRestricted, USERS } from '../../test/fixtures.ts';
import { API } from '../../test/server.ts';

// Data for this part's tests, parsed by core's schemas like the shared fixtures.

export const sjovik = summaryOf(caseFull());
export const lekplats = summaryOf(
  caseFull({ id: '10000000-0000-4000-8000-000000000051', caseNumber: 'KS 2026/0051', title: 'Medborgarförslag om ny lekplats i Ekby centrum', publicTitle: 'Medborgarförslag om ny lekplats i Ekby centrum' }),
);
/** A confidential case the reader may not see: the API sends its public title as the title. */
export const bistand: CaseSummary = (() => {
  const c = caseRestricted();
  return CaseSummarySchema.parse({ ...c, diary: c.diary.prefix, title: c.publicTitle, officer: null, unit: null, confidential: true, access: 'restricted' });
})();

export function summaryOf(c: CaseFull): CaseSummary {
  return CaseSummarySchema.parse({ ...c, diary: c.diary.prefix, confidential: c.confidentiality !== null, access: 'full' });
}

export function myWork(overrides: Partial<MyWork> = {}): MyWork {
  return MyWorkSchema.parse({
    // Newest first on purpose: the tab shows the longest waiting first.
    waiting: [
      { ...sjovik, waitingSince: '2026-11-18T09:00:00.000Z', newDocuments: 3 },
      { ...lekplats, waitingSince: '2026-11-10T09:00:00.000Z', newDocuments: 1 },
    ],
    activity: [
      {
        id: 'e-3',
        at: '2026-11-20T13:30:00.000Z',
        action: 'document.registered',
        actor: USERS.karin,
        case: { id: sjovik.id, caseNumber: sjovik.caseNumber, title: sjovik.title, confidential: false },
        document: { id: '30000000-0000-4000-8000-000000000004', documentNumber: 'KS 2026/0042-4', title: 'Synpunkter på planförslaget' },
      },
      {
        id: 'e-2',
        at: '2026-11-19T08:00:00.000Z',
        action: 'document.registered',
        actor: USERS.karin,
        case: { id: bistand.id, caseNumber: bistand.caseNumber, title: bistand.publicTitle, confidential: true },
        document: { id: '30000000-0000-4000-8000-000000000077', documentNumber: 'SN 2026/0077-2', title: 'Handling med sekretess' },
      },
      {
        id: 'e-1',
        at: '2026-11-18T08:00:00.000Z',
        action: 'case.closed',
        actor: USERS.johan,
        case: { id: lekplats.id, caseNumber: lekplats.caseNumber, title: lekplats.title, confidential: false },
        document: null,
      },
    ],
    ...overrides,
  });
}

export const diaries = {
  items: [
    { id: '50000000-0000-4000-8000-000000000001', prefix: 'KS', name: 'Kommunstyrelsen', myRoles: ['officer'] },
    { id: '50000000-0000-4000-8000-000000000002', prefix: 'BN', name: 'Byggnadsnämnden', myRoles: [] },
  ],
};
export const units = {
  items: [
    { id: '20000000-0000-4000-8000-000000000001', name: 'Kommunledningskontoret', code: 'KLK' },
    { id: '20000000-0000-4000-8000-000000000002', name: 'Stadsbyggnadskontoret', code: 'SBK' },
  ],
};

/** What the page asks for as it opens, each answered well unless a test says otherwise. */
export function pageHandlers(
  cases: (url: URL) => Response | Promise<Response> = () => HttpResponse.json({ items: [sjovik], nextCursor: null }),
  queues: unknown[] = [],
) {
  return [
    http.get(`${API}/queues`, () => HttpResponse.json({ items: queues })),
    http.get(`${API}/queues/:queueId/items`, () => HttpResponse.json({ items: [], total: 0 })),
    http.get(`${API}/me/work`, () => HttpResponse.json(myWork())),
    http.get(`${API}/cases`, ({ request }) => cases(new URL(request.url))),
    http.get(`${API}/diaries`, () => HttpResponse.json(diaries)),
    http.get(`${API}/units`, () => HttpResponse.json(units)),
  ];
}

/** The case view's own requests, so it can show the case wherever a test opens one. */
export function caseViewHandlers() {
  return [
    http.get(`${API}/cases/:ref`, () => HttpResponse.json(caseFull())),
    http.get(`${API}/cases/:ref/documents`, () => HttpResponse.json({ items: [] })),
    http.get(`${API}/cases/:ref/events`, () => HttpResponse.json({ items: [] })),
  ];
}
