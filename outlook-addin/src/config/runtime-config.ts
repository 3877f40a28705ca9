import { z } from 'zod';

/**
 * What the server tells the pane at run time (`/addin/config.json`): how to sign in and where
 * cases open. Nothing here is secret; the client id and scope are public by design.
 */
export const RuntimeConfigSchema = z.object({
  /** `naa`: nested app authentication through Outlook. `dev`: the local dev issuer. */
  auth: z.enum(['naa', 'dev']).default('naa'),
  /** Diarium's Entra app registration (client id). */
  clientId: z.string().trim().min(1).optional(),
  /** Defaults to `https://login.microsoftonline.com/common`. */
  authority: z.url().optional(),
  /** Defaults to `api://<this host>/<clientId>/access_as_user`. */
  apiScope: z.string().trim().min(1).optional(),
  /** Where the API is; empty for the same origin. */
  apiBaseUrl: z.string().default(''),
  /** The Teams app id: with it, "Öppna i Teams" opens the case in Diarium's personal tab in Teams. */
  teamsAppId: z.string().trim().min(1).optional(),
  /** The web view of a case; `{caseNumber}` and `{caseId}` are filled in. */
  caseUrl: z.string().default('/tabs/case.html?case={caseNumber}'),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

/** Reads `config.json` beside the page; an absent file gives the defaults (which still need a clientId for NAA). */
export async function loadRuntimeConfig(fetch_: typeof fetch = fetch, base: string = document.baseURI): Promise<RuntimeConfig> {
  const res = await fetch_(new URL('config.json', base), { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (res.status === 404) return RuntimeConfigSchema.parse({});
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  return RuntimeConfigSchema.parse(await res.json());
}

/** The scope the API accepts, as Outlook's nested app authentication asks for it. */
export function apiScopeOf(config: RuntimeConfig, host: string): string {
  if (config.apiScope) return config.apiScope;
  if (!config.clientId) throw new Error('clientId is missing in config.json');
  return `api://${host}/${config.clientId}/access_as_user`;
}
