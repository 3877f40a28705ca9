import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/**
 * The `iss` of the tenant's access tokens. Which version Entra issues depends on the API's
 * app registration (`requestedAccessTokenVersion`), not on the endpoint the client used.
 */
export function entraIssuers(tenantId: string, tokenVersion: 1 | 2): string[] {
  return tokenVersion === 2
    ? [`https://login.microsoftonline.com/${tenantId}/v2.0`]
    : [`https://sts.windows.net/${tenantId}/`];
}

/**
 * The `aud` values meaning "Diarium's API": v2.0 tokens carry the client id, v1.0 tokens the
 * Application ID URI the client asked for (`api://<clientId>` unless the registration sets
 * another, as Teams SSO does with `api://<host>/<clientId>`).
 */
export function entraAudiences(clientId: string, applicationIdUri?: string): string[] {
  return [clientId, applicationIdUri ?? `api://${clientId}`];
}

/** Where the signing keys come from; `jwksUrl` overrides the tenant's public endpoint (sovereign clouds). */
export interface EntraKeySourceOptions {
  jwksUrl?: string | URL;
}

/**
 * The tenant's signing keys, fetched from Entra and cached by jose. An unknown `kid` makes
 * it fetch again (at most every 30 seconds), which is how a key rotation is picked up.
 */
export function createEntraKeySource(tenantId: string, options: EntraKeySourceOptions = {}): JWTVerifyGetKey {
  const url =
    options.jwksUrl ??
    `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`;
  return createRemoteJWKSet(new URL(url));
}
