import type { AuthenticationProvider, Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient, type GraphBaseUrl } from './graph-client.ts';

/** Where Graph tokens come from: Entra ID in production, the dev issuer locally. */
export interface GraphTokens {
  /** Tokens to act as the user whose access token to our API is `assertion` (on-behalf-of). */
  forUser(assertion: string, options: { sharedMailbox: boolean }): AuthenticationProvider;
  /** Tokens to act as Diarium itself (app-only), for background work with no user present. */
  forApp(): AuthenticationProvider;
}

/** Graph clients, as the signed-in user or as Diarium; the use cases take this, never a token source. */
export interface GraphAccess {
  asUser(assertion: string, options?: { sharedMailbox?: boolean }): Client;
  asApp(): Client;
}

export function createGraphAccess(options: { baseUrl: GraphBaseUrl; tokens: GraphTokens; maxRetryWaitSeconds?: number }): GraphAccess {
  const client = (tokens: AuthenticationProvider) =>
    createGraphClient({
      baseUrl: options.baseUrl,
      tokens,
      ...(options.maxRetryWaitSeconds === undefined ? {} : { maxRetryWaitSeconds: options.maxRetryWaitSeconds }),
    });
  let app: Client | undefined;
  return {
    asUser: (assertion, { sharedMailbox = false } = {}) => client(options.tokens.forUser(assertion, { sharedMailbox })),
    asApp: () => (app ??= client(options.tokens.forApp())),
  };
}
