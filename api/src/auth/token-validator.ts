import { AppError } from '@diarium/core';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { appIdentity, EntraClaimsSchema, userIdentity, type EntraClaims, type Identity } from './identity.ts';

/** What a token must satisfy to be accepted, and where its signing keys come from. */
export interface TokenValidatorOptions {
  /** Resolves the public key for a token's `kid`: the tenant's JWKS, or the dev issuer's. */
  getKey: JWTVerifyGetKey;
  /** Accepted `iss` values, e.g. from `entraIssuers`. */
  issuers: string[];
  /** Accepted `aud` values, e.g. from `entraAudiences`. */
  audiences: string[];
  /** The one tenant whose users and apps may call; compared with the `tid` claim. */
  tenantId: string;
  /** The delegated scope a user token must carry in `scp`, e.g. `access_as_user`. */
  requiredScope: string;
  /** The application permission an app-only token must carry in `roles`, e.g. `Diarium.Access`. */
  appRole: string;
  /** Allowed clock skew for `exp` and `nbf`. Defaults to 60 seconds. */
  clockToleranceSeconds?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

/** Checks an access token and tells who is calling. */
export interface TokenValidator {
  validate(token: string): Promise<Identity>;
}

/** Builds the validator for Entra ID access tokens (and the dev issuer's look-alikes). */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const clockTolerance = options.clockToleranceSeconds ?? 60;
  const now = options.now ?? (() => new Date());
  const tenantId = options.tenantId.toLowerCase();

  return {
    async validate(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.getKey, {
          // Entra signs with RS256 only. Pinning it refuses `alg: none` and HS256 tokens
          // "signed" with the public key as an HMAC secret.
          algorithms: ['RS256'],
          issuer: options.issuers,
          audience: options.audiences,
          // A token without `exp` would be valid for ever.
          requiredClaims: ['exp'],
          clockTolerance,
          currentDate: now(),
        }));
      } catch (error) {
        throw rejection(error);
      }

      const parsed = EntraClaimsSchema.safeParse(payload);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
        throw unauthenticated('invalid_claims', `access token claims are missing or malformed: ${fields}`);
      }
      const claims = parsed.data;
      // The issuer already names the tenant; `tid` is checked as well because it is the
      // claim the rest of the register keys data on.
      if (claims.tid.toLowerCase() !== tenantId) {
        throw unauthenticated('wrong_tenant', `access token is for tenant ${claims.tid}`);
      }
      return authorise(claims, options);
    },
  };
}

/** A delegated token must carry the scope; an app-only token the role. Anything else is refused. */
function authorise(claims: EntraClaims, options: TokenValidatorOptions): Identity {
  if (claims.scp !== undefined) {
    const scopes = claims.scp.split(' ').filter((scope) => scope.length > 0);
    if (!scopes.includes(options.requiredScope)) {
      throw forbidden(`delegated token lacks the scope ${options.requiredScope}`);
    }
    return userIdentity(claims, scopes);
  }

  const appId = claims.azp ?? claims.appid;
  if (appId !== undefined && isAppOnly(claims)) {
    const roles = claims.roles ?? [];
    if (!roles.includes(options.appRole)) {
      throw forbidden(`app-only token lacks the role ${options.appRole}`);
    }
    return appIdentity(claims, appId, roles);
  }

  throw forbidden('token is neither a delegated token with scp nor an app-only token');
}

/**
 * Without `scp`, a token could still be a user's: an ID token sent by mistake, or a token
 * carrying roles assigned to the user. `idtyp` says which when the app registration asks
 * for it; otherwise an app-only token is recognised by its subject being the service
 * principal itself (`sub` equals `oid`), which is never so for a user.
 */
function isAppOnly(claims: EntraClaims): boolean {
  if (claims.idtyp !== undefined) return claims.idtyp === 'app';
  return claims.sub === claims.oid;
}

/** Turns what jose threw into our error: the token's fault (401) or the key source's (503). */
function rejection(error: unknown): AppError {
  const code = error instanceof errors.JOSEError ? error.code : undefined;
  switch (code) {
    case errors.JWSInvalid.code:
    case errors.JWTInvalid.code:
    case errors.JOSENotSupported.code:
      return unauthenticated('malformed', 'access token is not a well-formed JWS');
    case errors.JOSEAlgNotAllowed.code:
      return unauthenticated('algorithm_not_allowed', 'access token is not signed with RS256');
    case errors.JWKSNoMatchingKey.code:
      return unauthenticated('unknown_key', 'no signing key matches the access token kid');
    case errors.JWKSMultipleMatchingKeys.code:
      return unauthenticated('ambiguous_key', 'several signing keys match the access token');
    case errors.JWSSignatureVerificationFailed.code:
      return unauthenticated('bad_signature', 'access token signature does not verify');
    case errors.JWTExpired.code:
      return unauthenticated('expired', 'access token has expired');
    case errors.JWTClaimValidationFailed.code:
      return claimRejection(error as errors.JWTClaimValidationFailed);
    default:
      // Timeouts, HTTP errors and unusable key sets: the caller's token may be fine, so
      // this must not read as "log in again".
      return new AppError('unavailable', 'could not get the keys to check access tokens', {
        params: { reason: 'key_source_unavailable' },
        cause: error,
      });
  }
}

function claimRejection(error: errors.JWTClaimValidationFailed): AppError {
  if (error.reason === 'missing') {
    return unauthenticated('missing_claim', `access token has no ${error.claim} claim`);
  }
  const reasons: Record<string, string> = { iss: 'wrong_issuer', aud: 'wrong_audience', nbf: 'not_yet_valid' };
  const reason = reasons[error.claim] ?? 'invalid_claim';
  return unauthenticated(reason, `access token ${error.claim} claim refused: ${error.message}`);
}

// The log message names the reason and the claim, never the token (a bearer credential).
// jose's error is not kept as the cause: it carries the claims, the user's name and email.
function unauthenticated(reason: string, message: string): AppError {
  return new AppError('unauthenticated', message, { params: { reason } });
}

function forbidden(message: string): AppError {
  return new AppError('forbidden', message, { params: { reason: 'insufficient_scope' } });
}
