import { useCallback, useMemo } from 'react';
import { ApiProblem, type BulkQueueRegistrationResult, type BulkRegistrationOutcome, type QueueItem, type QueueItemAction, type QueueItemRegistration } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { problemText } from '../../app/problem.ts';
import type { Translate } from '../../messages.ts';

/**
 * How an action ended, for the control that started it: done, or the list was read again because
 * the items had changed under the user (412, 409), or a failure to show where the user's choices are.
 */
export type Outcome = { status: 'done' } | { status: 'reloaded' } | { status: 'failed'; message: string };
export type Perform = (action: QueueItemAction) => Promise<Outcome>;

/** The items an action is for: one (sent with its version) or those selected (all or none). */
export interface Target {
  items: QueueItem[];
  bulk: boolean;
}

export interface QueueActionsOptions {
  /** A queue's name by its id, to say where a message was sent. */
  queueName: (id: string) => string;
  /** Reads the list and the counts again; `acted` are the items the action was for, for the focus. */
  reload: (acted: QueueItem[], outcome: 'done' | 'reloaded') => void;
  announce: (text: string) => void;
  setAlert: (text: string | null) => void;
}

/** The subject as the list shows it. */
export const subjectOf = (item: QueueItem, t: Translate) => item.subject.trim() || t('queues.item.noSubject');

/** Words what was done, for the live region. */
function doneText(action: QueueItemAction, target: Target, result: QueueItem[], queueName: (id: string) => string, t: Translate): string {
  const one = target.items.length === 1 && !target.bulk;
  const subject = subjectOf(target.items[0]!, t);
  const count = target.items.length;
  switch (action.action) {
    case 'take':
      return one ? t('queues.done.take.one', { subject }) : t('queues.done.take.many', { count });
    case 'assign': {
      const name = result[0]?.assignee?.name ?? '';
      return one ? t('queues.done.assign.one', { subject, name }) : t('queues.done.assign.many', { count, name });
    }
    case 'forward': {
      const queue = queueName(action.queueId);
      return one ? t('queues.done.forward.one', { subject, queue }) : t('queues.done.forward.many', { count, queue });
    }
    case 'setAside': {
      const reason = t(`queues.reason.${action.reason}`);
      return one ? t('queues.done.setAside.one', { subject, reason }) : t('queues.done.setAside.many', { count, reason });
    }
    case 'restore':
      return one ? t('queues.done.restore.one', { subject }) : t('queues.done.restore.many', { count });
  }
}

/**
 * Makes the `perform` for a target: sends the action, then reloads and says what was done. A 412
 * (someone changed the message) and a 409 (it is already handled) reload and explain; any other
 * problem is handed back in the API's words, so the dialog keeps what the user chose.
 */
export function useQueueActions({ queueName, reload, announce, setAlert }: QueueActionsOptions) {
  const { client, t } = useServices();
  return useCallback(
    (target: Target): Perform =>
      async (action) => {
        setAlert(null);
        try {
          const [first] = target.items;
          const result =
            target.bulk || !first
              ? await client.actOnQueueItems(
                  target.items.map((item) => item.id),
                  action,
                )
              : [await client.actOnQueueItem(first.id, first.version, action)];
          announce(doneText(action, target, result, queueName, t));
          reload(target.items, 'done');
          return { status: 'done' };
        } catch (error) {
          if (error instanceof ApiProblem && (error.status === 412 || error.status === 409)) {
            setAlert(error.status === 412 ? t('queues.problem.changed') : target.bulk ? t('queues.problem.handledMany') : t('queues.problem.handled'));
            reload(target.items, 'reloaded');
            return { status: 'reloaded' };
          }
          return { status: 'failed', message: problemText(error, t) };
        }
      },
    [client, t, queueName, reload, announce, setAlert],
  );
}

/** What the list does once a registration dialog is done with: it cannot go through `perform`, having its own form. */
export interface RegistrationEvents {
  /** Registered, or it already was: say as what, and read the list and the counts again. */
  registered: (item: QueueItem, result: QueueItemRegistration) => void;
  /** Someone changed the item meanwhile (412): read the list again, leaving the focus in the dialog. */
  changed: () => void;
  /** Someone handled the item meanwhile (409): the dialog closes; say so by the list. */
  handled: (item: QueueItem) => void;
}

export interface RegistrationEventsOptions extends Omit<QueueActionsOptions, 'queueName'> {
  /** Reads the list and the counts again without moving the focus. */
  refresh: () => void;
}

export function useRegistrationEvents({ reload, refresh, announce, setAlert }: RegistrationEventsOptions): RegistrationEvents {
  const { t } = useServices();
  return useMemo(
    () => ({
      registered: (item, { document, alreadyRegistered }) => {
        setAlert(null);
        const values = { documentNumber: document.documentNumber, subject: subjectOf(item, t) };
        announce(alreadyRegistered ? t('queues.done.register.already', values) : t('queues.done.register', values));
        reload([item], 'done');
      },
      changed: () => {
        // Said by the list too, for when the message has left it and the dialog with it.
        setAlert(t('queues.problem.changed'));
        refresh();
      },
      handled: (item) => {
        setAlert(t('queues.problem.handled'));
        reload([item], 'reloaded');
      },
    }),
    [t, reload, refresh, announce, setAlert],
  );
}

/** Why one message of several was not registered, in the API's words. */
const reasonOf = (problem: BulkRegistrationOutcome['problem']) => [problem?.title, problem?.detail].filter(Boolean).join(' ');

/**
 * What the list does once several messages were registered into one case: says how many went
 * where, names each that did not and why (they stay waiting and selected), and reads the list again.
 */
export function useBulkRegistered({ reload, announce, setAlert }: Omit<QueueActionsOptions, 'queueName'>) {
  const { t } = useServices();
  return useCallback(
    (items: QueueItem[], result: BulkQueueRegistrationResult) => {
      const outcomes = new Map(result.items.map((outcome) => [outcome.itemId, outcome]));
      const registered = items.filter((item) => outcomes.has(item.id) && outcomes.get(item.id)!.status !== 'failed');
      const failed = items.filter((item) => outcomes.get(item.id)?.status === 'failed');
      const [only] = registered;
      const document = only && outcomes.get(only.id)!.document;
      if (registered.length === 1 && document) announce(t('queues.done.register', { documentNumber: document.documentNumber, subject: subjectOf(only, t) }));
      else if (registered.length > 1 && result.case) announce(t('queues.done.register.many', { count: registered.length, caseNumber: result.case.caseNumber }));
      const list = failed.map((item) => t('queues.bulk.register.failedItem', { subject: subjectOf(item, t), reason: reasonOf(outcomes.get(item.id)!.problem) }));
      setAlert(failed.length > 0 ? t('queues.bulk.register.failed', { count: failed.length, list: list.join(' ') }) : null);
      if (registered.length > 0) reload(registered, 'done');
      else reload(failed, 'reloaded');
    },
    [t, reload, announce, setAlert],
  );
}
