import { useCallback, useRef, useState } from 'react';
import type { CaseSearchQuery, CaseSummary } from '@diarium/core';
import { useServices } from '../../app/services.tsx';

export type CaseQuery = Partial<Omit<CaseSearchQuery, 'cursor'>>;

export interface CasePages {
  /** The query of the list on screen, or null before the first search. */
  query: CaseQuery | null;
  items: CaseSummary[];
  nextCursor: string | null;
  /** What is being fetched: the first page or the next one. */
  loading: 'first' | 'more' | null;
  /** The last failure, and what failed; cleared by the next try. */
  failure: { error: unknown; on: 'first' | 'more' } | null;
}

const initial: CasePages = { query: null, items: [], nextCursor: null, loading: null, failure: null };

/**
 * A list of cases from GET /cases, page by page ("Visa fler" follows the API's cursor). A late
 * answer for an older search is dropped, so a quick second search wins.
 */
export function useCasePages() {
  const { client } = useServices();
  const [pages, setPages] = useState<CasePages>(initial);
  const generation = useRef(0);

  const fetchPage = useCallback(
    (query: CaseQuery, cursor: string | null) => {
      const on = cursor === null ? 'first' : 'more';
      const mine = ++generation.current;
      setPages((p) => (on === 'first' ? { ...initial, query, loading: on } : { ...p, loading: on, failure: null }));
      client.searchCases({ ...query, ...(cursor ? { cursor } : {}) }).then(
        (result) => {
          if (mine !== generation.current) return;
          setPages((p) => ({
            ...p,
            items: on === 'first' ? result.items : [...p.items, ...result.items],
            nextCursor: result.nextCursor,
            loading: null,
            failure: null,
          }));
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          setPages((p) => ({ ...p, loading: null, failure: { error, on } }));
        },
      );
    },
    [client],
  );

  const search = useCallback((query: CaseQuery) => fetchPage(query, null), [fetchPage]);
  const { query, nextCursor, failure } = pages;
  const more = () => {
    if (query && nextCursor) fetchPage(query, nextCursor);
  };
  /** Tries again what failed last: the first page or the next one. */
  const retry = () => {
    if (query) fetchPage(query, failure?.on === 'more' ? nextCursor : null);
  };

  return { pages, search, more, retry };
}
