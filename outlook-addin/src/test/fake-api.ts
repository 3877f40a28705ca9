import { createApiClient, type ApiClient } from '@diarium/core';
import { UNITS, diaries, me } from './fixtures.ts';

/** One request the pane made, as the API would see it. */
export interface RecordedRequest {
  method: string;
  /** The path after /api/v1, with each segment decoded: `/cases/KS 2026/0042` is one case. */
  path: string;
  /** The last segment, decoded: the id or number in `/cases/{ref}`. */
  ref: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export type Reply = { status?: number; body?: unknown } | Response;
export type Route = (request: RecordedRequest) => Reply | Promise<Reply>;

export const json = (body: unknown, status = 200): Reply => ({ status, body });

export function problem(status: number, code: string, detail: string, errors?: Array<{ field: string; message: string }>): Reply {
  return {
    status,
    body: { type: `urn:diarium:problem:${code}`, title: detail, status, detail, code, ...(errors ? { errors } : {}) },
  };
}

/** What an empty register answers; each test replaces the routes it is about. */
function defaults(): Record<string, Route> {
  return {
    'GET /mail/registrations': () => json({ items: [] }),
    'GET /cases': () => json({ items: [], nextCursor: null }),
    'GET /me': () => json(me()),
    'GET /diaries': () => json({ items: diaries() }),
    'GET /units': () => json({ items: UNITS }),
    'GET /users': () => json({ items: [] }),
  };
}

/**
 * A real API client over a fetch the test controls: routes are `METHOD /path` after /api/v1,
 * or `METHOD /path/*` for a path with one more segment. An unknown route answers 404.
 */
export function fakeApi(routes: Record<string, Route> = {}, locale = 'sv') {
  const table = { ...defaults(), ...routes };
  const requests: RecordedRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://diarium.test');
    const raw = url.pathname.replace(/^\/api\/v1/, '');
    const segments = raw.split('/').map(decodeURIComponent);
    const path = segments.join('/');
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path,
      ref: segments.at(-1) ?? '',
      query: url.searchParams,
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const wildcard = `${request.method} ${raw.replace(/\/[^/]+$/, '/*')}`;
    const route = table[`${request.method} ${raw}`] ?? table[wildcard];
    const reply = route ? await route(request) : problem(404, 'not_found', 'Hittades inte');
    if (reply instanceof Response) return reply;
    const status = reply.status ?? 200;
    return new Response(JSON.stringify(reply.body ?? null), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
  const client: ApiClient = createApiClient({ baseUrl: '', getToken: async () => 'test-token', fetch, locale });
  return {
    client,
    requests,
    /** The requests to one route, e.g. `POST /mail/registrations`. */
    calls: (route: string) => requests.filter((r) => `${r.method} ${r.path}` === route),
  };
}

/** A case lookup route: answers the cases given, by id or by number; 404 for anything else. */
export function casesById(...cases: Array<{ id: string; caseNumber: string }>): Route {
  return ({ ref }) => {
    const found = cases.find((c) => c.id === ref || c.caseNumber === ref);
    return found ? json(found) : problem(404, 'not_found', 'Ärendet finns inte');
  };
}
