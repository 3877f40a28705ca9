import type { DevIssuer } from '../auth/dev-issuer.ts';
import type { GraphTokens } from './graph-access.ts';

/** The app id Diarium's dev app-only tokens carry. */
export const DEV_GRAPH_APP_ID = 'd1a71e00-0000-4000-8000-00000000d1a7';

/**
 * Graph tokens with the dev issuer (AUTH_MODE=dev). The emulated Graph trusts the dev
 * issuer's key, so the user's own dev token goes through as it is, where Entra would
 * exchange it on-behalf-of; app-only work gets a dev token with Graph's application roles.
 */
export function createDevTokens(issuer: DevIssuer): GraphTokens {
  return {
    forUser: (assertion) => ({ getAccessToken: async () => assertion }),
    forApp: () => ({
      getAccessToken: () =>
        issuer.signAppToken({
          appId: DEV_GRAPH_APP_ID,
          audience: 'https://graph.microsoft.com',
          roles: ['Mail.ReadWrite', 'MailboxSettings.ReadWrite'],
          expiresInSeconds: 600,
        }),
    }),
  };
}
