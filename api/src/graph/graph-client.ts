import {
  Client,
  GraphClientError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type AuthenticationProvider,
  type Context,
  type FetchOptions,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

/** Where Graph is: `https://graph.microsoft.com/v1.0`, or the dev emulator's `…/dev/graph/v1.0`. */
export type GraphBaseUrl = string | (() => string);

export interface GraphClientOptions {
  baseUrl: GraphBaseUrl;
  tokens: AuthenticationProvider;
  /** Shared by the clients of one process: each mailbox's requests in flight at once. */
  gate?: MailboxGate;
  /** The most a request may spend waiting between retries (429, 503, 504), in seconds. */
  maxRetryWaitSeconds?: number;
}

/**
 * A Graph client on @microsoft/microsoft-graph-client. Its RetryHandler retries 429, 503 and
 * 504, honouring Retry-After; here the total wait is capped, so that a user waiting on the
 * add-in gets an answer in seconds and background work is parked rather than held up.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const base = () => new URL(typeof options.baseUrl === 'string' ? options.baseUrl : options.baseUrl());
  const retry = new RetryHandler(new RetryHandlerOptions(1, 3, retryWithin(options.maxRetryWaitSeconds ?? 10)));
  const middleware: Middleware[] = [
    new BearerToken(options.tokens, base),
    retry,
    ...(options.gate ? [new PerMailbox(options.gate)] : []),
    new HTTPMessageHandler(),
  ];
  const url = base();
  const [version = 'v1.0', ...rest] = url.pathname.split('/').filter(Boolean).reverse();
  return Client.initWithMiddleware({
    middleware,
    baseUrl: `${url.origin}/${rest.reverse().join('/')}`,
    defaultVersion: version,
  });
}

/**
 * Graph lets an app have 4 requests in flight per mailbox ("Outlook service limits"); a fifth
 * is refused with 429 MailboxConcurrency. The gate holds the rest back instead, per mailbox,
 * in the order they came, so one busy function mailbox neither throttles itself nor slows
 * another. It counts within one process; each process of Diarium has its own.
 */
export class MailboxGate {
  readonly #slots = new Map<string, { active: number; waiting: (() => void)[] }>();
  constructor(readonly perMailbox = 4) {}

  async run<T>(mailbox: string, work: () => Promise<T>): Promise<T> {
    const key = mailbox.toLowerCase();
    let slot = this.#slots.get(key);
    if (!slot) this.#slots.set(key, (slot = { active: 0, waiting: [] }));
    // A waiter is handed the slot of the request that ends: `active` counts it already.
    if (slot.active >= this.perMailbox) await new Promise<void>((resolve) => slot.waiting.push(resolve));
    else slot.active += 1;
    try {
      return await work();
    } finally {
      const next = slot.waiting.shift();
      if (next) next();
      else if (--slot.active === 0) this.#slots.delete(key);
    }
  }

  /** Requests in flight for a mailbox now. */
  inFlight(mailbox: string): number {
    return this.#slots.get(mailbox.toLowerCase())?.active ?? 0;
  }
}

/** Puts each request to a mailbox (`/users/{id or address}/…`) through the gate; each retry enters anew. */
class PerMailbox implements Middleware {
  #next: Middleware | undefined;
  constructor(private readonly gate: MailboxGate) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const mailbox = /\/users\/([^/?(]+)/u.exec(new URL(url).pathname)?.[1];
    if (!mailbox) return this.#next!.execute(context);
    await this.gate.run(decodeURIComponent(mailbox), () => this.#next!.execute(context));
  }

  setNext(next: Middleware): void {
    this.#next = next;
  }
}

/**
 * Attaches the token to every request for the configured Graph origin. The library's own
 * AuthenticationHandler only does so for https hosts it recognises, and the dev emulator is
 * plain http on localhost; a token is still never sent anywhere else.
 */
class BearerToken implements Middleware {
  #next: Middleware | undefined;
  constructor(
    private readonly tokens: AuthenticationProvider,
    private readonly base: () => URL,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin === this.base().origin) {
      const token = await this.tokens.getAccessToken().catch((error: unknown) => {
        // The client passes a GraphClientError through as it is; any other error it flattens to its message.
        const wrapped = new GraphClientError('No token for Graph');
        wrapped.customError = error;
        throw wrapped;
      });
      context.options ??= {};
      context.options.headers = { ...(context.options.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` };
    }
    await this.#next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.#next = next;
  }
}

/**
 * The RetryHandler's shouldRetry: retry only while the wait it is about to make keeps the
 * request's total wait within the budget. A Retry-After longer than what is left ends the
 * retries at once, and the caller sees the 429 or 503 (and parks the work).
 */
function retryWithin(budgetSeconds: number) {
  const waited = new WeakMap<object, number>();
  return (delay: number, attempt: number, _request: RequestInfo, options: FetchOptions | undefined, response: Response) => {
    const key = options ?? response;
    const header = response.headers.get('Retry-After');
    const retryAfter = header === null ? NaN : Number.isNaN(Number(header)) ? (Date.parse(header) - Date.now()) / 1000 : Number(header);
    // As the RetryHandler computes it (exponential from the second retry, plus up to a second of jitter).
    const next = Number.isFinite(retryAfter) ? Math.max(0, retryAfter) : delay + (attempt >= 1 ? 2 ** attempt : 0) + 1;
    const spent = waited.get(key) ?? 0;
    if (spent + next > budgetSeconds) return false;
    waited.set(key, spent + next);
    return true;
  };
}
