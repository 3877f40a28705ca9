import { Readable } from 'node:stream';
import { bindChannelTab } from '../services/channel-tabs.ts';
import type { Actor, Deps } from '../services/context.ts';
import { readStoredMail } from '../services/fetch-mail.ts';
import { recordMail } from '../services/record-mail.ts';
import { registerCase } from '../services/register-case.ts';
import { registerDocument, type DocumentInput, type UploadedFile } from '../services/register-document.ts';
import { findCaseById } from '../store/cases.ts';
import type { SeededOrganisation } from './seed.ts';
import { consultationNotice, protectedStatement, siteVisitPhoto, SJOVIK_MAIL, sjovikMail } from './sjovik.ts';
import { DEMO_CHANNEL_CASE, DEMO_TEAM } from './teams.ts';

const REGISTRAR = 'karin.lindqvist@ekby.se';

/**
 * Registers the detaljplan case for Sjövik 2:14 and binds the demo team's channel tab to it,
 * as the project team did when they pinned the tab; the channel's files are in the dev Graph.
 * The officer then sends a notice and files a photo; after that the registrar registers a
 * citizen's mail and a confidential statement, so the case waits for the officer.
 */
export async function seedDemoChannelTab(deps: Deps, org: SeededOrganisation): Promise<string> {
  const registrar = org.actors[REGISTRAR]!;
  const officer = org.actors[DEMO_CHANNEL_CASE.officer]!;
  const registered = await registerCase(deps, registrar, {
    diary: DEMO_CHANNEL_CASE.diary,
    title: DEMO_CHANNEL_CASE.title,
    officerId: officer.user.id,
  });
  const caseId = registered.value.id;
  await bindChannelTab(deps, officer, { teamId: DEMO_TEAM.id, channelId: DEMO_TEAM.channel.id }, caseId);

  await registerFile(deps, officer, caseId, 'Underrättelse om samråd Sjövik 2-14.pdf', 'application/pdf', consultationNotice(), {
    direction: 'outgoing',
    kind: 'letter',
    title: 'Underrättelse om samråd – detaljplan för Sjövik 2:14',
    counterparty: { name: 'Sakägare enligt fastighetsförteckningen' },
  });
  await registerFile(deps, officer, caseId, 'Platsbesök Sjöviken.png', 'image/png', siteVisitPhoto(), {
    direction: 'internal',
    kind: 'other',
    title: 'Foto från platsbesök vid Sjöviken',
  });
  await recordSjovikMail(deps, registrar, caseId);
  await registerFile(deps, registrar, caseId, 'Yttrande från sakägare.pdf', 'application/pdf', protectedStatement(), {
    direction: 'incoming',
    kind: 'letter',
    title: 'Yttrande från Maria Sandberg, Strandvägen 14 (skyddade personuppgifter)',
    publicTitle: 'Yttrande från sakägare',
    confidentiality: { provision: 'OSL 21 kap. 3 §' },
  });
  return registered.value.caseNumber;
}

async function registerFile(
  deps: Deps,
  actor: Actor,
  caseId: string,
  name: string,
  mediaType: string,
  content: Buffer,
  entry: Omit<DocumentInput, 'source'>,
): Promise<void> {
  const blob = await deps.blobs.put(Readable.from([content]), { maxBytes: content.length, mediaType });
  const file: UploadedFile = { name, mediaType, blob, main: true };
  await registerDocument(deps, actor, caseId, { source: 'upload', ...entry }, [file]);
}

/** The citizen's mail, recorded as registerMail records one: its .eml, its text, its identity. */
async function recordSjovikMail(deps: Deps, registrar: Actor, caseId: string): Promise<void> {
  const raw = sjovikMail();
  const eml = await deps.blobs.put(Readable.from([raw]), { maxBytes: raw.length, mediaType: 'message/rfc822' });
  const { parsed, files } = await readStoredMail({ blobs: deps.blobs, maxUploadBytes: raw.length }, eml, SJOVIK_MAIL.subject, 'all-but-inline');
  await recordMail(
    deps,
    registrar,
    { kind: 'case', record: (await findCaseById(deps.db, registrar.orgId, caseId))! },
    { internetMessageId: SJOVIK_MAIL.messageId, conversationId: null, mailbox: null, itemId: null },
    {
      direction: 'incoming',
      title: SJOVIK_MAIL.subject,
      counterparty: parsed.from ?? undefined,
      receivedAt: parsed.date?.toISOString(),
      sentAt: parsed.date?.toISOString(),
      alsoInOtherCase: false,
    },
    { files, bodyText: parsed.bodyText },
  );
}
