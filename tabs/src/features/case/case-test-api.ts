import { http, HttpResponse } from 'msw';
import { MeSchema, type Case, type CaseEvent, type Document, type Me, type Role } from '@diarium/core';
import { API, server } from '../../test/server.ts';
import { USERS, caseFull } from '../../test/fixtures.ts';

const KS = caseFull().diary;

/** Johan Berg, signed in, with the given role in the case's diary (KS). */
export function meWith(role: Role | null): Me {
  return MeSchema.parse({
    ...USERS.johan,
    organisation: { id: '60000000-0000-4000-8000-000000000001', name: 'Ekby kommun' },
    unit: null,
    roles: role ? [{ diaryId: KS.id, diary: KS.prefix, role }] : [],
  });
}

/** An event of the demo case, as the API lists it. */
export function event(n: number, action: CaseEvent['action'], fields: Partial<CaseEvent> = {}): CaseEvent {
  return {
    id: String(n),
    at: `2026-11-${String(10 + n).padStart(2, '0')}T09:00:00.000Z`,
    actor: USERS.karin,
    action,
    caseId: caseFull().id,
    documentId: null,
    before: null,
    after: null,
    ...fields,
  };
}

export interface CaseApi {
  case: Case;
  documents?: Document[];
  events?: CaseEvent[];
  me?: Me;
}

/** The API of one case: its reads answer from `state`, which a test may change between calls. */
export function serveCase(state: CaseApi) {
  const found = (ref: string) => ref === state.case.id || ref === state.case.caseNumber;
  const notFound = () => HttpResponse.json({ type: 'x', title: 'Hittades inte', status: 404, detail: 'Hittades inte', code: 'not_found' }, { status: 404 });
  server.use(
    http.get(`${API}/cases/:ref`, ({ params }) => (found(String(params.ref)) ? HttpResponse.json(state.case) : notFound())),
    http.get(`${API}/cases/:ref/documents`, () => HttpResponse.json({ items: state.documents ?? [] })),
    http.get(`${API}/cases/:ref/events`, () => HttpResponse.json({ items: state.events ?? [] })),
    http.get(`${API}/me`, () => HttpResponse.json(state.me ?? meWith('officer'))),
  );
  return state;
}
