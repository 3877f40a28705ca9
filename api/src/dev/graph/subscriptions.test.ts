import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BYGGLOV, testEmulator } from './emulator-test-kit.ts';
import { MAX_MESSAGE_SUBSCRIPTION_MINUTES } from './subscriptions.ts';

// Change notifications for a function mailbox, with a real local webhook receiving what the
// emulated Graph POSTs (validation handshakes, change and lifecycle notifications).

const fixture = async (name: string) => JSON.parse(await readFile(`/work/shared/fixtures/graph/${name}`, 'utf8')) as Record<string, unknown>;

interface Received {
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notifications are checked field by field
  body: any;
}

let received: Received[];
/** How the webhook answers a validation request; by default as Graph asks, echoing the token. */
let onValidation: (token: string, res: ServerResponse) => void;
let server: ReturnType<typeof createServer>;
let base: string;

beforeEach(async () => {
  received = [];
  onValidation = (token, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const text = Buffer.concat(chunks).toString();
      received.push({ path: url.pathname, query: url.searchParams, contentType: req.headers['content-type'], body: text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : text });
      const token = url.searchParams.get('validationToken');
      if (token !== null) return onValidation(token, res);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

function subscribe(ask: ReturnType<typeof testEmulator>['ask'], extra: Record<string, unknown> = {}, prefer?: string) {
  return ask('POST', '/subscriptions', {
    json: { changeType: 'created', notificationUrl: `${base}/notifications`, resource: `users/${BYGGLOV}/mailFolders('inbox')/messages`, expirationDateTime: inAnHour(), clientState: 'hemligt-värde', ...extra },
    ...(prefer ? { prefer } : {}),
  });
}

describe('subscriptions to a mail folder', () => {
  it('validates the notification URL with a text/plain token before creating, and answers as the documentation shows', async () => {
    const { ask } = testEmulator();
    const documented = await fixture('subscription-create-response.json');

    const created = await subscribe(ask, { latestSupportedTlsVersion: 'v1_2' });

    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual(Object.keys(documented).sort());
    expect(created.json).toMatchObject({ resource: `users/${BYGGLOV}/mailFolders('inbox')/messages`, changeType: 'created', clientState: 'hemligt-värde', notificationUrl: `${base}/notifications` });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ path: '/notifications', contentType: expect.stringMatching(/^text\/plain/) });
    expect(received[0]!.query.get('validationToken')).toEqual(expect.any(String));
    expect((await ask('GET', `/subscriptions/${created.json.id}`)).json).toEqual(created.json);
  });

  it('validates the lifecycle URL too, and refuses a subscription whose endpoint does not echo the token', async () => {
    const { ask } = testEmulator();
    const request = await fixture('subscription-create-request-with-lifecycle-url.json');

    const withLifecycle = await subscribe(ask, { changeType: request.changeType, lifecycleNotificationUrl: `${base}/lifecycle` });
    onValidation = (_token, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('something else');
    const wrongEcho = await subscribe(ask);
    onValidation = (_token, res) => res.writeHead(404).end();
    const notFound = await subscribe(ask);

    expect(withLifecycle.status).toBe(201);
    expect(withLifecycle.json.lifecycleNotificationUrl).toBe(`${base}/lifecycle`);
    expect(received.slice(0, 2).map((r) => r.path)).toEqual(['/notifications', '/lifecycle']);
    expect(wrongEcho).toMatchObject({ status: 400, json: { error: { code: 'ValidationError', message: 'Subscription validation request failed. Response must exactly match validationToken query parameter.' } } });
    expect(notFound).toMatchObject({
      status: 400,
      json: { error: { code: 'ValidationError', message: 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.' } },
    });
    expect((await ask('GET', '/subscriptions')).json.value).toHaveLength(1);
  });

  it('refuses a subscription whose endpoint does not answer the handshake in time', async () => {
    const { ask } = testEmulator({ validationTimeoutMs: 200 });
    onValidation = () => undefined;
    const slow = await subscribe(ask);
    expect(slow).toMatchObject({ status: 400, json: { error: { code: 'InvalidRequest', message: 'Subscription validation request timed out.' } } });
  });

  it('POSTs a change notification with clientState when mail arrives, after the request that delivered it', async () => {
    let posts = 0;
    const { graph, ask, deliver } = testEmulator({ deliver: (url, init) => ((posts += 1), fetch(url, init)) });
    const documented = ((await fixture('change-notification-created.json')).value as Record<string, unknown>[])[0]!;
    const created = await subscribe(ask, {}, 'IdType="ImmutableId"');
    received = [];
    posts = 0;

    const [mail] = deliver(BYGGLOV, ['Ansökan om bygglov']);
    deliver(BYGGLOV, ['Skräp'], 'junkemail');
    expect(posts).toBe(0);
    await graph.subscriptions.settled();

    expect(received).toHaveLength(1);
    const [notification] = received[0]!.body.value;
    expect(Object.keys(notification).sort()).toEqual(Object.keys(documented).sort());
    expect(Object.keys(notification.resourceData).sort()).toEqual(Object.keys(documented.resourceData as object).sort());
    expect(notification).toMatchObject({
      subscriptionId: created.json.id,
      subscriptionExpirationDateTime: created.json.expirationDateTime,
      changeType: 'created',
      clientState: 'hemligt-värde',
      tenantId: graph.subscriptions.tenantId,
      resourceData: { '@odata.type': '#Microsoft.Graph.Message', id: mail!.immutableId },
    });
    expect(notification.resource).toMatch(new RegExp(`^Users/[0-9a-f-]{36}@${graph.subscriptions.tenantId}/Messages/${mail!.immutableId}$`));
    expect(graph.subscriptions.deliveries.at(-1)).toMatchObject({ kind: 'notification', status: 202 });
  });

  it('renews up to Graph’s maximum for messages, stops delivering once expired, and deletes', async () => {
    let now = Date.now();
    const { graph, ask, deliver } = testEmulator({ now: () => now });
    const created = await subscribe(ask);
    const renew = await fixture('subscription-renew-request.json');

    const renewed = await ask('PATCH', `/subscriptions/${created.json.id}`, { json: { ...renew, expirationDateTime: new Date(now + 30 * 24 * 3_600_000).toISOString() } });
    expect(Date.parse(renewed.json.expirationDateTime)).toBe(now + MAX_MESSAGE_SUBSCRIPTION_MINUTES * 60_000);

    now += MAX_MESSAGE_SUBSCRIPTION_MINUTES * 60_000 + 1;
    received = [];
    deliver(BYGGLOV, ['För sent']);
    await graph.subscriptions.settled();
    expect(received).toEqual([]);
    expect((await ask('GET', `/subscriptions/${created.json.id}`)).status).toBe(404);

    now = Date.now();
    const other = await subscribe(ask);
    expect((await ask('DELETE', `/subscriptions/${other.json.id}`)).status).toBe(204);
    expect((await ask('GET', `/subscriptions/${other.json.id}`)).json.error.code).toBe('ResourceNotFound');
  });

  it('sends lifecycle notifications on demand, shaped as the documentation shows; subscriptionRemoved ends the subscription', async () => {
    const { graph, ask } = testEmulator();
    const created = await subscribe(ask, { lifecycleNotificationUrl: `${base}/lifecycle` });
    received = [];

    for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const) graph.subscriptions.emitLifecycle(created.json.id, event);
    await graph.subscriptions.settled();

    const documented = ((await fixture('lifecycle-missed.json')).value as Record<string, unknown>[])[0]!;
    expect(received.map((r) => r.path)).toEqual(['/lifecycle', '/lifecycle', '/lifecycle']);
    expect(received.map((r) => r.body.value[0].lifecycleEvent)).toEqual(['reauthorizationRequired', 'missed', 'subscriptionRemoved']);
    expect(Object.keys(received[0]!.body.value[0]).sort()).toEqual(Object.keys(documented).sort());
    expect(received[0]!.body.value[0]).toMatchObject({ subscriptionId: created.json.id, clientState: 'hemligt-värde', tenantId: graph.subscriptions.tenantId });
    expect((await ask('GET', `/subscriptions/${created.json.id}`)).status).toBe(404);
  });
});
