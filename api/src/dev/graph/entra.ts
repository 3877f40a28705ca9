import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { GraphCaller } from './emulator.ts';

/**
 * An emulated Entra ID token endpoint (`POST https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`)
 * for tests, answering the two grants Diarium uses as Microsoft documents them: on-behalf-of
 * (`urn:ietf:params:oauth:grant-type:jwt-bearer`, `requested_token_use=on_behalf_of`) and
 * client credentials. It hands out opaque Graph tokens and remembers whom each is for, so
 * the emulated Graph can tell the user (or the app) behind a request.
 */
export interface EntraEmulator {
  handle(request: Request): Promise<Response>;
  /** Who a token it issued is for; null for anything else. */
  callerOf(token: string): GraphCaller | null;
  /** The grants asked for, in order: what tests check the API sent. */
  grants: { grantType: string; scope: string; assertion?: string; requestedTokenUse?: string; clientId: string }[];
  /** Makes the next token request fail with this OAuth error (e.g. `invalid_grant`, AADSTS65001). */
  refuseNext(error: { error: string; description: string; suberror?: string }): void;
}

export interface EntraEmulatorOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

function oauthError(status: number, error: string, description: string, suberror?: string): Response {
  return Response.json(
    {
      error,
      error_description: `${description}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`,
      error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
      timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
      ...(suberror ? { suberror } : {}),
    },
    { status },
  );
}

export function createEntraEmulator(options: EntraEmulatorOptions): EntraEmulator {
  const issued = new Map<string, GraphCaller>();
  const grants: EntraEmulator['grants'] = [];
  const refusals: { error: string; description: string; suberror?: string }[] = [];

  function token(caller: GraphCaller): string {
    const value = `emulated-graph-token.${randomBytes(24).toString('base64url')}`;
    issued.set(value, caller);
    return value;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method !== 'POST' || url.pathname !== `/${options.tenantId}/oauth2/v2.0/token`) {
      return oauthError(400, 'invalid_request', `AADSTS900561: The endpoint only accepts POST requests to /${options.tenantId}/oauth2/v2.0/token.`);
    }
    const form = new URLSearchParams(await request.text());
    const grantType = form.get('grant_type') ?? '';
    const scope = form.get('scope') ?? '';
    const clientId = form.get('client_id') ?? '';
    grants.push({
      grantType,
      scope,
      clientId,
      ...(form.get('assertion') ? { assertion: form.get('assertion')! } : {}),
      ...(form.get('requested_token_use') ? { requestedTokenUse: form.get('requested_token_use')! } : {}),
    });
    const refusal = refusals.shift();
    if (refusal) return oauthError(400, refusal.error, refusal.description, refusal.suberror);
    if (clientId !== options.clientId) {
      return oauthError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`);
    }
    const secretOk = form.get('client_secret') === options.clientSecret;
    const certificate = form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' && Boolean(form.get('client_assertion'));
    if (!secretOk && !certificate) {
      return oauthError(401, 'invalid_client', `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    }

    if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && form.get('requested_token_use') === 'on_behalf_of') {
      let claims;
      try {
        claims = decodeJwt(form.get('assertion') ?? '');
      } catch {
        return oauthError(400, 'invalid_grant', 'AADSTS50027: JWT token is invalid or malformed.');
      }
      const address = String(claims.preferred_username ?? claims.upn ?? '');
      if (typeof claims.oid !== 'string' || !address) return oauthError(400, 'invalid_grant', 'AADSTS50013: Assertion failed signature validation.');
      // As Entra answers an OBO request: a delegated Graph token with the scopes granted, and a refresh token.
      return Response.json({
        token_type: 'Bearer',
        scope,
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: token({ kind: 'user', objectId: claims.oid, address, name: String(claims.name ?? address) }),
        refresh_token: `emulated-refresh.${randomBytes(16).toString('base64url')}`,
      });
    }
    if (grantType === 'client_credentials') {
      if (!scope.endsWith('/.default')) return oauthError(400, 'invalid_scope', 'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.');
      return Response.json({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token({ kind: 'app', appId: clientId }) });
    }
    return oauthError(400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${grantType}'.`);
  }

  return {
    handle,
    callerOf: (value) => issued.get(value) ?? null,
    grants,
    refuseNext: (error) => refusals.push(error),
  };
}
