import { randomUUID } from 'node:crypto';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RoutingRuleInput } from '@diarium/core';
import { mailboxFolder } from '../ingest/directory-mail-source.ts';
import type { Deps } from '../services/context.ts';
import { addQueueMembers, insertFunctionMailbox, insertQueue } from '../store/function-mailboxes.ts';
import type { SeededOrganisation } from './seed.ts';

const HOUR = 3600_000;

/**
 * Ekby's function mailboxes: kommunen@ (the registry's queue, Karin) routes building permits to
 * the building permit unit's queue (Amira), flags newsletters and suggests the case a mail names.
 * Under `npm start` their mail is a folder of .eml files each; a few mails wait there, one of
 * them already late. Drop another .eml into the folder and it is in the queue within a minute.
 */
export async function seedDemoMailboxes(deps: Pick<Deps, 'db' | 'now'>, org: SeededOrganisation, mailDir: string | null, referencedCase: string): Promise<void> {
  const now = deps.now();
  const registry = await insertQueue(deps.db, { orgId: org.orgId, name: 'Registraturen', unitId: org.unitIds['Kommunledningskontoret']! });
  const permits = await insertQueue(deps.db, { orgId: org.orgId, name: 'Bygglov', unitId: org.unitIds['Stadsbyggnadskontoret']! });
  await addQueueMembers(deps.db, registry, [org.actors['karin.lindqvist@ekby.se']!.user.id]);
  await addQueueMembers(deps.db, permits, [org.actors['amira.haddad@ekby.se']!.user.id]);
  const rules: RoutingRuleInput[] = [
    { id: randomUUID(), name: 'Nyhetsbrev och automatiska svar', conditions: [{ type: 'bulk' }], actions: [{ type: 'flagUnimportant' }], stopProcessing: false },
    { id: randomUUID(), name: 'Hänvisar till ett ärende', conditions: [{ type: 'referencesCase' }], actions: [{ type: 'suggestCase' }], stopProcessing: false },
    {
      id: randomUUID(),
      name: 'Bygglov till Stadsbyggnadskontoret',
      conditions: [{ type: 'subjectWords', words: ['bygglov', 'bygganmälan', 'rivningslov', 'marklov'], match: 'any' }],
      actions: [{ type: 'queue', queueId: permits }],
    },
  ];
  await insertFunctionMailbox(deps.db, {
    orgId: org.orgId,
    address: 'kommunen@ekby.se',
    displayName: 'Ekby kommun',
    unitId: org.unitIds['Kommunledningskontoret']!,
    defaultDiaryId: org.diaryIds['KS']!,
    defaultQueueId: registry,
    deadlineWorkingDays: 2,
    rules,
    updatedAt: now,
  });
  await insertFunctionMailbox(deps.db, {
    orgId: org.orgId,
    address: 'bygglov@ekby.se',
    displayName: 'Bygglov Ekby',
    unitId: org.unitIds['Stadsbyggnadskontoret']!,
    defaultDiaryId: org.diaryIds['BN']!,
    defaultQueueId: permits,
    deadlineWorkingDays: 5,
    updatedAt: now,
  });
  if (!mailDir) return;

  const mails: DemoMail[] = [
    { ago: 100 * HOUR, from: 'Per Lindgren <per.lindgren@example.se>', subject: 'Ansökan om bygglov för carport, Ekby 4:12', body: 'Hej!\n\nJag vill söka bygglov för en carport på min tomt Ekby 4:12. Ritningar bifogas i nästa mejl.\n\nMvh Per Lindgren' },
    { ago: 3 * HOUR, from: 'Maria Olsson <maria.olsson@example.se>', subject: `Komplettering till ${referencedCase}`, body: `Hej,\n\nHär kommer kompletteringen ni bad om i ärende ${referencedCase}.\n\nVänliga hälsningar\nMaria Olsson` },
    { ago: 2 * HOUR, from: 'Nyhetsbrev <nyheter@kontorsvaror.example>', subject: 'Veckans erbjudanden på kontorsmaterial', body: 'Se veckans erbjudanden!', headers: ['List-Unsubscribe: <https://kontorsvaror.example/avregistrera>'] },
    { ago: 1 * HOUR, from: 'Ali Hassan <ali.hassan@example.se>', subject: 'Synpunkt på snöröjningen på Storgatan', body: 'Hej,\n\nStorgatan har inte plogats på tre dagar. Äldre kan inte ta sig till bussen.\n\nAli Hassan' },
    { ago: HOUR / 4, from: 'Skolverket <registrator@skolverket.example>', subject: 'Remiss: förslag till ändrade föreskrifter om betyg', body: 'Skolverket remitterar härmed förslag till ändrade föreskrifter. Svar senast den 15 januari.' },
  ];
  const folder = mailboxFolder(mailDir, 'kommunen@ekby.se');
  await mkdir(folder, { recursive: true });
  for (const [i, mail] of mails.entries()) {
    const at = new Date(now.getTime() - mail.ago);
    const file = join(folder, `demo-${String(i + 1).padStart(2, '0')}.eml`);
    await writeFile(file, emlOf(mail, at));
    await utimes(file, at, at);
  }
}

interface DemoMail {
  ago: number;
  from: string;
  subject: string;
  body: string;
  headers?: string[];
}

function emlOf(mail: DemoMail, at: Date): string {
  return [
    `From: ${mail.from}`,
    'To: Ekby kommun <kommunen@ekby.se>',
    `Subject: =?utf-8?B?${Buffer.from(mail.subject).toString('base64')}?=`,
    `Date: ${at.toUTCString()}`,
    `Message-ID: <${randomUUID()}@example.se>`,
    ...(mail.headers ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    mail.body.replace(/\n/gu, '\r\n'),
    '',
  ].join('\r\n');
}
