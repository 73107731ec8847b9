import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustomerListItem } from '../../../../shared/contract/customers';
import { call, errorMessage } from '../../api/client';

export const PAGE_SIZE = 100;

/** The list query without paging (what the filters say). */
export interface CustomerQuery {
  search?: string;
  status?: 'active' | 'suspended' | 'archived';
  accountId?: string;
  balanceMin?: number;
  balanceMax?: number;
  expiringWithinDays?: number;
  sort: 'name' | 'email' | 'created' | 'balance';
  direction: 'asc' | 'desc';
}

interface PagesState {
  key: string;
  total: number | null;
  pages: Record<number, CustomerListItem[]>;
  error: string | null;
}

/**
 * Rows of the Customers table fetched a page of 100 at a time, only for the pages the
 * reseller scrolls to: 100,000 customers are never loaded at once. Changing the query
 * keeps the old rows on screen (marked stale) until the new first page arrives.
 */
export function useCustomerPages(query: CustomerQuery) {
  const [nonce, setNonce] = useState(0);
  const key = `${JSON.stringify(query)}#${nonce}`;
  const [state, setState] = useState<PagesState>({ key: '', total: null, pages: {}, error: null });
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
      call('customers:list', { ...queryRef.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (result) =>
          setState((s) => {
            const pages = s.key === key ? { ...s.pages, [page]: result.items } : { [page]: result.items };
            return { key, total: result.total, pages, error: null };
          }),
        (error: unknown) => {
          requested.current.delete(id); // a later scroll may retry it
          setState((s) => ({ ...s, key: s.key === key ? key : s.key, error: errorMessage(error) }));
        },
      );
    },
    [key],
  );

  useEffect(() => {
    requested.current.clear();
    loadPage(0);
  }, [loadPage]);

  const current = state.key === key;
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return {
    /** Total rows for the current query (the previous query's total while it loads). */
    total: state.total,
    stale: !current,
    error: state.error,
    rowAt(index: number): CustomerListItem | undefined {
      return state.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
    },
    /** Asks for the pages covering rows first..last (inclusive). */
    ensureRange(first: number, last: number) {
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
        if (!current || !state.pages[p]) loadPage(p);
      }
    },
    loadedRows(): CustomerListItem[] {
      return Object.values(state.pages).flat();
    },
    reload,
  };
}
