import { createGraphEmulator, type GraphCaller, type GraphEmulator, type GraphEmulatorOptions } from './emulator.ts';

// What the emulator's own tests share: two callers, an inbox, and a way to ask as either.

export const KARIN: GraphCaller & { kind: 'user' } = { kind: 'user', objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000001', address: 'karin.lindqvist@ekby.se', name: 'Karin Lindqvist' };
export const APP: GraphCaller = { kind: 'app', appId: 'diarium' };
export const BYGGLOV = 'bygglov@ekby.se';

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field in tests
  json: any;
}

export function testEmulator(options: Partial<GraphEmulatorOptions> = {}) {
  const graph: GraphEmulator = createGraphEmulator({ authenticate: async (token) => ({ karin: KARIN, app: APP })[token] ?? null, ...options });
  graph.mailboxes.addMailbox({ address: KARIN.address, objectId: KARIN.objectId, displayName: KARIN.name });
  graph.mailboxes.addMailbox({ address: BYGGLOV, displayName: 'Bygglov', kind: 'shared' });

  /** Asks as the app (or `as`), at a path after /v1.0 or at an absolute link the emulator gave. */
  async function ask(method: string, path: string, init: { as?: string; json?: unknown; prefer?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${init.as ?? 'app'}` };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    if (init.prefer) headers.prefer = init.prefer;
    const url = path.startsWith('https://') || path.startsWith('http://') ? path : `https://graph.microsoft.com/v1.0${path}`;
    const res = await graph.handle(new Request(url, { method, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) }));
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : null };
  }

  /** Adds plain mails to a mailbox's inbox, oldest first, one minute apart. */
  function deliver(address: string, subjects: string[], folder = 'inbox') {
    return graph.mailboxes.addMessages(
      address,
      subjects.map((subject, i) => ({ subject, from: { name: 'Per Åberg', address: 'per.aberg@exempel.se' }, text: `Ärende: ${subject}`, receivedDateTime: new Date(Date.UTC(2026, 2, 2, 8, i)).toISOString() })),
      { folder },
    );
  }

  return { graph, ask, deliver };
}
