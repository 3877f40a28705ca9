import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Field, Radio, RadioGroup, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { QueueItemStatusSchema, type QueueItem, type QueueSummary } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { problemText } from '../../app/problem.ts';
import { ItemActions } from './ItemActions.tsx';
import { QueueItemRow } from './QueueItemRow.tsx';
import { QueueProblem } from './QueueProblem.tsx';
import { PAGE_SIZE, actionsFor, nearestDeadlineFirst, useQueueItems, type AssigneeFilter, type QueueItemsView } from './queue-items.ts';
import { useBulkRegistered, useQueueActions, useRegistrationEvents, type Target } from './use-queue-actions.ts';
import { RegisterSelected } from './ItemDialogs.tsx';

const ASSIGNEE_FILTERS: readonly AssigneeFilter[] = ['all', 'me', 'none'];
const SEARCH_PAUSE_MS = 300;

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  filters: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXXL, rowGap: tokens.spacingVerticalS },
  bulk: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  paging: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

export interface QueueItemsProps {
  queue: QueueSummary;
  /** All the reader's queues, to forward to. */
  queues: QueueSummary[];
  now: Date;
  /** After an action: the counts of the queues have changed. */
  onChanged: () => void;
  /** Counts the times the queues were read again on their own: the messages are read again too. */
  refreshed?: number;
}

/** A chosen queue: its filters, its messages with the nearest deadline first, and what to do with one or many. */
export function QueueItems({ queue, queues, now, onChanged, refreshed = 0 }: QueueItemsProps) {
  const styles = useStyles();
  const { t } = useServices();
  const [view, setView] = useState<QueueItemsView>({ assignee: 'all', status: 'waiting', q: '', offset: 0 });
  const [words, setWords] = useState('');
  const [page, reload] = useQueueItems(queue.id, view);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const [alert, setAlert] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // Where the focus goes once the list is read again after an action: the same place in the list.
  const focusAt = useRef<number | null>(null);

  const items = page.status === 'done' ? [...page.value.items].sort(nearestDeadlineFirst) : [];
  const chosen = items.filter((item) => selected.has(item.id));
  const otherQueues = queues.filter((q) => q.id !== queue.id);
  const bulkActions = actionsFor(view.status);

  const announce = useCallback((text: string) => setAnnouncement((a) => ({ text, n: a.n + 1 })), []);
  const queueName = useCallback((id: string) => queues.find((q) => q.id === id)?.name ?? '', [queues]);
  const afterAction = useCallback(
    (acted: QueueItem[], outcome: 'done' | 'reloaded') => {
      const index = items.findIndex((item) => acted.some((a) => a.id === item.id));
      focusAt.current = Math.max(index, 0);
      if (outcome === 'done') setSelected((s) => new Set([...s].filter((id) => !acted.some((a) => a.id === id))));
      reload();
      onChanged();
    },
    [items, reload, onChanged],
  );
  const performFor = useQueueActions({ queueName, reload: afterAction, announce, setAlert });
  const refresh = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  const registration = useRegistrationEvents({ reload: afterAction, refresh, announce, setAlert });
  const bulkRegistered = useBulkRegistered({ reload: afterAction, announce, setAlert });
  const firstRefresh = useRef(refreshed);
  useEffect(() => {
    if (refreshed !== firstRefresh.current) reload();
  }, [refreshed, reload]);

  useEffect(() => {
    if (page.status !== 'done') return;
    // What is no longer in the list cannot stay chosen.
    const present = new Set(page.value.items.map((item) => item.id));
    setSelected((s) => ([...s].every((id) => present.has(id)) ? s : new Set([...s].filter((id) => present.has(id)))));
    if (focusAt.current === null) return;
    const subjects = list.current?.querySelectorAll<HTMLElement>('h4') ?? [];
    const target = subjects[Math.min(focusAt.current, subjects.length - 1)] ?? heading.current;
    focusAt.current = null;
    target?.focus();
  }, [page]);

  // The list is read again once the typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => {
      const q = words.trim().replace(/\s+/gu, ' ');
      if (q !== view.q) change({ q });
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [words]);

  function change(next: Partial<QueueItemsView>) {
    setView((v) => ({ ...v, offset: 0, ...next }));
    setSelected(new Set());
    setAlert(null);
  }

  function select(id: string, on: boolean) {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const bulkTarget: Target = { items: chosen, bulk: true };
  const allChosen = items.length > 0 && chosen.length === items.length;
  const total = page.status === 'done' ? page.value.total : 0;

  return (
    <div className={styles.view}>
      <h3 ref={heading} tabIndex={-1} className={styles.heading}>
        {queue.name}
      </h3>
      <div className={styles.filters}>
        <Field label={t('queues.filter.search')} hint={t('queues.filter.searchHint')}>
          <SearchBox value={words} onChange={(_, data) => setWords(data.value)} />
        </Field>
        <Field label={t('queues.filter.assignee')}>
          <RadioGroup layout="horizontal" value={view.assignee} onChange={(_, data) => change({ assignee: ASSIGNEE_FILTERS.find((f) => f === data.value) ?? 'all' })}>
            {ASSIGNEE_FILTERS.map((filter) => (
              <Radio key={filter} value={filter} label={t(`queues.filter.assignee.${filter}`)} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={t('queues.filter.status')}>
          <RadioGroup layout="horizontal" value={view.status} onChange={(_, data) => change({ status: QueueItemStatusSchema.parse(data.value) })}>
            {QueueItemStatusSchema.options.map((status) => (
              <Radio key={status} value={status} label={t(`queues.filter.status.${status}`)} />
            ))}
          </RadioGroup>
        </Field>
      </div>

      <div role="status">
        <span key={announcement.n}>{announcement.text}</span>
      </div>
      {alert && <QueueProblem intent="warning" text={alert} />}

      {page.status === 'loading' ? (
        <Spinner size="small" labelPosition="after" label={t('queues.items.loading')} />
      ) : page.status === 'failed' ? (
        <QueueProblem text={problemText(page.error, t)} onRetry={reload} />
      ) : items.length === 0 ? (
        <Text>{view.q ? t('queues.items.noMatch', { q: view.q }) : t('queues.items.empty')}</Text>
      ) : (
        <>
          {bulkActions.length > 0 && (
            <div className={styles.bulk}>
              <Checkbox
                label={t('queues.bulk.selectAll')}
                checked={allChosen ? true : chosen.length > 0 ? 'mixed' : false}
                onChange={() => setSelected(allChosen ? new Set() : new Set(items.map((item) => item.id)))}
              />
              <Text>{chosen.length > 0 ? t('queues.bulk.selected', { count: chosen.length }) : t('queues.bulk.none')}</Text>
              <ItemActions
                label={t('queues.bulk.label')}
                what={t('queues.action.many', { count: chosen.length })}
                actions={bulkActions}
                perform={performFor(bulkTarget)}
                otherQueues={otherQueues}
                onFailed={setAlert}
                disabled={chosen.length === 0}
              >
                {view.status === 'waiting' && <RegisterSelected items={chosen} onDone={bulkRegistered} />}
              </ItemActions>
            </div>
          )}
          <ul ref={list} className={styles.list} aria-label={t('queues.items.label', { queue: queue.name })}>
            {items.map((item) => (
              <QueueItemRow
                key={item.id}
                item={item}
                now={now}
                selected={selected.has(item.id)}
                onSelect={(on) => select(item.id, on)}
                perform={performFor({ items: [item], bulk: false })}
                otherQueues={otherQueues}
                onFailed={setAlert}
                registration={registration}
              />
            ))}
          </ul>
          {total > PAGE_SIZE && (
            <div className={styles.paging}>
              <Text>{t('queues.items.shown', { from: view.offset + 1, to: view.offset + items.length, total })}</Text>
              <Button disabled={view.offset === 0} onClick={() => change({ offset: Math.max(view.offset - PAGE_SIZE, 0) })}>
                {t('queues.items.previous')}
              </Button>
              <Button disabled={view.offset + PAGE_SIZE >= total} onClick={() => change({ offset: view.offset + PAGE_SIZE })}>
                {t('queues.items.next')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
