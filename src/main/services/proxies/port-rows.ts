import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { PortPage, PortView, ProxyListQuery } from '../../../shared/contract/proxies';
import { AppError } from '../../../shared/errors';
import type { ServicesTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import type { UpstreamPort } from '../../providers/types';
import { findServiceRow, insertServiceRow, ownerFilters, pageServices, parseDetails, portDetails, SELECT_JOINED_SERVICE, serviceRowOfKind, type JoinedServiceRow } from '../service-rows';

const DAY_MS = 86_400_000;

/** The services row of a port; `details` uses the same keys as the sync's port rows. */
export interface PortRowInput {
  customerId: string;
  accountId: string;
  port: UpstreamPort;
  country: string | null;
  city: string | null;
  carrier: string | null;
  exclusive: boolean;
}

function details(p: UpstreamPort, previous: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...previous, ...portDetails(p) });
}

/** Inserts the port's row, or takes over the one a sync already made for it. Returns the service id. */
export function upsertPortRow(sqlite: Database.Database, input: PortRowInput, now: Date): string {
  const at = now.toISOString();
  const p = input.port;
  const existing = findServiceRow(sqlite, input.accountId, 'port', p.id);
  if (existing) {
    prepare(
      sqlite,
      `UPDATE services SET customer_id = ?, status = ?, label = ?, country = ?, city = coalesce(?, city), carrier = coalesce(?, carrier), proxy_type = ?,
         is_private = ?, exclusive = ?, expires_at = ?, details = ?, updated_at = ? WHERE id = ?`,
    ).run(
      input.customerId, p.status, p.displayName, input.country, input.city, input.carrier, p.isPrivate ? 'private' : 'shared',
      p.isPrivate ? 1 : 0, input.exclusive ? 1 : 0, p.expiresAt, details(p, JSON.parse(existing.details) as Record<string, unknown>), at, existing.id,
    );
    return existing.id;
  }
  const id = randomUUID();
  insertServiceRow(sqlite, {
    id, kind: 'port', customerId: input.customerId, accountId: input.accountId, upstreamId: p.id, status: p.status, label: p.displayName,
    country: input.country, city: input.city, carrier: input.carrier, proxyType: p.isPrivate ? 'private' : 'shared',
    isPrivate: p.isPrivate === true, exclusive: input.exclusive, totalGbMilli: null, usedGbMilli: null, expiresAt: p.expiresAt, details: details(p), at,
  });
  return id;
}

/** After extend/rotate: the upstream's fresh view of the port (when it sent one) and extra details. */
export function refreshPortRow(sqlite: Database.Database, serviceId: string, p: UpstreamPort | null, extra: Record<string, unknown>, now: Date): void {
  const row = prepare(sqlite, 'SELECT status, expires_at, details FROM services WHERE id = ?').get(serviceId) as { status: string; expires_at: string | null; details: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That port is not in the books.');
  const merged = { ...(JSON.parse(row.details) as Record<string, unknown>), ...extra };
  prepare(sqlite, 'UPDATE services SET status = ?, expires_at = ?, details = ?, updated_at = ? WHERE id = ?').run(
    p?.status ?? row.status,
    p?.expiresAt ?? row.expires_at,
    p ? details(p, merged) : JSON.stringify(merged),
    now.toISOString(),
    serviceId,
  );
}

export function portServiceRow(sqlite: Database.Database, serviceId: string): ServicesTable {
  return serviceRowOfKind(sqlite, serviceId, 'port', 'That port does not exist.');
}

/** Ports that hold one of the customer's slots: active and not past their expiry, plus creations in flight. */
export function portsInUse(sqlite: Database.Database, customerId: string, now: Date): number {
  const active = prepare(sqlite, "SELECT count(*) FROM services WHERE customer_id = ? AND kind = 'port' AND status = 'active' AND (expires_at IS NULL OR expires_at > ?)")
    .pluck()
    .get(customerId, now.toISOString()) as number;
  const pending = prepare(sqlite, "SELECT count(*) FROM operations WHERE customer_id = ? AND kind = 'port.create' AND status = 'pending'").pluck().get(customerId) as number;
  return active + pending;
}

function effectiveStatus(row: ServicesTable, now: Date): string {
  if (row.status === 'active' && row.expires_at !== null && row.expires_at <= now.toISOString()) return 'expired';
  return row.status;
}

export function toPortView(row: JoinedServiceRow, now: Date): PortView {
  // A damaged details value shows no connection data rather than breaking the list.
  const d = parseDetails(row.details);
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : null);
  const status = effectiveStatus(row, now);
  const left = row.expires_at && status === 'active' ? Math.floor((Date.parse(row.expires_at) - now.getTime()) / DAY_MS) : null;
  return {
    serviceId: row.id,
    accountId: row.provider_account_id,
    accountName: row.account_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    upstreamId: row.upstream_id,
    label: row.label,
    status,
    country: row.country,
    city: row.city,
    carrier: row.carrier,
    isPrivate: row.is_private === 1,
    exclusive: row.exclusive === 1,
    expiresAt: row.expires_at,
    daysLeft: left,
    connection: { host: str('serverIp'), httpPort: num('httpPort'), socksPort: num('socksPort'), username: str('proxyLogin'), password: str('proxyPassword') },
    createdAt: row.created_at,
  };
}

export function portView(sqlite: Database.Database, serviceId: string, now: Date): PortView {
  const row = prepare(sqlite, `${SELECT_JOINED_SERVICE} WHERE s.id = ?`).get(serviceId) as JoinedServiceRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That port does not exist.', { field: 'serviceId' });
  return toPortView(row, now);
}

export function listPorts(sqlite: Database.Database, q: ProxyListQuery, now: Date): PortPage {
  const where = ["s.kind = 'port'"];
  const args: unknown[] = [];
  const at = now.toISOString();
  ownerFilters(q, where, args);
  if (q.status === 'active') {
    where.push("s.status = 'active' AND (s.expires_at IS NULL OR s.expires_at > ?)");
    args.push(at);
  } else if (q.status === 'expired') {
    where.push("(s.status = 'expired' OR (s.status = 'active' AND s.expires_at <= ?))");
    args.push(at);
  } else if (q.status) {
    where.push('s.status = ?');
    args.push(q.status);
  }
  if (q.expiringWithinDays !== undefined) {
    where.push("s.status = 'active' AND s.expires_at > ? AND s.expires_at <= ?");
    args.push(at, new Date(now.getTime() + q.expiringWithinDays * DAY_MS).toISOString());
  }
  if (q.search) {
    where.push('(s.label LIKE ? OR s.upstream_id LIKE ? OR c.name LIKE ? OR c.email LIKE ? OR s.country = ?)');
    const like = `%${q.search.replace(/[%_]/g, '')}%`;
    args.push(like, like, like, like, q.search.toUpperCase());
  }
  const { rows, total } = pageServices(sqlite, where, args, 's.expires_at IS NULL, s.expires_at, s.id', q);
  return { items: rows.map((r) => toPortView(r, now)), total };
}
