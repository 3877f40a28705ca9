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
  const middleware: Middleware[] = [new BearerToken(options.tokens, base), retry, new HTTPMessageHandler()];
  const url = base();
  const [version = 'v1.0', ...rest] = url.pathname.split('/').filter(Boolean).reverse();
  return Client.initWithMiddleware({
    middleware,
    baseUrl: `${url.origin}/${rest.reverse().join('/')}`,
    defaultVersion: version,
  });
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
