import { SignInError, type TokenSource } from './token-source.ts';

/** Tokens from the local dev issuer (`POST /dev/token`), for the simulated Outlook of `npm start`. */
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
