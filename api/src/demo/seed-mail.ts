import { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { registrationYear } from '@diarium/core';
import { conversationIdFor, threadRootOf } from '../dev/graph/mailboxes.ts';
import type { Deps } from '../services/context.ts';
import { readStoredMail } from '../services/fetch-mail.ts';
import { recordMail } from '../services/record-mail.ts';
import { findCaseByNumber } from '../store/cases.ts';
import { loadDemoMail, SEEDED_CONVERSATION_MAIL } from './mail.ts';
import type { SeededOrganisation } from './seed.ts';

const REGISTRAR = 'karin.lindqvist@ekby.se';
// BN 2026/0010, the demo's application for a house on Björkhagen 15:79, which the sample conversation is about.
const CONVERSATION_CASE = { prefix: 'BN', sequence: 10 };

/**
 * Registers the first mail of the demo conversation into its bygglov case, as the registrar
 * did from Outlook, through the same recording as registerMail; the reply in the sample
 * inbox then finds the case by its conversation. Leaves the register as it is when that
 * case does not exist (fewer demo cases).
 */
export async function seedDemoMail(deps: Deps, org: SeededOrganisation): Promise<void> {
  const registrar = org.actors[REGISTRAR]!;
  const record = await findCaseByNumber(deps.db, org.orgId, { ...CONVERSATION_CASE, year: registrationYear(deps.now()) });
  const sample = (await loadDemoMail('inbox')).find((m) => m.name === SEEDED_CONVERSATION_MAIL);
  if (!record || !sample) return;

  const headers = await simpleParser(sample.raw, { skipHtmlToText: true });
  const messageId = headers.messageId!;
  const eml = await deps.blobs.put(Readable.from([sample.raw]), { maxBytes: sample.raw.length, mediaType: 'message/rfc822' });
  const { parsed, files } = await readStoredMail({ blobs: deps.blobs, maxUploadBytes: sample.raw.length }, eml, headers.subject ?? null, 'all-but-inline');
  await recordMail(
    deps,
    registrar,
    { kind: 'case', record },
    { internetMessageId: messageId, conversationId: conversationIdFor(threadRootOf(headers) ?? messageId), mailbox: null, itemId: null },
    {
      direction: 'incoming',
      title: parsed.subject ?? headers.subject ?? messageId,
      counterparty: parsed.from ?? undefined,
      receivedAt: parsed.date?.toISOString(),
      sentAt: parsed.date?.toISOString(),
      alsoInOtherCase: false,
    },
    { files, bodyText: parsed.bodyText },
  );
}
