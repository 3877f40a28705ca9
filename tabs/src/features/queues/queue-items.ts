import { canActOnQueueItem, type QueueItem, type QueueItemAction, type QueueItemStatus } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';

export type ActionName = QueueItemAction['action'];
export type AssigneeFilter = 'all' | 'me' | 'none';

/** One page of the list; the API allows up to 200, a page a person can scan is smaller. */
export const PAGE_SIZE = 50;

/** The actions offered, in the order the buttons stand; "Öppna" and "Diarieför" stand before them, having dialogs of their own. */
export const ACTIONS: readonly ActionName[] = ['take', 'assign', 'forward', 'setAside', 'restore'];

export const actionsFor = (status: QueueItemStatus): ActionName[] => ACTIONS.filter((action) => canActOnQueueItem(status, action));

/** What a chosen queue shows: its filters and page. */
export interface QueueItemsView {
  assignee: AssigneeFilter;
  status: QueueItemStatus;
  /** Words in the subject or the sender's name or address; '' for all. */
  q: string;
  offset: number;
}

export function useQueueItems(queueId: string, view: QueueItemsView) {
  const { client } = useServices();
  return useAsync(
    () =>
      client.getQueueItems(queueId, {
        status: view.status,
        ...(view.assignee === 'all' ? {} : { assignee: view.assignee }),
        ...(view.q ? { q: view.q } : {}),
        limit: PAGE_SIZE,
        offset: view.offset,
      }),
    [client, queueId, view.assignee, view.status, view.q, view.offset],
  );
}

/** How near a waiting item is to its deadline: "Snart försenad" from when the API warns its queue. */
export function deadlineState(item: QueueItem, now: Date): 'overdue' | 'dueSoon' | null {
  if (item.status !== 'waiting') return null;
  if (now.getTime() >= Date.parse(item.deadlineAt)) return 'overdue';
  return now.getTime() >= Date.parse(item.warnAt) ? 'dueSoon' : null;
}

/** Nearest deadline first, as the API sends them; sorted again so a page never shows otherwise. */
export const nearestDeadlineFirst = (a: QueueItem, b: QueueItem) => Date.parse(a.deadlineAt) - Date.parse(b.deadlineAt);
