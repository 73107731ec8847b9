import { create } from 'zustand';
import type { CustomerSort, CustomerStatusName } from '../../../shared/contract/customers';

export type BalanceFilter = 'any' | 'credit' | 'owes' | 'zero';

/** The Customers table's view state: kept while the reseller opens a customer and comes back. */
export interface CustomerListView {
  search: string;
  status: CustomerStatusName | 'all';
  accountId: string | 'all';
  balance: BalanceFilter;
  expiringSoon: boolean;
  sort: CustomerSort;
  direction: 'asc' | 'desc';
  selected: ReadonlySet<string>;
}

interface Store extends CustomerListView {
  /**
   * Set when the selection is every customer matching the filters with this key ("select
   * all N that match"), so the bar can say so; any change to the selection by hand clears it.
   */
  matching: { key: string; count: number } | null;
  set(patch: Partial<CustomerListView>): void;
  /** Back to every customer: search and filters cleared (the sort is kept). */
  clearFilters(): void;
  toggleSort(sort: CustomerSort): void;
  toggleSelected(id: string): void;
  setSelected(ids: Iterable<string>): void;
  selectMatching(ids: readonly string[], key: string): void;
}

export const useCustomerList = create<Store>((set) => ({
  search: '',
  status: 'all',
  accountId: 'all',
  balance: 'any',
  expiringSoon: false,
  sort: 'name',
  direction: 'asc',
  selected: new Set(),
  matching: null,
  set: (patch) => set(patch),
  clearFilters: () => set({ search: '', status: 'all', accountId: 'all', balance: 'any', expiringSoon: false }),
  toggleSort: (sort) =>
    set((s) => (s.sort === sort ? { direction: s.direction === 'asc' ? 'desc' : 'asc' } : { sort, direction: sort === 'balance' || sort === 'created' ? 'desc' : 'asc' })),
  toggleSelected: (id) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected, matching: null };
    }),
  setSelected: (ids) => set({ selected: new Set(ids), matching: null }),
  selectMatching: (ids, key) => set({ selected: new Set(ids), matching: { key, count: ids.length } }),
}));
