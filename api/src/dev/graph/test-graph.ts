import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../demo/organisation.ts';
import { createEntraTokens } from '../../graph/entra-tokens.ts';
import { createGraphAccess, type GraphAccess } from '../../graph/graph-access.ts';
import { createEntraEmulator, type EntraEmulator } from './entra.ts';
import { createGraphEmulator, type GraphEmulator } from './emulator.ts';
import type { MailboxLimits } from './limits.ts';

/** Diarium's app registration as the tests' emulated Entra ID knows it. */
export const TEST_APP = { clientId: '6c1f9a2e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', clientSecret: 'test-secret-not-for-production' } as const;

/** Microsoft 365 for a test file: Entra ID and Graph emulated behind msw, and the API's production Graph access. */
export interface TestGraph {
  graph: GraphEmulator;
  entra: EntraEmulator;
  /** Graph as the API reaches it in production: msal on-behalf-of and client credentials, then graph.microsoft.com. */
  access: GraphAccess;
  server: ReturnType<typeof setupServer>;
  /** Lets requests to a local test server through msw. */
  allow(origin: string): void;
  close(): void;
}

/**
 * Starts msw with `onUnhandledRequest: 'error'` (no test reaches the network by accident),
 * answering login.microsoftonline.com with the Entra emulator and graph.microsoft.com with
 * the Graph emulator. The demo users each have an empty mailbox; tests add mail to them.
 */
export function startTestGraph(options: { maxRetryWaitSeconds?: number; limits?: MailboxLimits; latencyMs?: number } = {}): TestGraph {
  const entra = createEntraEmulator({ tenantId: DEMO_TENANT_ID, ...TEST_APP });
  const graph = createGraphEmulator({
    authenticate: async (token) => entra.callerOf(token),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
  });
  for (const user of DEMO_USERS) graph.mailboxes.addMailbox({ address: user.email, objectId: user.objectId, displayName: user.name });

  const server = setupServer(
    http.all('https://login.microsoftonline.com/*', ({ request }) => entra.handle(request)),
    http.all('https://graph.microsoft.com/v1.0/*', ({ request }) => graph.handle(request)),
  );
  server.listen({ onUnhandledRequest: 'error' });
  const access = createGraphAccess({
    baseUrl: 'https://graph.microsoft.com/v1.0',
    tokens: createEntraTokens({
      tenantId: DEMO_TENANT_ID,
      clientId: TEST_APP.clientId,
      credential: { kind: 'secret', secret: TEST_APP.clientSecret },
    }),
    ...(options.maxRetryWaitSeconds === undefined ? {} : { maxRetryWaitSeconds: options.maxRetryWaitSeconds }),
  });
  return {
    graph,
    entra,
    access,
    server,
    allow: (origin) => server.use(http.all(`${origin}/*`, () => passthrough())),
    close: () => server.close(),
  };
}
