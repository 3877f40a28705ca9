import type { Direction, Document } from '@diarium/core';

export type SortKey = 'number' | 'date' | 'direction' | 'title' | 'counterparty';
export interface DocumentSort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

export interface DocumentFilter {
  text: string;
  direction: Direction | 'all';
}

/** The title the reader may see: a restricted document shows only its public title. */
export const visibleTitle = (d: Document) => (d.access === 'full' ? d.title : d.publicTitle);
export const counterpartyOf = (d: Document) => (d.access === 'full' ? (d.counterparty?.name ?? '') : '');
export const isConfidential = (d: Document) => d.access === 'restricted' || d.confidentiality !== null;

/** The documents that match the text (title, counterparty or number) and the direction. */
export function filterDocuments(documents: readonly Document[], filter: DocumentFilter): Document[] {
  const text = filter.text.trim().toLocaleLowerCase('sv');
  return documents.filter(
    (d) =>
      (filter.direction === 'all' || d.direction === filter.direction) &&
      (!text ||
        visibleTitle(d).toLocaleLowerCase('sv').includes(text) ||
        counterpartyOf(d).toLocaleLowerCase('sv').includes(text) ||
        d.documentNumber.toLocaleLowerCase('sv').includes(text) ||
        String(d.number) === text),
  );
}

/** Sorted in the reader's language; ties keep the order of the documents' numbers. */
export function sortDocuments(
  documents: readonly Document[],
  sort: DocumentSort,
  directionLabel: (direction: Direction) => string,
  locale: string,
): Document[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const value: Record<SortKey, (d: Document) => string | number> = {
    number: (d) => d.number,
    date: (d) => d.documentDate,
    direction: (d) => directionLabel(d.direction),
    title: visibleTitle,
    counterparty: counterpartyOf,
  };
  const of = value[sort.key];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: Document, b: Document) => {
    const x = of(a);
    const y = of(b);
    const primary = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return primary !== 0 ? sign * primary : a.number - b.number;
  };
  return [...documents].sort(compare);
}

/** A click on the sorted column turns the order; a click on another sorts by it, ascending. */
export function nextSort(current: DocumentSort, key: SortKey): DocumentSort {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
