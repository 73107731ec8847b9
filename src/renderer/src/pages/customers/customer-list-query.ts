import type { CustomerListView, BalanceFilter } from '../../state/customer-list-store';

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

function balanceRange(filter: BalanceFilter): Pick<CustomerQuery, 'balanceMin' | 'balanceMax'> {
  if (filter === 'credit') return { balanceMin: 1 };
  if (filter === 'owes') return { balanceMax: -1 };
  if (filter === 'zero') return { balanceMin: 0, balanceMax: 0 };
  return {};
}

/**
 * The `customers:list` query the table's view asks for (without paging). `search` is the
 * debounced, trimmed search text. One function for the table and the start-up prefetch,
 * so the prefetched first page is exactly the one the table would ask for.
 */
export function customerListQuery(view: Omit<CustomerListView, 'search' | 'selected'>, search: string): CustomerQuery {
  return {
    ...(search ? { search } : {}),
    ...(view.status !== 'all' ? { status: view.status } : {}),
    ...(view.accountId !== 'all' ? { accountId: view.accountId } : {}),
    ...balanceRange(view.balance),
    ...(view.expiringSoon ? { expiringWithinDays: 7 } : {}),
    sort: view.sort,
    direction: view.direction,
  };
}
