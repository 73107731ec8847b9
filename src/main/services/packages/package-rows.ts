import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { PackageListQuery, PackagePage, PackageView } from '../../../shared/contract/packages';
import { AppError } from '../../../shared/errors';
import type { ServicesTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import type { UpstreamPackage } from '../../providers/types';
import { findServiceRow, insertServiceRow, ownerFilters, pageServices, parseDetails, SELECT_JOINED_SERVICE, serviceRowOfKind, type JoinedServiceRow } from '../service-rows';

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
  const existing = findServiceRow(sqlite, input.accountId, 'package', p.id);
  if (existing) {
    prepare(
      sqlite,
      `UPDATE services SET status = ?, proxy_type = ?, total_gb_milli = ?, used_gb_milli = ?, expires_at = coalesce(?, expires_at), details = ?, updated_at = ? WHERE id = ?`,
    ).run(p.status, p.proxyType, p.totalGbMilli, p.usedGbMilli, p.expiresAt, details(p, JSON.parse(existing.details) as Record<string, unknown>, at), at, existing.id);
    return existing.id;
  }
  const id = randomUUID();
  insertServiceRow(sqlite, {
    id, kind: 'package', customerId: input.customerId, accountId: input.accountId, upstreamId: p.id, status: p.status, label: p.id,
    country: null, city: null, carrier: null, proxyType: p.proxyType, isPrivate: false, exclusive: false,
    totalGbMilli: p.totalGbMilli, usedGbMilli: p.usedGbMilli, expiresAt: p.expiresAt, details: details(p, {}, at), at,
  });
  return id;
}

export function packageServiceRow(sqlite: Database.Database, serviceId: string): ServicesTable {
  return serviceRowOfKind(sqlite, serviceId, 'package', 'That package does not exist.');
}

export function toPackageView(row: JoinedServiceRow): PackageView {
  // A damaged details value is shown without credentials rather than failing the list.
  const d = parseDetails(row.details);
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

export function packageView(sqlite: Database.Database, serviceId: string): PackageView {
  const row = prepare(sqlite, `${SELECT_JOINED_SERVICE} WHERE s.id = ? AND s.kind = 'package'`).get(serviceId) as JoinedServiceRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That package does not exist.', { field: 'serviceId' });
  return toPackageView(row);
}

export function listPackages(sqlite: Database.Database, q: PackageListQuery): PackagePage {
  const where = ["s.kind = 'package'"];
  const args: unknown[] = [];
  ownerFilters(q, where, args);
  if (q.status) {
    where.push('s.status = ?');
    args.push(q.status);
  }
  if (q.search) {
    const like = `%${q.search.replace(/[%_]/g, '')}%`;
    where.push('(s.upstream_id LIKE ? OR c.name LIKE ? OR c.email LIKE ?)');
    args.push(like, like, like);
  }
  const { rows, total } = pageServices(sqlite, where, args, 's.created_at DESC, s.id', q);
  return { items: rows.map(toPackageView), total };
}
