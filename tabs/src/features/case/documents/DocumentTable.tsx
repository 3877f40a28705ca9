import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Badge, Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSortDown16Regular, ArrowSortUp16Regular, LockClosed16Regular } from '@fluentui/react-icons';
import { measureElement, observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { Document } from '@diarium/core';
import { useServices } from '../../../app/services.tsx';
import { formatDate } from '../../../app/format.ts';
import { useVisuallyHidden } from '../../../app/visually-hidden.ts';
import { counterpartyOf, isConfidential, visibleTitle, type DocumentSort, type SortKey } from './document-list.ts';

const ROW_ESTIMATE = 44;
// What the list assumes before the browser has measured it (and what a test's DOM, which
// measures nothing, keeps): a window of about fifteen rows.
const INITIAL_RECT = { width: 960, height: 640 };

const useStyles = makeStyles({
  table: {
    height: '60vh',
    minHeight: '16rem',
    overflow: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: '4rem 7.5rem 7.5rem minmax(12rem, 3fr) minmax(8rem, 2fr) 7rem',
    minWidth: '46rem',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    boxSizing: 'border-box',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  body: { position: 'relative', minWidth: '46rem' },
  bodyRow: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    minHeight: `${ROW_ESTIMATE}px`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `-${tokens.strokeWidthThick}`,
    },
  },
  cell: { overflowWrap: 'anywhere', minWidth: 0 },
  titleButton: { justifyContent: 'flex-start', textAlign: 'start', minWidth: 0, height: 'auto', fontWeight: tokens.fontWeightRegular },
  sortButton: { justifyContent: 'flex-start', minWidth: 0, padding: 0, fontWeight: tokens.fontWeightSemibold },
});

export interface DocumentTableProps {
  /** The documents to list, already filtered and sorted. */
  rows: Document[];
  sort: DocumentSort;
  onSort: (key: SortKey) => void;
  onOpen: (document: Document) => void;
}

const SORTABLE: Array<{ key: SortKey; label: 'number' | 'date' | 'direction' | 'title' | 'counterparty' }> = [
  { key: 'number', label: 'number' },
  { key: 'date', label: 'date' },
  { key: 'direction', label: 'direction' },
  { key: 'title', label: 'title' },
  { key: 'counterparty', label: 'counterparty' },
];

/**
 * The documents as a table that renders only the rows in view, so a case with thousands of
 * documents stays quick. ARIA table roles with row counts and indexes tell a screen reader
 * where it is; one row at a time is in the tab order, the arrow keys move between rows.
 */
export function DocumentTable({ rows, sort, onSort, onOpen }: DocumentTableProps) {
  const styles = useStyles();
  const hidden = useVisuallyHidden();
  const { t, locale } = useServices();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const [headerHeight, setHeaderHeight] = useState(0);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);

  useLayoutEffect(() => setHeaderHeight(headerRef.current?.offsetHeight ?? 0), []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 8,
    initialRect: INITIAL_RECT,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    observeElementRect: keepLastSize,
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || ROW_ESTIMATE,
    useFlushSync: false,
  });

  const current = Math.min(active, Math.max(rows.length - 1, 0));
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"]`);
    if (row) {
      row.focus();
      pendingFocus.current = null;
    }
  });

  function moveTo(index: number) {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActive(target);
    pendingFocus.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  }

  function onRowKeyDown(event: KeyboardEvent<HTMLDivElement>, index: number, document: Document) {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + 10, PageUp: index - 10, Home: 0, End: rows.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(document);
    }
  }

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label={t('case.documents.table', { count: rows.length })}
      aria-rowcount={rows.length + 1}
      className={styles.table}
    >
      <div role="rowgroup" ref={headerRef} className={styles.header}>
        <div role="row" aria-rowindex={1} className={styles.row}>
          {SORTABLE.map(({ key, label }) => {
            const column = t(`case.documents.col.${label}`);
            const sorted = sort.key === key;
            return (
              <div key={key} role="columnheader" aria-sort={sorted ? sort.direction : undefined} className={styles.cell}>
                <Button
                  appearance="transparent"
                  size="small"
                  className={styles.sortButton}
                  icon={sorted ? sort.direction === 'ascending' ? <ArrowSortUp16Regular /> : <ArrowSortDown16Regular /> : undefined}
                  iconPosition="after"
                  onClick={() => onSort(key)}
                  title={t('case.documents.sortBy', { column })}
                >
                  {column}
                </Button>
              </div>
            );
          })}
          <div role="columnheader" className={styles.cell}>
            {t('case.documents.col.confidential')}
          </div>
        </div>
      </div>
      <div role="rowgroup" className={styles.body} style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const document = rows[item.index]!;
          const title = visibleTitle(document);
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              data-index={item.index}
              ref={virtualizer.measureElement}
              tabIndex={item.index === current ? 0 : -1}
              onFocus={() => setActive(item.index)}
              onKeyDown={(event) => onRowKeyDown(event, item.index, document)}
              className={mergeClasses(styles.row, styles.bodyRow)}
              style={{ transform: `translateY(${item.start - headerHeight}px)` }}
            >
              <div role="cell" className={styles.cell}>
                <span aria-hidden="true">{document.number}</span>
                <span className={hidden.root}>{document.documentNumber}</span>
              </div>
              <div role="cell" className={styles.cell}>
                <time dateTime={document.documentDate}>{formatDate(locale, document.documentDate)}</time>
              </div>
              <div role="cell" className={styles.cell}>
                {t(`direction.${document.direction}`)}
              </div>
              <div role="cell" className={styles.cell}>
                <Button
                  appearance="transparent"
                  className={styles.titleButton}
                  tabIndex={-1}
                  onClick={() => onOpen(document)}
                >
                  {title}
                </Button>
              </div>
              <div role="cell" className={styles.cell}>
                {counterpartyOf(document)}
              </div>
              <div role="cell" className={styles.cell}>
                {isConfidential(document) && (
                  <Badge appearance="tint" color="warning" icon={<LockClosed16Regular />}>
                    {t('confidential.badge')}
                  </Badge>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** A hidden tab panel, and a test's DOM, measure 0 × 0: keep the last real size rather than show no rows. */
function keepLastSize(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => {
    if (rect.height > 0) cb(rect);
  });
}
