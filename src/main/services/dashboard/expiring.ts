import type Database from 'better-sqlite3';
import type { ExpiringService } from '../../../shared/contract/dashboard';
import { prepare } from '../../ledger/sql';

const DAY_MS = 86_400_000;

/**
 * Active proxies and packages whose end date falls in (now, now + withinDays], soonest
 * first, with their customer's name. A range on the `services_expires_customer` index.
 */
export function expiringServices(sqlite: Database.Database, now: Date, withinDays: number, limit: number): { total: number; items: ExpiringService[] } {
  const from = now.toISOString();
  const to = new Date(now.getTime() + withinDays * DAY_MS).toISOString();
  const where = "s.expires_at > ? AND s.expires_at <= ? AND s.status = 'active'";
  const total = prepare(sqlite, `SELECT count(*) FROM services s WHERE ${where}`).pluck().get(from, to) as number;
  const rows = prepare(
    sqlite,
    `SELECT s.id, s.kind, s.customer_id, c.name AS customer_name, s.provider_account_id, a.name AS account_name, a.is_sandbox,
            s.label, s.upstream_id, s.expires_at
     FROM services s JOIN customers c ON c.id = s.customer_id JOIN provider_accounts a ON a.id = s.provider_account_id
     WHERE ${where} ORDER BY s.expires_at, s.id LIMIT ?`,
  ).all(from, to, limit) as {
    id: string;
    kind: 'port' | 'package';
    customer_id: string;
    customer_name: string;
    provider_account_id: string;
    account_name: string;
    is_sandbox: number;
    label: string | null;
    upstream_id: string;
    expires_at: string;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      serviceId: r.id,
      kind: r.kind,
      customerId: r.customer_id,
      customerName: r.customer_name,
      accountId: r.provider_account_id,
      accountName: r.account_name,
      isSandbox: r.is_sandbox === 1,
      label: r.label,
      upstreamId: r.upstream_id,
      expiresAt: r.expires_at,
    })),
  };
}
