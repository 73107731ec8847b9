import { gbFromMb, money, rate } from './json';
import { iso, type PackageRow, type TransactionRow, type UserRow } from './rows';

/** Row → JSON shapes of the API (money as exact two-decimal numbers). */

export function userView(u: UserRow, packageCount: number) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    balance: money(u.balance_cents),
    package_count: packageCount,
    created_at: iso(u.created_at),
  };
}

export function packageView(p: PackageRow) {
  return {
    id: p.id,
    user_id: p.user_id,
    proxy_type: p.proxy_type,
    total_gb: gbFromMb(p.total_mb),
    used_gb: gbFromMb(p.used_mb),
    remaining_gb: gbFromMb(Math.max(0, p.total_mb - p.used_mb)),
    status: p.status,
    evomi_username: p.evomi_username,
    evomi_password: p.evomi_password,
    price_per_gb: rate(p.price_micros),
    created_at: iso(p.created_at),
    expires_at: iso(p.expires_at),
  };
}

export function transactionView(t: TransactionRow) {
  return {
    id: t.id,
    type: t.type,
    amount: money(t.amount_cents),
    description: t.description,
    note: t.note,
    user_id: t.user_id,
    package_id: t.package_id,
    gb: t.gb,
    proxy_type: t.proxy_type,
    balance_after: money(t.reseller_balance_after_cents),
    user_balance_after: t.user_balance_after_cents === null ? null : money(t.user_balance_after_cents),
    created_at: iso(t.created_at),
  };
}

export interface Pagination {
  total: number;
  page: number;
  limit: number;
  pages: number;
  has_next: boolean;
  has_prev: boolean;
}

export function pagination(total: number, page: number, limit: number): Pagination {
  const pages = Math.ceil(total / limit);
  return { total, page, limit, pages, has_next: page < pages, has_prev: page > 1 };
}
