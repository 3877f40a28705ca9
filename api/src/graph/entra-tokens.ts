import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { AppError } from '@diarium/core';
import type { GraphTokens } from './graph-access.ts';

/** How Diarium proves itself to Entra ID: a client secret, or a certificate (preferred in production). */
export type ClientCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; privateKey: string; thumbprintSha256: string; x5c?: string };

export interface EntraTokenOptions {
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  /** `https://login.microsoftonline.com`, or a sovereign cloud's login host. */
  authorityHost?: string;
  /** The resource whose scopes are asked for; the Graph origin. */
  graphResource?: string;
}

/**
 * Graph tokens from Entra ID through msal-node: on-behalf-of the user whose access token
 * the API received (the assertion), and app-only (client credentials) for background work.
 * msal keeps them in its in-memory cache until shortly before they expire.
 */
export function createEntraTokens(options: EntraTokenOptions): GraphTokens {
  const host = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const resource = (options.graphResource ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  const app = new ConfidentialClientApplication(msalConfiguration(options, host));

  return {
    forUser(assertion, { sharedMailbox, files = false }) {
      // Channel files: Files.Read.All is the least privileged delegated permission for filesFolder and drive items.
      const wanted = files ? ['Files.Read.All'] : ['Mail.ReadWrite', 'MailboxSettings.ReadWrite', ...(sharedMailbox ? ['Mail.ReadWrite.Shared'] : [])];
      const scopes = wanted.map(
        (scope) => `${resource}/${scope}`,
      );
      return {
        getAccessToken: async () => {
          const result = await app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes }).catch((error: unknown) => {
            throw tokenFailure(error);
          });
          if (!result?.accessToken) throw new AppError('unavailable', 'Entra gave no token', { detail: 'mail.graph.unavailable' });
          return result.accessToken;
        },
      };
    },
    forApp() {
      return {
        getAccessToken: async () => {
          const result = await app.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] }).catch((error: unknown) => {
            throw tokenFailure(error);
          });
          if (!result?.accessToken) throw new AppError('unavailable', 'Entra gave no token', { detail: 'mail.graph.unavailable' });
          return result.accessToken;
        },
      };
    },
  };
}

/**
 * The tenant's endpoints, given to msal up front: it then needs no instance or OpenID
 * discovery calls before its first token, only the token endpoint itself.
 */
function msalConfiguration(options: EntraTokenOptions, host: string): Configuration {
  const authority = `${host}/${options.tenantId}`;
  const hostname = new URL(host).hostname;
  const authorityMetadata = {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    issuer: `${authority}/v2.0`,
    jwks_uri: `${host}/${options.tenantId}/discovery/v2.0/keys`,
  };
  const cloudDiscoveryMetadata = {
    tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: hostname, preferred_cache: hostname, aliases: [hostname] }],
  };
  const credential = options.credential;
  return {
    auth: {
      clientId: options.clientId,
      authority,
      knownAuthorities: [hostname],
      authorityMetadata: JSON.stringify(authorityMetadata),
      cloudDiscoveryMetadata: JSON.stringify(cloudDiscoveryMetadata),
      ...(credential.kind === 'secret'
        ? { clientSecret: credential.secret }
        : {
            clientCertificate: {
              thumbprintSha256: credential.thumbprintSha256,
              privateKey: credential.privateKey,
              ...(credential.x5c ? { x5c: credential.x5c } : {}),
            },
          }),
    },
  };
}

/** What an Entra refusal means for the user: consent missing, sign in again, or try later. */
function tokenFailure(error: unknown): AppError {
  const e = error as { errorCode?: string; subError?: string; errorMessage?: string; message?: string };
  const text = `${e.errorCode ?? ''} ${e.subError ?? ''} ${e.errorMessage ?? e.message ?? ''}`;
  if (/consent_required|AADSTS65001/.test(text)) {
    return new AppError('forbidden', 'Graph permissions are not consented', { detail: 'mail.graph.consent', params: { reason: 'graph_consent' }, cause: error });
  }
  if (/interaction_required|invalid_grant|AADSTS50013|AADSTS50076|AADSTS50079/.test(text)) {
    return new AppError('unauthenticated', 'Entra refused the on-behalf-of assertion', {
      detail: 'mail.graph.signIn',
      params: { reason: 'graph_obo_refused' },
      cause: error,
    });
  }
  return new AppError('unavailable', 'Entra did not give a Graph token', { detail: 'mail.graph.unavailable', cause: error });
}
