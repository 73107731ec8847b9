import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { PackageListQuery, PackagePage, PackageView } from '../../../shared/contract/packages';
import { AppError } from '../../../shared/errors';
import type { ServicesTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import type { UpstreamPackage } from '../../providers/types';

/** The services row of a Whozex package; `details` uses the same keys as the sync's package rows. */

function details(p: UpstreamPackage, previous: Record<string, unknown>, refreshedAt: string): string {
  return JSON.stringify({
    ...previous,
    username: p.username ?? previous.username ?? null,
    password: p.password ?? previous.password ?? null,
    remainingGbMilli: p.remainingGbMilli,
    live: p.live,
    createdAt: p.createdAt ?? previous.createdAt ?? null,
    refreshedAt,
  });
}

/** Inserts or refreshes the row of an upstream package; returns the service id. */
export function upsertPackageRow(sqlite: Database.Database, input: { customerId: string; accountId: string; pkg: UpstreamPackage }, now: Date): string {
  const at = now.toISOString();
  const p = input.pkg;
  const existing = prepare(sqlite, "SELECT id, details FROM services WHERE provider_account_id = ? AND kind = 'package' AND upstream_id = ?").get(input.accountId, p.id) as
    | { id: string; details: string }
    | undefined;
  if (existing) {
    prepare(
      sqlite,
      `UPDATE services SET status = ?, proxy_type = ?, total_gb_milli = ?, used_gb_milli = ?, expires_at = coalesce(?, expires_at), details = ?, updated_at = ? WHERE id = ?`,
    ).run(p.status, p.proxyType, p.totalGbMilli, p.usedGbMilli, p.expiresAt, details(p, JSON.parse(existing.details) as Record<string, unknown>, at), at, existing.id);
    return existing.id;
  }
  const id = randomUUID();
  prepare(
    sqlite,
    `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, country, city, carrier, proxy_type, is_private, exclusive,
       total_gb_milli, used_gb_milli, expires_at, details, created_at, updated_at)
     VALUES (?, 'package', ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, 0, 0, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.customerId, input.accountId, p.id, p.status, p.id, p.proxyType, p.totalGbMilli, p.usedGbMilli, p.expiresAt, details(p, {}, at), at, at);
  return id;
}

export function packageServiceRow(sqlite: Database.Database, serviceId: string): ServicesTable {
  const row = prepare(sqlite, "SELECT * FROM services WHERE id = ? AND kind = 'package'").get(serviceId) as ServicesTable | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That package does not exist.', { field: 'serviceId' });
  return row;
}

type Joined = ServicesTable & { account_name: string | null; customer_name: string | null };

export function toPackageView(row: Joined): PackageView {
  let d: Record<string, unknown> = {};
  try {
    d = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    // shown without credentials rather than failing the list
  }
  const total = row.total_gb_milli ?? 0;
  const used = row.used_gb_milli ?? 0;
  return {
    serviceId: row.id,
    accountId: row.provider_account_id,
    accountName: row.account_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    upstreamId: row.upstream_id,
    status: row.status,
    proxyType: row.proxy_type,
    totalGbMilli: total,
    usedGbMilli: used,
    remainingGbMilli: typeof d.remainingGbMilli === 'number' ? d.remainingGbMilli : Math.max(0, total - used),
    username: typeof d.username === 'string' ? d.username : null,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    refreshedAt: typeof d.refreshedAt === 'string' ? d.refreshedAt : null,
  };
}

const SELECT = `SELECT s.*, a.name AS account_name, c.name AS customer_name FROM services s
  LEFT JOIN provider_accounts a ON a.id = s.provider_account_id LEFT JOIN customers c ON c.id = s.customer_id`;

export function packageView(sqlite: Database.Database, serviceId: string): PackageView {
  const row = prepare(sqlite, `${SELECT} WHERE s.id = ? AND s.kind = 'package'`).get(serviceId) as Joined | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That package does not exist.', { field: 'serviceId' });
  return toPackageView(row);
}

export function listPackages(sqlite: Database.Database, q: PackageListQuery): PackagePage {
  const where = ["s.kind = 'package'"];
  const args: unknown[] = [];
  if (q.customerId) {
    where.push('s.customer_id = ?');
    args.push(q.customerId);
  }
  if (q.accountId) {
    where.push('s.provider_account_id = ?');
    args.push(q.accountId);
  }
  if (q.status) {
    where.push('s.status = ?');
    args.push(q.status);
  }
  if (q.search) {
    const like = `%${q.search.replace(/[%_]/g, '')}%`;
    where.push('(s.upstream_id LIKE ? OR c.name LIKE ? OR c.email LIKE ?)');
    args.push(like, like, like);
  }
  const clause = where.join(' AND ');
  const total = prepare(sqlite, `SELECT count(*) FROM services s LEFT JOIN customers c ON c.id = s.customer_id WHERE ${clause}`).pluck().get(...args) as number;
  const rows = prepare(sqlite, `${SELECT} WHERE ${clause} ORDER BY s.created_at DESC, s.id LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as Joined[];
  return { items: rows.map(toPackageView), total };
}
