import { z } from 'zod';

// The app package is built for one installation: its ids and its host come from the same
// environment variables the server reads (README.md, Configuration), parsed once, and a missing
// or wrong value stops the build with a message naming the variable.

const guid = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `required: ${what}` : `must be a GUID: ${what}`) })
    .trim()
    .pipe(z.guid({ error: `must be a GUID: ${what}` }));

const optionalHttps = z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional();

const EnvSchema = z.object({
  TEAMS_APP_ID: guid("the Teams app's id (the manifest's id)"),
  ENTRA_CLIENT_ID: guid("Diarium's app registration in Entra ID (Teams SSO)"),
  BOT_APP_ID: guid("the Azure Bot registration's app id"),
  PUBLIC_URL: z
    .url({
      protocol: /^https$/,
      error: (issue) =>
        issue.input === undefined ? 'required: the https:// address Diarium is served at' : 'must be an https:// address, e.g. https://diarium.kommun.se',
    })
    .refine((value) => new URL(value).pathname === '/', {
      error: 'must be the root of a host, without a path: the tabs, the add-in and the case links live at /tabs/ and /addin/',
    }),
  ENTRA_APP_ID_URI: z.string().trim().min(1).optional(),
  TEAMS_APP_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { error: 'must be a version like 1.0.0; raise it for every new upload' })
    .default('1.0.0'),
  ORGANISATION_NAME: z.string().trim().min(1).max(32, { error: 'at most 32 characters (the publisher name in Teams)' }).default('Diarium'),
  PRIVACY_URL: optionalHttps,
  TERMS_URL: optionalHttps,
});

/** What the app package is built from. */
export interface ManifestConfig {
  teamsAppId: string;
  entraClientId: string;
  botAppId: string;
  /** The origin Diarium is served at, e.g. `https://diarium.ekby.se`, without a trailing slash. */
  baseUrl: string;
  /** The host, with a port when not the default one: the manifest's valid domain. */
  host: string;
  /** The Application ID URI Teams asks a token for (SSO). */
  appIdUri: string;
  version: string;
  publisher: string;
  privacyUrl: string;
  termsUrl: string;
}

/** Reads the package's configuration from `env`; throws an Error naming every missing or wrong variable. */
export function parseManifestConfig(env: Record<string, string | undefined>): ManifestConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new Error(`The app package cannot be built, the configuration is wrong:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const url = new URL(e.PUBLIC_URL);
  return {
    teamsAppId: e.TEAMS_APP_ID,
    entraClientId: e.ENTRA_CLIENT_ID,
    botAppId: e.BOT_APP_ID,
    baseUrl: url.origin,
    host: url.host,
    // Teams SSO wants api://<the tab's host>/<client id>, as the add-in asks for by default.
    appIdUri: e.ENTRA_APP_ID_URI ?? `api://${url.host}/${e.ENTRA_CLIENT_ID}`,
    version: e.TEAMS_APP_VERSION,
    publisher: e.ORGANISATION_NAME,
    privacyUrl: e.PRIVACY_URL ?? url.origin,
    termsUrl: e.TERMS_URL ?? url.origin,
  };
}
