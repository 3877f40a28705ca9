import { z } from 'zod';

/** Who is calling, as proven by a verified access token: a person (delegated) or an application (app-only). */
export type Identity =
  | { kind: 'user'; tenantId: string; objectId: string; name: string; email: string; scopes: string[] }
  | { kind: 'app'; tenantId: string; objectId: string; appId: string; roles: string[] };

/**
 * The claims of an Entra ID access token (v1.0 or v2.0) that Diarium reads. Anything else in
 * the token is ignored. Parsed only after the signature, issuer, audience and lifetime are checked.
 */
export const EntraClaimsSchema = z.object({
  tid: z.string().min(1),
  oid: z.string().min(1),
  sub: z.string().optional(),
  // Delegated tokens: a space-separated list of the scopes the user consented to.
  scp: z.string().optional(),
  // App-only tokens: the application permissions granted to the client.
  roles: z.array(z.string()).optional(),
  // Optional claim, 'app' or 'user', present only when the app registration asks for it.
  idtyp: z.string().optional(),
  // The calling client: `azp` in v2.0 tokens, `appid` in v1.0 tokens.
  azp: z.string().optional(),
  appid: z.string().optional(),
  name: z.string().optional(),
  // v2.0 tokens carry `preferred_username`, v1.0 tokens `upn`; `email` is an optional claim.
  preferred_username: z.string().optional(),
  upn: z.string().optional(),
  email: z.string().optional(),
});

/** The claims Diarium reads from an access token. */
export type EntraClaims = z.infer<typeof EntraClaimsSchema>;

/** The person behind a delegated token, with the scopes it grants. */
export function userIdentity(claims: EntraClaims, scopes: string[]): Identity {
  // Display only: these claims are mutable, so access decisions key on tid + oid, never on email.
  const email = claims.preferred_username ?? claims.upn ?? claims.email ?? '';
  return {
    kind: 'user',
    tenantId: claims.tid,
    objectId: claims.oid,
    name: claims.name ?? email,
    email,
    scopes,
  };
}

/** The application behind an app-only token, with the roles it was granted. */
export function appIdentity(claims: EntraClaims, appId: string, roles: string[]): Identity {
  return { kind: 'app', tenantId: claims.tid, objectId: claims.oid, appId, roles };
}
