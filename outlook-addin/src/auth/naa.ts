import type { IPublicClientApplication, createNestablePublicClientApplication } from '@azure/msal-browser';
import { SignInError, type TokenSource } from '@diarium/core';

export interface NaaOptions {
  clientId: string;
  authority?: string;
  scope: string;
  /** The signed-in user's address, as a hint to pick the right account. */
  loginHint?: string | null;
  /** How msal is loaded: lazily, so the first paint does not wait for it. */
  loadMsal?: () => Promise<{ createNestablePublicClientApplication: typeof createNestablePublicClientApplication }>;
}

/**
 * Nested app authentication: Outlook brokers the token, so no redirect page and no popup of
 * our own. Silent first; a popup (brokered by Outlook) when consent or sign-in is needed.
 */
export function naaTokenSource(options: NaaOptions): TokenSource {
  const loadMsal = options.loadMsal ?? (() => import('@azure/msal-browser'));
  let app: Promise<IPublicClientApplication> | null = null;
  const request = { scopes: [options.scope], ...(options.loginHint ? { loginHint: options.loginHint } : {}) };

  function client(): Promise<IPublicClientApplication> {
    app ??= loadMsal().then((msal) =>
      msal.createNestablePublicClientApplication({
        auth: { clientId: options.clientId, authority: options.authority ?? 'https://login.microsoftonline.com/common' },
      }),
    );
    app.catch(() => {
      app = null;
    });
    return app;
  }

  return {
    async getToken() {
      const pca = await client();
      try {
        const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
        const result = await pca.acquireTokenSilent({ ...request, ...(account ? { account } : {}) });
        if (result.accessToken) return result.accessToken;
      } catch {
        // Silent fails on first use (consent) or when the session ended: ask interactively.
      }
      try {
        const result = await pca.acquireTokenPopup(request);
        if (result.account) pca.setActiveAccount(result.account);
        return result.accessToken;
      } catch (error) {
        throw new SignInError(error instanceof Error ? error.message : String(error), { cause: error });
      }
    },
  };
}
