import { z } from 'zod';

/** What the server tells the tabs at run time (`/tabs/config.json`). Nothing here is secret. */
export const TabsConfigSchema = z.object({
  /** `teams`: inside Teams, with Teams SSO. `dev`: a plain browser with the dev issuer's demo users. */
  auth: z.enum(['teams', 'dev']).default('teams'),
  /** Where the API is; empty for the same origin. */
  apiBaseUrl: z.string().default(''),
  /** The Teams app id, for deep links; without it links open the web view. */
  teamsAppId: z.string().trim().min(1).optional(),
});
export type TabsConfig = z.infer<typeof TabsConfigSchema>;

export async function loadTabsConfig(fetch_: typeof fetch = fetch, base: string = document.baseURI): Promise<TabsConfig> {
  const res = await fetch_(new URL('config.json', base), { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  return TabsConfigSchema.parse(await res.json());
}
