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
