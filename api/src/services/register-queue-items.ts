import { isAppError, t, type AppError, type BulkQueueRegistration, type BulkRegistrationOutcome } from '@diarium/core';
import type { Actor } from './context.ts';
import { getQueueItem } from './queues.ts';
import { planMailTarget } from './register-mail.ts';
import { registerQueueItem, type QueueMailDeps } from './register-queue-item.ts';

/** One message's outcome; a refusal is kept as the error, for the HTTP layer to word. */
export type BulkItemOutcome = Omit<BulkRegistrationOutcome, 'problem'> & { error: AppError | null };

export interface BulkRegistration {
  items: BulkItemOutcome[];
  case: { id: string; caseNumber: string } | null;
}

/**
 * Several messages of the queues into one case, each its own document titled by its subject,
 * with its attachments but not the images in its text. A new case is made with the first
 * message that registers; the rest go into it. The case is checked before anything is read, so
 * a wrong case refuses the whole request; after that each message stands alone: one whose mail
 * cannot be read, that someone else handled, or that is registered elsewhere stays waiting with
 * its reason, and the others are registered.
 */
export async function registerQueueItems(deps: QueueMailDeps, actor: Actor, input: BulkQueueRegistration): Promise<BulkRegistration> {
  await planMailTarget(deps, actor, input.target);
  let target = input.target;
  let madeCase: BulkRegistration['case'] = null;
  const items: BulkItemOutcome[] = [];
  for (const { id, version } of input.items) {
    try {
      const item = await getQueueItem(deps, actor, id);
      const { value } = await registerQueueItem(deps, actor, id, version, {
        target,
        // The register's words are Swedish, whoever registers.
        title: item.subject.trim() || t('sv', 'mail.noSubject'),
        direction: 'incoming',
        attachments: 'all-but-inline',
        alsoInOtherCase: false,
      });
      const { document } = value;
      if ('newCase' in target) target = { caseRef: document.caseId };
      madeCase ??= { id: document.caseId, caseNumber: document.caseNumber };
      items.push({
        itemId: id,
        status: value.alreadyRegistered ? 'alreadyRegistered' : 'registered',
        document: { id: document.id, documentNumber: document.documentNumber, caseId: document.caseId },
        error: null,
      });
    } catch (error) {
      // What the register refused is this message's outcome; anything else (the database gone) ends the request.
      if (!isAppError(error)) throw error;
      items.push({ itemId: id, status: 'failed', document: null, error });
    }
  }
  return { items, case: madeCase };
}
