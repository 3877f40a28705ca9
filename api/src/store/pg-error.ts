/** The PostgreSQL error behind a driver or ORM error, found through its causes. */
export function pgErrorOf(error: unknown): { code: string; message: string; constraint?: string } | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; message?: unknown; constraint?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        message: String(candidate.message),
        ...(typeof candidate.constraint === 'string' ? { constraint: candidate.constraint } : {}),
      };
    }
  }
  return null;
}

export const UNIQUE_VIOLATION = '23505';

// A connection refused, reset or cut (a server restarting, a failover, the network), as node's
// errno codes, PostgreSQL's connection-exception class (08) and shutdown codes (57P01-57P03),
// and node-postgres's own messages for a connection that ended or never came.
const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNREACHABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;
const UNREACHABLE_MESSAGE = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/** Whether an error says the database cannot be reached now (down, restarting, connection lost), not that a query was wrong. */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; message?: unknown };
    if (typeof candidate.code === 'string' && (UNREACHABLE_ERRNO.has(candidate.code) || UNREACHABLE_SQLSTATE.test(candidate.code))) return true;
    if (typeof candidate.message === 'string' && UNREACHABLE_MESSAGE.test(candidate.message)) return true;
  }
  return false;
}
