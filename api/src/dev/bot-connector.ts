import { randomUUID } from 'node:crypto';

/**
 * An emulated Bot Connector: the service Teams' bots post their messages to
 * (`POST {serviceUrl}/v3/conversations/{conversationId}/activities[/{replyToId}]`, answering
 * `{ id }` as Microsoft documents it). Under `npm start` it is where the bot's proactive
 * messages go in local emulation, and the simulated chat (/dev/chat) reads them back; tests put
 * it behind msw at Teams' service URL, checking the bot's token and injecting faults.
 */
export interface ConnectorEmulator {
  /** Answers a request whose path is relative to the service URL. */
  handle(request: Request, path: string): Promise<Response>;
  /** What each conversation received, oldest first. */
  delivered(conversationId: string): Delivered[];
  /** The next `times` sends are answered with this status (429, 503; 403 for a bot the user removed). */
  failNext(status: number, times?: number): void;
}

export interface Delivered {
  seq: number;
  activity: Record<string, unknown>;
}

/** Where `npm start` serves it. */
export const DEV_CONNECTOR_PATH = '/dev/connector';
const KEPT_PER_CONVERSATION = 50;
const SEND = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/u;
const LIST = /^\/conversations\/([^/]+)\/activities$/u;

export function createConnectorEmulator(options: { authenticate?: (authorization: string | null) => boolean } = {}): ConnectorEmulator {
  const conversations = new Map<string, Delivered[]>();
  const faults: number[] = [];
  let seq = 0;

  const error = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

  async function handle(request: Request, path: string): Promise<Response> {
    const send = SEND.exec(path);
    if (send && request.method === 'POST') {
      if (options.authenticate && !options.authenticate(request.headers.get('authorization'))) {
        return error(401, 'Unauthorized', 'Authorization has been denied for this request.');
      }
      const fault = faults.shift();
      if (fault === 403) return error(403, 'BotDisabledByAdmin', 'The bot is not part of the conversation roster.');
      if (fault !== undefined) return error(fault, fault === 429 ? 'TooManyRequests' : 'ServiceError', 'Try again later.');
      const conversationId = decodeURIComponent(send[1]!);
      const id = randomUUID();
      const kept = conversations.get(conversationId) ?? [];
      kept.push({ seq: ++seq, activity: { ...((await request.json()) as Record<string, unknown>), id } });
      conversations.set(conversationId, kept.slice(-KEPT_PER_CONVERSATION));
      return Response.json({ id }, { status: 201 });
    }
    // For the simulated chat: what the bot sent to a conversation after a sequence number.
    const list = LIST.exec(path);
    if (list && request.method === 'GET') {
      const after = Number(new URL(request.url).searchParams.get('after') ?? 0) || 0;
      const items = (conversations.get(decodeURIComponent(list[1]!)) ?? []).filter((d) => d.seq > after);
      return Response.json({ items }, { headers: { 'cache-control': 'no-store' } });
    }
    return error(404, 'NotFound', 'No such resource.');
  }

  return {
    handle,
    delivered: (conversationId) => conversations.get(conversationId) ?? [],
    failNext: (status, times = 1) => faults.push(...Array.from({ length: times }, () => status)),
  };
}
