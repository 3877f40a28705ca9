import type { IPublicClientApplication } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { devTokenSource, SignInError } from '@diarium/core';
import { naaTokenSource } from './naa.ts';

function msalWith(app: Partial<IPublicClientApplication>) {
  const create = vi.fn(async () => ({ getActiveAccount: () => null, getAllAccounts: () => [], setActiveAccount: vi.fn(), ...app }) as IPublicClientApplication);
  return { create, loadMsal: vi.fn(async () => ({ createNestablePublicClientApplication: create })) };
}

const options = { clientId: 'c1', scope: 'api://diarium.ekby.se/c1/access_as_user', loginHint: 'karin.lindqvist@ekby.se' };

describe('nested app authentication', () => {
  it('gets the token silently, loading msal only when first asked', async () => {
    const acquireTokenSilent = vi.fn(async () => ({ accessToken: 'silent-token' }));
    const { create, loadMsal } = msalWith({ acquireTokenSilent } as unknown as Partial<IPublicClientApplication>);
    const tokens = naaTokenSource({ ...options, loadMsal });
    expect(loadMsal).not.toHaveBeenCalled();

    expect(await tokens.getToken()).toBe('silent-token');
    expect(await tokens.getToken()).toBe('silent-token');
    expect(loadMsal).toHaveBeenCalledOnce();
    expect(create).toHaveBeenCalledWith({ auth: { clientId: 'c1', authority: 'https://login.microsoftonline.com/common' } });
    expect(acquireTokenSilent).toHaveBeenCalledWith({ scopes: [options.scope], loginHint: 'karin.lindqvist@ekby.se' });
  });

  it('falls back to a popup when silent fails (consent, or the session ended)', async () => {
    const acquireTokenPopup = vi.fn(async () => ({ accessToken: 'popup-token', account: { username: 'karin' } }));
    const { loadMsal } = msalWith({
      acquireTokenSilent: vi.fn(async () => {
        throw new Error('interaction_required');
      }),
      acquireTokenPopup,
    } as unknown as Partial<IPublicClientApplication>);
    expect(await naaTokenSource({ ...options, loadMsal }).getToken()).toBe('popup-token');
    expect(acquireTokenPopup).toHaveBeenCalledWith({ scopes: [options.scope], loginHint: 'karin.lindqvist@ekby.se' });
  });

  it('gives a sign-in error the pane can show when the popup fails too', async () => {
    const { loadMsal } = msalWith({
      acquireTokenSilent: vi.fn(async () => {
        throw new Error('interaction_required');
      }),
      acquireTokenPopup: vi.fn(async () => {
        throw new Error('user_cancelled');
      }),
    } as unknown as Partial<IPublicClientApplication>);
    const failure = await naaTokenSource({ ...options, loadMsal })
      .getToken()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SignInError);
    expect((failure as Error).message).toBe('user_cancelled');
  });
});

describe('dev issuer tokens', () => {
  it('asks /dev/token for the demo user once, until the token is about to expire', async () => {
    let now = 0;
    const fetch = vi.fn(async () => new Response(JSON.stringify({ access_token: `t${fetch.mock.calls.length}`, expires_in: 3600 }), { status: 200 }));
    const tokens = devTokenSource('karin.lindqvist@ekby.se', { fetch, now: () => now });
    expect(await tokens.getToken()).toBe('t1');
    expect(await tokens.getToken()).toBe('t1');
    expect(fetch).toHaveBeenCalledWith('/dev/token', expect.objectContaining({ method: 'POST', body: JSON.stringify({ user: 'karin.lindqvist@ekby.se' }) }));
    now = 3_541_000;
    expect(await tokens.getToken()).toBe('t2');
  });

  it('passes on why the dev issuer refused', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ detail: 'Ingen demoanvändare har den e-postadressen.' }), { status: 400 }));
    await expect(devTokenSource('x@example.se', { fetch }).getToken()).rejects.toThrow('Ingen demoanvändare har den e-postadressen.');
  });
});
