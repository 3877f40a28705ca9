import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../dev/graph/test-graph.ts';
import { MailboxGate } from './graph-client.ts';
import { getMessageFacts, mailboxPath } from './mail.ts';

// Graph's limit of 4 requests in flight per app and mailbox, with Outlook's throttling switched
// on in the emulated Graph: Diarium holds the fifth back instead of earning a 429.

const KOMMUNEN = 'kommunen@ekby.se';
const BYGGLOV = 'bygglov@ekby.se';
let m365: TestGraph;

beforeAll(() => {
  m365 = startTestGraph({ limits: { concurrent: 4 }, latencyMs: 60 });
  for (const address of [KOMMUNEN, BYGGLOV]) m365.graph.mailboxes.addMailbox({ address, displayName: address, kind: 'shared' });
});
afterAll(() => m365.close());

describe('requests to one mailbox at once', () => {
  it('keeps at most four in flight per mailbox, so a burst of twenty to two mailboxes earns no 429', async () => {
    const ids = (address: string) =>
      m365.graph.mailboxes
        .addMessages(address, Array.from({ length: 10 }, (_, n) => ({ subject: `Ärende ${n}`, from: { name: 'Anna', address: 'anna@example.se' }, text: 'Hej' })))
        .map((m) => m.immutableId);
    const wanted = [...ids(KOMMUNEN).map((id) => [KOMMUNEN, id] as const), ...ids(BYGGLOV).map((id) => [BYGGLOV, id] as const)];
    const before = m365.graph.requests.length;

    const facts = await Promise.all(wanted.map(([address, id]) => getMessageFacts(m365.access.asApp(), mailboxPath(address), id)));

    expect(facts.map((f) => f.subject)).toEqual(wanted.map((_, n) => `Ärende ${n % 10}`));
    // A request refused with 429 is retried: any refusal would show as more than twenty.
    expect(m365.graph.requests.length - before).toBe(20);
  });
});

describe('the gate', () => {
  it('lets the fifth request go as soon as one of the four ends, in the order they came, and keeps mailboxes apart', async () => {
    const gate = new MailboxGate(4);
    const ends: (() => void)[] = [];
    const started: string[] = [];
    const work = (name: string) => () =>
      new Promise<string>((resolve) => {
        started.push(name);
        ends.push(() => resolve(name));
      });
    const runs = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((name) => gate.run('Kommunen@ekby.se', work(name)));
    const other = gate.run('bygglov@ekby.se', work('b1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
    expect(gate.inFlight('kommunen@ekby.se')).toBe(4);

    ends[0]!();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.at(-1)).toBe('a5');
    for (const end of ends.slice(1)) end();
    await new Promise((resolve) => setImmediate(resolve));
    ends.at(-1)!();
    expect(await Promise.all([...runs, other])).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1']);
    expect(gate.inFlight('kommunen@ekby.se')).toBe(0);
  });
});
