import type { AuthenticationProvider, Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient, MailboxGate, type GraphBaseUrl } from './graph-client.ts';

/** Where Graph tokens come from: Entra ID in production, the dev issuer locally. */
export interface GraphTokens {
  /** Tokens to act as the user whose access token to our API is `assertion` (on-behalf-of). */
  /** `files` asks for SharePoint and OneDrive files (a Teams channel's files) instead of mail. */
  forUser(assertion: string, options: { sharedMailbox: boolean; files?: boolean }): AuthenticationProvider;
  /** Tokens to act as Diarium itself (app-only), for background work with no user present. */
  forApp(): AuthenticationProvider;
}

/** Graph clients, as the signed-in user or as Diarium; the use cases take this, never a token source. */
export interface GraphAccess {
  asUser(assertion: string, options?: { sharedMailbox?: boolean; files?: boolean }): Client;
  asApp(): Client;
}

export function createGraphAccess(options: { baseUrl: GraphBaseUrl; tokens: GraphTokens; maxRetryWaitSeconds?: number }): GraphAccess {
  // One gate for every client of the process: the limit is Graph's per app and mailbox.
  const gate = new MailboxGate(4);
  const client = (tokens: AuthenticationProvider) =>
    createGraphClient({
      baseUrl: options.baseUrl,
      tokens,
      gate,
      ...(options.maxRetryWaitSeconds === undefined ? {} : { maxRetryWaitSeconds: options.maxRetryWaitSeconds }),
    });
  let app: Client | undefined;
  return {
    asUser: (assertion, { sharedMailbox = false, files = false } = {}) => client(options.tokens.forUser(assertion, { sharedMailbox, files })),
    asApp: () => (app ??= client(options.tokens.forApp())),
  };
}
