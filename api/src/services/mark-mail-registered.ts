import type { Client } from '@microsoft/microsoft-graph-client';
import { t } from '@diarium/core';
import { addCategory, ensureMasterCategory, mailboxPath } from '../graph/mail.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { Deps } from './context.ts';

/** Outlook's green: a registered mail stands out in the list as done. */
export const CATEGORY_COLOR = 'preset4';

/** The job that sets the category later, with Diarium's own (app-only) Graph access. */
export const MARK_MAIL_JOB = 'mail.category';

/** What the mark needs: the mail (by the mailbox app-only Graph reaches it through) and its document number. */
export interface MailToMark {
  /** A shared mailbox's address, or the user's Entra object id for their own mailbox. */
  mailbox: string;
  itemId: string;
  documentNumber: string;
}

/** The category a registered mail carries, in the register's language: `Diarieförd KS 2026/0042-3`. */
export function registeredCategory(documentNumber: string): string {
  return t('sv', 'mail.category', { documentNumber });
}

/** Puts the category on the mail, creating it in the mailbox's master list first when missing. */
export async function setRegisteredCategory(graph: Client, path: string, itemId: string, documentNumber: string): Promise<void> {
  const category = registeredCategory(documentNumber);
  await ensureMasterCategory(graph, path, category, CATEGORY_COLOR);
  await addCategory(graph, path, itemId, category);
}

/**
 * Marks a registered mail in Outlook now if Graph lets us, else queues the mark for the
 * background. Never throws for Graph: the registration stands whatever Outlook says.
 */
export async function markMailRegistered(
  deps: Pick<Deps, 'db' | 'now'>,
  graph: Client,
  path: string,
  mail: MailToMark,
): Promise<boolean> {
  try {
    await setRegisteredCategory(graph, path, mail.itemId, mail.documentNumber);
    return true;
  } catch {
    const now = deps.now();
    await enqueueJob(
      deps.db,
      {
        kind: MARK_MAIL_JOB,
        key: `${mail.mailbox}:${mail.itemId}:${mail.documentNumber}`,
        payload: { ...mail },
        runAt: new Date(now.getTime() + 30_000),
      },
      now,
    );
    return false;
  }
}

/** The background retry of markMailRegistered, as Diarium itself. */
export async function markMailRegisteredAsApp(graph: Client, mail: MailToMark): Promise<void> {
  await setRegisteredCategory(graph, mailboxPath(mail.mailbox), mail.itemId, mail.documentNumber);
}
