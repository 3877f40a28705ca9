import { t } from '@diarium/core';
import { findSentCopy, mailboxPath } from '../graph/mail.ts';
import { NotYet } from '../jobs/runner.ts';
import { findOutgoingTie, settleOutgoingTie } from '../store/mail.ts';
import { actorOfUser } from './actor-of-user.ts';
import type { MailDeps } from './context.ts';
import { markMailRegistered } from './mark-mail-registered.ts';
import { prepareDocumentRegistration } from './register-document.ts';
import { fetchAndRecord, graphMail } from './register-mail.ts';

/**
 * The background half of tieOutgoingMail: finds the sent copy in the mailbox's Sent Items
 * (app-only Graph) and registers it as an outgoing mail in the tied case, as the user who
 * tied it. Safe to run again: the same mail in the same case is registered once (rule 2).
 * Throws NotYet while the mail has not been sent.
 */
export async function registerSentMail(deps: MailDeps, tieId: string): Promise<void> {
  const tie = await findOutgoingTie(deps.db, tieId);
  if (!tie || tie.status !== 'waiting') return;
  const graph = deps.graph.asApp();
  const path = mailboxPath(tie.mailbox);
  const facts = await findSentCopy(graph, path, tie.internetMessageId);
  if (!facts) throw new NotYet('The sent copy is not in Sent Items yet');

  const actor = await actorOfUser(deps.db, tie.orgId, tie.tiedBy);
  const record = await prepareDocumentRegistration(deps, actor, tie.caseId);
  const { value } = await fetchAndRecord(
    deps,
    actor,
    { kind: 'case', record },
    // An object id is the user's own mailbox; only a shared mailbox's address is recorded.
    graphMail(graph, path, facts, tie.mailbox.includes('@') ? tie.mailbox : null),
    {
      direction: 'outgoing',
      title: (tie.title ?? facts.subject ?? t('sv', 'mail.noSubject')).slice(0, 500),
      publicTitle: tie.publicTitle ?? undefined,
      confidentiality: tie.confidentiality ?? undefined,
      sentAt: facts.sentAt ?? undefined,
      // The user tied this mail to this case; that it is also registered elsewhere does not stop it.
      alsoInOtherCase: true,
    },
    'all-but-inline',
  );
  await settleOutgoingTie(deps.db, tie.id, { status: 'registered', documentId: value.id }, deps.now());
  await markMailRegistered(deps, graph, path, { mailbox: tie.mailbox, itemId: facts.id, documentNumber: value.documentNumber });
}

/** When the sent copy never showed up: the tie says so, for the add-in and the officer to see. */
export async function giveUpSentMail(deps: Pick<MailDeps, 'db' | 'now'>, tieId: string): Promise<void> {
  await settleOutgoingTie(deps.db, tieId, { status: 'failed' }, deps.now());
}
