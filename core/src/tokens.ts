/** Where a front end (the Outlook pane, a Teams tab) gets its access token for the API. */
export interface TokenSource {
  getToken(): Promise<string>;
}

/** Why signing in failed, in words worth showing. */
export class SignInError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInError';
  }
}

/** Tokens from the local dev issuer (`POST /dev/token`), for the simulated Outlook and Teams of `npm start`. */
export function devTokenSource(user: string, options: { baseUrl?: string; fetch?: typeof fetch; now?: () => number } = {}): TokenSource {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = options.now ?? Date.now;
  let cached: { token: string; until: number } | null = null;
  return {
    async getToken() {
      if (cached && cached.until > now()) return cached.token;
      const res = await doFetch(`${options.baseUrl ?? ''}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user }),
      });
      const body = (await res.json().catch(() => null)) as { access_token?: string; expires_in?: number; detail?: string } | null;
      if (!res.ok || !body?.access_token) throw new SignInError(body?.detail ?? `HTTP ${res.status}`);
      cached = { token: body.access_token, until: now() + Math.max(0, (body.expires_in ?? 3600) - 60) * 1000 };
      return body.access_token;
    },
  };
}
