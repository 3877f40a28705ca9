import { randomUUID } from 'node:crypto';

// Graph's error body, `{ "error": { "code", "message", "innerError" } }`, shared by every
// part of the emulator.

const ERROR_CODES: Record<number, [string, string]> = {
  400: ['BadRequest', 'The request is malformed or incorrect.'],
  401: ['InvalidAuthenticationToken', 'Access token is empty.'],
  403: ['ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
  404: ['ErrorItemNotFound', 'The specified object was not found in the store.'],
  409: ['ErrorFolderExists', 'An object with the same name already exists.'],
  410: ['syncStateNotFound', 'The sync state is not found or has expired. Start a new round without a token.'],
  429: ['TooManyRequests', 'Please retry again later.'],
  500: ['InternalServerError', 'An internal server error occurred.'],
  503: ['ServiceNotAvailable', 'The service is temporarily unavailable. Please retry later.'],
};

export function graphError(status: number, code?: string, message?: string, headers: Record<string, string> = {}): Response {
  const [defaultCode, defaultMessage] = ERROR_CODES[status] ?? ['UnknownError', 'An error occurred.'];
  const requestId = randomUUID();
  return Response.json(
    {
      error: {
        code: code ?? defaultCode,
        message: message ?? defaultMessage,
        innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId },
      },
    },
    { status, headers: { 'request-id': requestId, ...headers } },
  );
}

export const GRAPH_ROOT = 'https://graph.microsoft.com/v1.0';
