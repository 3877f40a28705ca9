import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * The far end of a component test: the API (and, behind it, Graph's drive items) emulated with
 * msw at `http://diarium.test/api/v1`. Each test adds the handlers it is about; anything else fails.
 */
export const server = setupServer();

export function useTestServer() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

export const API = 'http://diarium.test/api/v1';

/** A problem+json answer, as the API gives it. */
export function problemBody(status: number, code: string, detail: string, errors?: Array<{ field: string; message: string }>) {
  return { type: `urn:diarium:problem:${code}`, title: detail, status, detail, code, ...(errors ? { errors } : {}) };
}
