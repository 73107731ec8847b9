import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import type { CustomerListItem } from '../../../../shared/contract/customers';
import { call, errorMessage } from '../../api/client';
import { PAGE_SIZE, type CustomerQuery } from './customer-list-query';
import { takePrefetchedFirstPage } from './first-page-prefetch';

interface PagesState {
  key: string;
  total: number | null;
  /** The total is a lower bound (the service stops counting a search or filter at its cap). */
  capped: boolean;
  pages: Record<number, CustomerListItem[]>;
  /** Per loaded page, the keyset cursor of the page after it (null: it was the last page). */
  cursors: Record<number, string | null>;
  error: string | null;
}

type CustomerListResult = Output<'customers:list'>;

const EMPTY: PagesState = { key: '', total: null, capped: false, pages: {}, cursors: {}, error: null };

/** The state with one more page of the query `key` (the first page of a new query replaces the old rows). */
function withPage(s: PagesState, key: string, page: number, result: CustomerListResult): PagesState {
  const same = s.key === key;
  const pages = same ? { ...s.pages, [page]: result.items } : { [page]: result.items };
  const cursors = same ? { ...s.cursors, [page]: result.nextCursor } : { [page]: result.nextCursor };
  return { key, total: result.total, capped: result.totalIsCapped, pages, cursors, error: null };
}

/**
 * How many rows the table has: the total, or when the count was capped, every row loaded
 * so far plus one more page of placeholders while the last loaded page says there are
 * more (scrolling onto them loads that page, which grows the table again).
 */
function rowCountOf(s: PagesState): number {
  const total = s.total ?? 0;
  if (!s.capped) return total;
  let last = -1;
  for (const p of Object.keys(s.pages)) last = Math.max(last, Number(p));
  if (last < 0) return total;
  const extent = last * PAGE_SIZE + (s.pages[last]?.length ?? 0);
  return Math.max(total, s.cursors[last] ? extent + PAGE_SIZE : extent);
}

/**
 * Rows of the Customers table fetched a page of 100 at a time, only for the pages the
 * reseller scrolls to: 100,000 customers are never loaded at once. Changing the query
 * keeps the old rows on screen (marked stale) until the new first page arrives.
 * Scrolling on from a loaded page asks for the next one by its keyset cursor (as cheap as
 * the first page at any depth); a jump to a page whose predecessor is not loaded (dragging
 * the scrollbar) asks by offset.
 */
export function useCustomerPages(query: CustomerQuery) {
  const [nonce, setNonce] = useState(0);
  const key = `${JSON.stringify(query)}#${nonce}`;
  // The start-up prefetch (public/boot.js) may hold the first page already or have it on
  // its way: when it is here, the table's very first frame has rows.
  const [prefetched] = useState(() => {
    const taken = takePrefetchedFirstPage(query);
    return taken && { key, ...taken };
  });
  const [state, setState] = useState<PagesState>(() =>
    prefetched && 'value' in prefetched ? withPage(EMPTY, key, 0, prefetched.value) : EMPTY,
  );
  const prefetchUsed = useRef(false);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  const requested = useRef(new Set<string>());
  const queryRef = useRef(query);
  useEffect(() => {
    queryRef.current = query;
  });

  const loadPage = useCallback(
    (page: number) => {
      const id = `${key}:${page}`;
      if (requested.current.has(id)) return;
      requested.current.add(id);
      const known = stateRef.current.key === key ? stateRef.current.cursors[page - 1] : undefined;
      const at = known ? { cursor: known } : { offset: page * PAGE_SIZE };
      // Used once: a retry after an error asks main again.
      const onTheWay = page === 0 && !prefetchUsed.current && prefetched?.key === key && 'promise' in prefetched ? prefetched.promise : undefined;
      if (onTheWay) prefetchUsed.current = true;
      (onTheWay ?? call('customers:list', { ...queryRef.current, ...at, limit: PAGE_SIZE })).then(
        (result) => setState((s) => withPage(s, key, page, result)),
        (error: unknown) => {
          requested.current.delete(id); // a later scroll may retry it
          setState((s) => ({ ...s, key: s.key === key ? key : s.key, error: errorMessage(error) }));
        },
      );
    },
    [key, prefetched],
  );

  useEffect(() => {
    requested.current.clear();
    // The prefetched first page is already in state for the query it was asked with.
    if (stateRef.current.key === key && stateRef.current.pages[0]) return;
    loadPage(0);
  }, [key, loadPage]);

  const current = state.key === key;
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return {
    /** Total rows for the current query (the previous query's total while it loads); a lower bound when `capped`. */
    total: state.total,
    capped: state.capped,
    /** Rows the table shows (grows as pages arrive when the total is capped). */
    rowCount: rowCountOf(state),
    stale: !current,
    error: state.error,
    rowAt(index: number): CustomerListItem | undefined {
      return state.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
    },
    /**
     * Asks for the pages covering rows first..last (inclusive). A page whose predecessor
     * is on its way waits for it (this runs again when it lands) to be asked by cursor.
     */
    ensureRange(first: number, last: number) {
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
        const loaded = (n: number) => current && state.pages[n] !== undefined;
        if (loaded(p)) continue;
        if (p > 0 && !loaded(p - 1) && requested.current.has(`${key}:${p - 1}`)) continue;
        loadPage(p);
      }
    },
    loadedRows(): CustomerListItem[] {
      return Object.values(state.pages).flat();
    },
    reload,
  };
}
