import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { graphError, GRAPH_ROOT } from './graph-errors.ts';
import type { EmulatedMailbox, GraphMailboxes, MailboxChange } from './mailboxes.ts';

// Change notifications for messages (POST/GET/PATCH/DELETE /subscriptions), as Graph's
// "Set up notifications for changes in resource data" describes them: the validation
// handshake on create, a POST to notificationUrl for each change to a subscribed folder, and
// lifecycle notifications that tests emit on demand. Every outgoing POST goes through
// `deliver`, never inside the request that caused it; `settled()` waits for them.

/** Graph's longest subscription to Outlook messages: 10 080 minutes (under 7 days). */
export const MAX_MESSAGE_SUBSCRIPTION_MINUTES = 10_080;

export type LifecycleEvent = 'reauthorizationRequired' | 'missed' | 'subscriptionRemoved';

export interface EmulatedSubscription {
  id: string;
  /** As the client wrote it, e.g. `users/{id}/mailFolders('inbox')/messages`. */
  resource: string;
  box: EmulatedMailbox;
  /** The folder key watched, or null for every message of the mailbox (`…/messages`). */
  folder: string | null;
  changeTypes: ('created' | 'updated' | 'deleted')[];
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
  latestSupportedTlsVersion: string;
  applicationId: string;
  creatorId: string;
  /** Created with `Prefer: IdType="ImmutableId"`: notifications carry immutable ids. */
  immutable: boolean;
}

/** One POST the emulator made to a subscriber, and how it was answered. */
export interface Delivery {
  url: string;
  kind: 'validation' | 'notification' | 'lifecycle';
  body: unknown;
  status: number | null;
  error?: string;
}

export interface SubscriptionsOptions {
  mailboxes: GraphMailboxes;
  /** How the emulator POSTs to subscribers; global fetch by default (msw can let it through to a test server). */
  deliver?: (url: string, init: RequestInit) => Promise<Response>;
  tenantId?: string;
  now?: () => number;
  /** How long a validation request may take; Graph allows 10 s. */
  validationTimeoutMs?: number;
}

/** Finds the mailbox a resource's user segment names, with the caller's rights (a Response when refused). */
export type ResolveMailbox = (user: string | null) => Promise<EmulatedMailbox | Response>;

export interface SubscriptionCaller {
  applicationId: string;
  creatorId: string;
}

export class GraphSubscriptions {
  readonly #options: Required<Omit<SubscriptionsOptions, 'mailboxes'>> & { mailboxes: GraphMailboxes };
  readonly #subscriptions = new Map<string, EmulatedSubscription>();
  readonly #pending = new Set<Promise<void>>();
  /** Every POST to a subscriber, in order. */
  readonly deliveries: Delivery[] = [];

  constructor(options: SubscriptionsOptions) {
    this.#options = {
      deliver: (url, init) => fetch(url, init),
      tenantId: '7d3c2f1e-5b4a-4c3d-9e8f-0a1b2c3d4e5f',
      now: () => Date.now(),
      validationTimeoutMs: 10_000,
      ...options,
    };
    options.mailboxes.onChange((change) => this.#changed(change));
  }

  get tenantId(): string {
    return this.#options.tenantId;
  }

  /** A subscription by id, expired or not; undefined once deleted or removed. */
  get(id: string): EmulatedSubscription | undefined {
    return this.#subscriptions.get(id);
  }

  list(): EmulatedSubscription[] {
    return [...this.#subscriptions.values()];
  }

  /** Waits until every POST begun so far (and any they led to) has been answered. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Sends a lifecycle notification to the subscription's lifecycleNotificationUrl; `subscriptionRemoved` also ends it. */
  emitLifecycle(id: string, lifecycleEvent: LifecycleEvent): void {
    const subscription = this.#subscriptions.get(id);
    if (!subscription) throw new Error(`No subscription ${id}`);
    if (lifecycleEvent === 'subscriptionRemoved') this.#subscriptions.delete(id);
    if (!subscription.lifecycleNotificationUrl) return;
    const body = {
      value: [
        {
          subscriptionId: subscription.id,
          subscriptionExpirationDateTime: subscription.expirationDateTime,
          tenantId: this.#options.tenantId,
          clientState: subscription.clientState,
          lifecycleEvent,
        },
      ],
    };
    this.#later(subscription.lifecycleNotificationUrl, 'lifecycle', body);
  }

  /** Answers /subscriptions and /subscriptions/{id}; `path` is what follows /v1.0. */
  async handle(request: Request, path: string, caller: SubscriptionCaller, resolve: ResolveMailbox): Promise<Response> {
    const id = /^\/subscriptions\/([^/]+)$/.exec(path)?.[1];
    if (path === '/subscriptions' && request.method === 'POST') return this.#create(request, caller, resolve);
    if (path === '/subscriptions' && request.method === 'GET') {
      return Response.json({ '@odata.context': `${GRAPH_ROOT}/$metadata#subscriptions`, value: this.list().filter((s) => !this.#expired(s)).map((s) => this.#json(s)) });
    }
    if (id === undefined) return graphError(400, 'BadRequest', `Unsupported request: ${request.method} ${path}`);
    const subscription = this.#subscriptions.get(decodeURIComponent(id));
    // Graph deletes a subscription once it expires.
    if (!subscription || this.#expired(subscription)) return graphError(404, 'ResourceNotFound', `The object '${id}' doesn't exist.`);
    if (request.method === 'GET') return Response.json(this.#json(subscription));
    if (request.method === 'DELETE') {
      this.#subscriptions.delete(subscription.id);
      return new Response(null, { status: 204 });
    }
    if (request.method === 'PATCH') {
      const body = (await request.json().catch(() => null)) as { expirationDateTime?: unknown } | null;
      const expiration = this.#expiration(body?.expirationDateTime);
      if (expiration instanceof Response) return expiration;
      subscription.expirationDateTime = expiration;
      return Response.json(this.#json(subscription));
    }
    return graphError(400, 'BadRequest', `Unsupported request: ${request.method} ${path}`);
  }

  async #create(request: Request, caller: SubscriptionCaller, resolve: ResolveMailbox): Promise<Response> {
    const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
    const changeType = typeof body?.changeType === 'string' ? body.changeType : '';
    const changeTypes = changeType.split(',').map((c) => c.trim());
    if (!changeType || !changeTypes.every((c) => c === 'created' || c === 'updated' || c === 'deleted')) {
      return graphError(400, 'InvalidRequest', "changeType must be one or more of 'created', 'updated', 'deleted'.");
    }
    const notificationUrl = body?.notificationUrl;
    const lifecycleNotificationUrl = body?.lifecycleNotificationUrl ?? null;
    if (typeof notificationUrl !== 'string' || !URL.canParse(notificationUrl)) return graphError(400, 'InvalidRequest', 'notificationUrl must be an absolute URL.');
    if (lifecycleNotificationUrl !== null && (typeof lifecycleNotificationUrl !== 'string' || !URL.canParse(lifecycleNotificationUrl))) {
      return graphError(400, 'InvalidRequest', 'lifecycleNotificationUrl must be an absolute URL.');
    }
    const clientState = body?.clientState ?? null;
    if (clientState !== null && (typeof clientState !== 'string' || clientState.length > 128)) return graphError(400, 'InvalidRequest', 'clientState must be a string of at most 128 characters.');
    const resource = typeof body?.resource === 'string' ? body.resource : '';
    const target = /^\/?(?:me|users\/([^/]+))(?:\/mailFolders(?:\('([^']+)'\)|\/([^/]+)))?\/messages$/i.exec(resource);
    if (!target) return graphError(400, 'InvalidRequest', `The resource '${resource}' is not supported.`);
    const box = await resolve(target[1] === undefined ? null : decodeURIComponent(target[1]));
    if (box instanceof Response) return box;
    const folderName = target[2] ?? target[3];
    const folder = folderName === undefined ? undefined : this.#options.mailboxes.folder(box, decodeURIComponent(folderName));
    if (folderName !== undefined && !folder) return graphError(404, 'ErrorItemNotFound', 'The specified folder was not found in the store.');
    const expiration = this.#expiration(body?.expirationDateTime);
    if (expiration instanceof Response) return expiration;

    for (const url of [notificationUrl, lifecycleNotificationUrl]) {
      if (url === null) continue;
      const failure = await this.#validate(url);
      if (failure) return failure;
    }
    const subscription: EmulatedSubscription = {
      id: randomUUID(),
      resource,
      box,
      folder: folder ? this.#options.mailboxes.folderKey(folder) : null,
      changeTypes: changeTypes as EmulatedSubscription['changeTypes'],
      changeType,
      notificationUrl,
      lifecycleNotificationUrl,
      clientState,
      expirationDateTime: expiration,
      latestSupportedTlsVersion: typeof body?.latestSupportedTlsVersion === 'string' ? body.latestSupportedTlsVersion : 'v1_2',
      applicationId: caller.applicationId,
      creatorId: caller.creatorId,
      immutable: /IdType="ImmutableId"/i.test(request.headers.get('prefer') ?? ''),
    };
    this.#subscriptions.set(subscription.id, subscription);
    return Response.json(this.#json(subscription), { status: 201 });
  }

  /** A requested expiry, capped at Graph's maximum for messages; a Response when unusable. */
  #expiration(value: unknown): string | Response {
    const at = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) return graphError(400, 'InvalidRequest', 'expirationDateTime is required and must be a date and time.');
    const now = this.#options.now();
    if (at <= now) return graphError(400, 'InvalidRequest', 'Subscription expiration must be in the future.');
    return new Date(Math.min(at, now + MAX_MESSAGE_SUBSCRIPTION_MINUTES * 60_000)).toISOString();
  }

  /** Graph's validation handshake: the endpoint must echo the token as text/plain with 200 within the time allowed. */
  async #validate(url: string): Promise<Response | null> {
    const validationToken = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(validationToken)}`;
    const record: Delivery = { url: target, kind: 'validation', body: '', status: null };
    this.deliveries.push(record);
    try {
      const res = await this.#options.deliver(target, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: '',
        signal: AbortSignal.timeout(this.#options.validationTimeoutMs),
      });
      record.status = res.status;
      const text = await res.text();
      if (res.status !== 200) return validationFailed('Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
      if (text !== validationToken || !/^text\/plain\b/i.test(res.headers.get('content-type') ?? '')) {
        return validationFailed('Subscription validation request failed. Response must exactly match validationToken query parameter.');
      }
      return null;
    } catch (error) {
      record.error = String(error);
      if (error instanceof Error && error.name === 'TimeoutError') return graphError(400, 'InvalidRequest', 'Subscription validation request timed out.');
      return validationFailed('Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
    }
  }

  #expired(subscription: EmulatedSubscription): boolean {
    return Date.parse(subscription.expirationDateTime) <= this.#options.now();
  }

  #changed(change: MailboxChange): void {
    for (const subscription of this.#subscriptions.values()) {
      if (subscription.box !== change.box || (subscription.folder !== null && subscription.folder !== change.folder)) continue;
      if (!subscription.changeTypes.includes(change.changeType) || this.#expired(subscription)) continue;
      const id = subscription.immutable ? change.immutableId : change.restId;
      const user = `Users/${userIdOf(change.box)}@${this.#options.tenantId}/Messages/${id}`;
      const body = {
        value: [
          {
            id: randomBytes(9).toString('base64url'),
            subscriptionId: subscription.id,
            subscriptionExpirationDateTime: subscription.expirationDateTime,
            clientState: subscription.clientState,
            changeType: change.changeType,
            resource: user,
            tenantId: this.#options.tenantId,
            resourceData: {
              '@odata.type': '#Microsoft.Graph.Message',
              '@odata.id': user,
              '@odata.etag': `W/"${Buffer.from(change.message.lastModifiedDateTime).toString('base64')}"`,
              id,
            },
          },
        ],
      };
      this.#later(subscription.notificationUrl, 'notification', body);
    }
  }

  /** POSTs JSON to a subscriber after the current request has been answered. */
  #later(url: string, kind: Delivery['kind'], body: unknown): void {
    const record: Delivery = { url, kind, body, status: null };
    this.deliveries.push(record);
    const sent = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => this.#options.deliver(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }))
      .then(async (res) => {
        record.status = res.status;
        await res.arrayBuffer();
      })
      .catch((error: unknown) => {
        record.error = String(error);
      })
      .finally(() => this.#pending.delete(sent));
    this.#pending.add(sent);
  }

  #json(s: EmulatedSubscription): Record<string, unknown> {
    return {
      '@odata.context': `${GRAPH_ROOT}/$metadata#subscriptions/$entity`,
      id: s.id,
      resource: s.resource,
      applicationId: s.applicationId,
      changeType: s.changeType,
      clientState: s.clientState,
      notificationUrl: s.notificationUrl,
      ...(s.lifecycleNotificationUrl ? { lifecycleNotificationUrl: s.lifecycleNotificationUrl } : {}),
      expirationDateTime: s.expirationDateTime,
      creatorId: s.creatorId,
      latestSupportedTlsVersion: s.latestSupportedTlsVersion,
      notificationContentType: 'application/json',
    };
  }
}

const validationFailed = (message: string) => graphError(400, 'ValidationError', message);

/** The user's object id as notifications name it; a mailbox added without one gets a stable one from its address. */
function userIdOf(box: EmulatedMailbox): string {
  if (box.objectId) return box.objectId;
  const hex = createHash('sha256').update(box.address).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
