import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingRuleInput } from '@diarium/core';
import { registerCase } from '../services/register-case.ts';
import { openTestRegister, type TestRegister } from '../services/test-register.ts';
import { rowsOf } from '../store/database.ts';
import { addQueueMembers, insertFunctionMailbox, insertQueue } from '../store/function-mailboxes.ts';
import { directoryMailSource, mailboxFolder } from './directory-mail-source.ts';
import { SyncStateLost, type MailSource, type SyncPage } from './mail-source.ts';
import { syncMailbox } from './sync-mailbox.ts';

// A function mailbox's mail into its queues: routed by the mailbox's rules, with a deadline in
// Swedish working days, one queue item a message whatever happens to the sync.

const logger = pino({ level: 'silent' });
const ADDRESS = 'kommunen@ekby.se';

let r: TestRegister;
let root: string;
let queues: { registry: string; building: string };
let mailboxId: string;
let referenced: string;
let counter = 0;

beforeAll(async () => {
  r = await openTestRegister();
  root = await mkdtemp(join(tmpdir(), 'diarium-mailboxes-'));
  queues = {
    registry: await insertQueue(r.deps.db, { orgId: r.orgId, name: 'Registraturen', unitId: r.unitIds['Kommunledningskontoret']! }),
    building: await insertQueue(r.deps.db, { orgId: r.orgId, name: 'Bygglov', unitId: r.unitIds['Stadsbyggnadskontoret']! }),
  };
  await addQueueMembers(r.deps.db, queues.registry, [r.registrar.user.id]);
  referenced = (await registerCase(r.deps, r.registrar, { diary: 'BN', title: 'Ansökan om bygglov, Storgatan 4' })).value.caseNumber;
});
afterAll(async () => {
  await r.close();
  await rm(root, { recursive: true, force: true });
});

const rules: RoutingRuleInput[] = [
  { id: randomUUID(), name: 'Nyhetsbrev', conditions: [{ type: 'bulk' }], actions: [{ type: 'flagUnimportant' }], stopProcessing: false },
  { id: randomUUID(), name: 'Bygglov', conditions: [{ type: 'subjectWords', words: ['bygglov', 'bygganmälan'], match: 'any' }], actions: [{ type: 'queue', queueId: '' }] },
  { id: randomUUID(), name: 'Hänvisar till ärende', conditions: [{ type: 'referencesCase' }], actions: [{ type: 'suggestCase' }] },
];

beforeEach(async () => {
  rules[1]!.actions = [{ type: 'queue', queueId: queues.building }];
  mailboxId = await insertFunctionMailbox(r.deps.db, {
    orgId: r.orgId,
    address: `${randomUUID().slice(0, 8)}.${ADDRESS}`,
    displayName: 'Ekby kommun',
    defaultQueueId: queues.registry,
    deadlineWorkingDays: 2,
    rules,
    updatedAt: new Date(),
  });
});

/** Drops a mail into the mailbox's folder, as the mail server (or an e-service) would. */
async function deliver(mail: { subject: string; from?: string; date?: string; body?: string; headers?: string[]; messageId?: string }) {
  const address = await mailboxAddress();
  const name = `${String(++counter).padStart(6, '0')}.eml`;
  const text = [
    `From: ${mail.from ?? 'Anna Svensson <anna.svensson@example.se>'}`,
    `To: ${address}`,
    `Subject: ${mail.subject}`,
    `Date: ${mail.date ?? 'Mon, 23 Nov 2026 09:15:00 +0100'}`,
    `Message-ID: ${mail.messageId ?? `<${randomUUID()}@example.se>`}`,
    ...(mail.headers ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    mail.body ?? 'Hej! Se bifogat.',
  ].join('\r\n');
  const file = join(mailboxFolder(root, address), name);
  await mkdir(mailboxFolder(root, address), { recursive: true });
  await writeFile(file, text);
  // Files are read in order of modification time; give each its own second.
  const at = new Date(Date.UTC(2026, 10, 23, 8, 0, counter % 3_000));
  await utimes(file, at, at);
}

async function mailboxAddress(): Promise<string> {
  const [row] = rowsOf<{ address: string }>(await r.deps.db.execute(sql`select address from function_mailboxes where id = ${mailboxId}`));
  return row!.address;
}

async function items() {
  return rowsOf<{ subject: string; queue: string; suggested: string | null; unimportant: boolean; rule_name: string | null; deadline_at: Date | string; status: string }>(
    await r.deps.db.execute(sql`
      select i.subject, q.name as queue, c.case_number as suggested, i.unimportant, i.rule_name, i.deadline_at, i.status
      from queue_items i join queues q on q.id = i.queue_id left join cases c on c.id = i.suggested_case_id
      where i.mailbox_id = ${mailboxId} order by i.created_at, i.received_at, i.subject`),
  ).map((row) => ({ ...row, deadline_at: new Date(row.deadline_at).toISOString() }));
}

const sync = (source: MailSource) => syncMailbox(r.deps, source, mailboxId, { logger });

describe('bringing a function mailbox into its queues', () => {
  it('puts each mail in the queue its rules choose, suggests the case it names, and flags newsletters', async () => {
    await deliver({ subject: 'Ansökan om bygglov för garage', date: 'Thu, 18 Jun 2026 10:00:00 +0200' });
    await deliver({ subject: `Komplettering till ${referenced.replace(' ', '-')}`, body: `Hej, här kommer ritningarna till ert ärende ${referenced}.` });
    await deliver({ subject: 'Månadens nyheter från Leverantören AB', headers: ['List-Unsubscribe: <mailto:unsubscribe@leverantoren.se>'] });
    await deliver({ subject: 'Fråga om förskoleplats' });

    const outcome = await sync(directoryMailSource(root, { pageSize: 2 }));
    expect(outcome).toMatchObject({ added: 4, known: 0, pages: 2, resynced: false });
    const byId = Object.fromEntries((await items()).map((i) => [i.subject, i]));
    expect(byId['Ansökan om bygglov för garage']).toMatchObject({ queue: 'Bygglov', rule_name: 'Bygglov', unimportant: false });
    // Received the day before midsommarafton: Friday 19 June and the weekend are closed, so two working days end on Tuesday.
    expect(byId['Ansökan om bygglov för garage']!.deadline_at).toBe('2026-06-23T08:00:00.000Z');
    expect(byId[`Komplettering till ${referenced.replace(' ', '-')}`]).toMatchObject({ queue: 'Registraturen', suggested: referenced });
    expect(byId['Månadens nyheter från Leverantören AB']).toMatchObject({ queue: 'Registraturen', unimportant: true });
    expect(byId['Fråga om förskoleplats']).toMatchObject({ queue: 'Registraturen', suggested: null, unimportant: false, status: 'waiting' });
  });

  it('adds nothing the second time, and what arrived since the third', async () => {
    await deliver({ subject: 'Synpunkt på snöröjningen' });
    const source = directoryMailSource(root);
    expect((await sync(source)).added).toBe(1);
    expect(await sync(source)).toMatchObject({ added: 0, known: 0 });
    await deliver({ subject: 'Ny synpunkt på snöröjningen' });
    expect((await sync(source)).added).toBe(1);
    expect((await items()).map((i) => i.subject)).toEqual(['Synpunkt på snöröjningen', 'Ny synpunkt på snöröjningen']);
  });

  it('reads nothing while the mailbox is paused, and what arrived meanwhile once it is resumed', async () => {
    const source = directoryMailSource(root);
    await sync(source);
    const before = (await items()).length;
    await r.deps.db.execute(sql`update function_mailboxes set active = false where id = ${mailboxId}`);
    await deliver({ subject: 'Fråga om badplatsen vid Ekbysjön' });
    expect(await sync(source)).toMatchObject({ added: 0, pages: 0 });
    expect(await items()).toHaveLength(before);

    await r.deps.db.execute(sql`update function_mailboxes set active = true where id = ${mailboxId}`);
    expect((await sync(source)).added).toBe(1);
    expect((await items()).at(-1)!.subject).toBe('Fråga om badplatsen vid Ekbysjön');
  });

  it('records who routed each item where, in its history', async () => {
    await deliver({ subject: 'Bygganmälan för eldstad' });
    await sync(directoryMailSource(root));
    const events = rowsOf<{ action: string; actor_id: string | null; rule_name: string | null }>(
      await r.deps.db.execute(sql`
        select e.action, e.actor_id, e.detail->>'ruleName' as rule_name from queue_item_events e
        join queue_items i on i.id = e.item_id where i.mailbox_id = ${mailboxId}`),
    );
    expect(events).toEqual([{ action: 'item.received', actor_id: null, rule_name: 'Bygglov' }]);
  });
});

/** A source over fixed pages that can lose its state or fail, as Graph can. */
function scriptedSource(pages: SyncPage[], faults: { loseStateAt?: string; failAtPage?: number } = {}): MailSource & { calls: (string | null)[] } {
  const calls: (string | null)[] = [];
  return {
    kind: 'graph',
    open: () => Promise.reject(new Error('a sync reads no mail')),
    mark: () => Promise.reject(new Error('a sync marks no mail')),
    calls,
    async page(_mailbox, cursor) {
      calls.push(cursor);
      if (faults.loseStateAt !== undefined && cursor === faults.loseStateAt) {
        faults.loseStateAt = undefined;
        throw new SyncStateLost('gone');
      }
      const index = cursor === null ? 0 : Number(cursor.split(':')[1]) + 1;
      if (faults.failAtPage === index) {
        faults.failAtPage = undefined;
        throw new Error('the process died here');
      }
      return pages[index]!;
    },
  };
}

function message(n: number): SyncPage['messages'][number] {
  return {
    sourceId: `AAMk-${n}`,
    internetMessageId: `<m${n}@example.se>`,
    subject: `Meddelande ${n}`,
    from: { address: 'anna.svensson@example.se' },
    to: [ADDRESS],
    cc: [],
    receivedAt: new Date(Date.UTC(2026, 10, 23, 8, n)),
    bodyPreview: '',
    bodyText: '',
    hasAttachments: false,
    headers: {},
  };
}

function pagesOf(count: number, perPage: number): SyncPage[] {
  const pages: SyncPage[] = [];
  for (let start = 0; start < count; start += perPage) {
    const index = pages.length;
    const done = start + perPage >= count;
    pages.push({
      messages: Array.from({ length: Math.min(perPage, count - start) }, (_, i) => message(start + i + 1)),
      cursor: `${done ? 'delta' : 'next'}:${index}`,
      done,
    });
  }
  return pages;
}

describe('a sync that fails, or runs twice', () => {
  it('resumes where the last stored page ended after dying mid-round, losing and repeating nothing', async () => {
    const source = scriptedSource(pagesOf(10, 3), { failAtPage: 2 });
    await expect(sync(source)).rejects.toThrow('the process died here');
    expect((await items()).length).toBe(6);
    expect(await sync(source)).toMatchObject({ added: 4, known: 0 });
    expect(source.calls).toEqual([null, 'next:0', 'next:1', 'next:1', 'next:2']);
    expect((await items()).map((i) => i.subject)).toEqual(Array.from({ length: 10 }, (_, i) => `Meddelande ${i + 1}`));
  });

  it('reads everything again when the source lost its state, without a single duplicate', async () => {
    const source = scriptedSource(pagesOf(6, 3), { loseStateAt: 'delta:1' });
    expect(await sync(source)).toMatchObject({ added: 6 });
    const again = await sync(source);
    expect(again).toMatchObject({ resynced: true, added: 0, known: 6 });
    expect((await items()).length).toBe(6);
  });

  it('gives every message one item when two syncs run at once', async () => {
    for (let i = 0; i < 30; i++) await deliver({ subject: `Synpunkt nummer ${i + 1}` });
    const outcomes = await Promise.all([sync(directoryMailSource(root, { pageSize: 4 })), sync(directoryMailSource(root, { pageSize: 4 }))]);
    expect(outcomes[0]!.added + outcomes[1]!.added).toBe(30);
    const subjects = (await items()).map((i) => i.subject).sort();
    expect(subjects).toEqual(Array.from({ length: 30 }, (_, i) => `Synpunkt nummer ${i + 1}`).sort());
  });
});
