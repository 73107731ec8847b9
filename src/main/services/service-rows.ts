import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { ServicesTable } from '../ledger/schema';
import { prepare } from '../ledger/sql';
import type { UpstreamPort } from '../providers/types';

/**
 * Ports and packages both live in `services`: the pieces that read and write those rows
 * the same way for either kind (the port and package use cases, and the sync).
 */

/** A services row with the names the lists show beside it. */
export type JoinedServiceRow = ServicesTable & { account_name: string | null; customer_name: string | null };

export const SELECT_JOINED_SERVICE = `SELECT s.*, a.name AS account_name, c.name AS customer_name FROM services s
  LEFT JOIN provider_accounts a ON a.id = s.provider_account_id LEFT JOIN customers c ON c.id = s.customer_id`;

/** The `details` keys of a port row; the use cases and the sync write the same ones. */
export function portDetails(p: UpstreamPort): Record<string, unknown> {
  return {
    countryId: p.countryId,
    cityId: p.cityId,
    carrierId: p.carrierId,
    serverIp: p.serverIp,
    httpPort: p.httpPort,
    socksPort: p.socksPort,
    proxyLogin: p.proxyLogin,
    proxyPassword: p.proxyPassword,
    createdAt: p.createdAt,
  };
}

/** A row's details, or none when the value is damaged: a list then shows less rather than failing. */
export function parseDetails(json: string): Record<string, unknown> {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A service row by its id, only of the given kind; NOT_FOUND (with `message`) otherwise. */
export function serviceRowOfKind(sqlite: Database.Database, serviceId: string, kind: 'port' | 'package', message: string): ServicesTable {
  const row = prepare(sqlite, 'SELECT * FROM services WHERE id = ? AND kind = ?').get(serviceId, kind) as ServicesTable | undefined;
  if (!row) throw new AppError('NOT_FOUND', message, { field: 'serviceId' });
  return row;
}

/** The row an upstream service already has in the books, if any. */
export function findServiceRow(sqlite: Database.Database, accountId: string, kind: 'port' | 'package', upstreamId: string): { id: string; details: string } | undefined {
  return prepare(sqlite, 'SELECT id, details FROM services WHERE provider_account_id = ? AND kind = ? AND upstream_id = ?').get(accountId, kind, upstreamId) as
    | { id: string; details: string }
    | undefined;
}

export interface NewServiceRow {
  id: string;
  kind: 'port' | 'package';
  customerId: string;
  accountId: string;
  upstreamId: string;
  status: string;
  label: string | null;
  country: string | null;
  city: string | null;
  carrier: string | null;
  proxyType: string | null;
  isPrivate: boolean;
  exclusive: boolean;
  totalGbMilli: number | null;
  usedGbMilli: number | null;
  expiresAt: string | null;
  details: string;
  at: string;
}

export function insertServiceRow(sqlite: Database.Database, r: NewServiceRow): void {
  prepare(
    sqlite,
    `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, country, city, carrier, proxy_type, is_private, exclusive,
       total_gb_milli, used_gb_milli, expires_at, details, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id, r.kind, r.customerId, r.accountId, r.upstreamId, r.status, r.label, r.country, r.city, r.carrier, r.proxyType,
    r.isPrivate ? 1 : 0, r.exclusive ? 1 : 0, r.totalGbMilli, r.usedGbMilli, r.expiresAt, r.details, r.at, r.at,
  );
}

/** Filters both lists offer. */
export function ownerFilters(q: { customerId?: string | undefined; accountId?: string | undefined }, where: string[], args: unknown[]): void {
  if (q.customerId) {
    where.push('s.customer_id = ?');
    args.push(q.customerId);
  }
  if (q.accountId) {
    where.push('s.provider_account_id = ?');
    args.push(q.accountId);
  }
}

/** One page of joined rows and the count of all that match. */
export function pageServices(
  sqlite: Database.Database,
  where: string[],
  args: unknown[],
  orderBy: string,
  page: { limit: number; offset: number },
): { rows: JoinedServiceRow[]; total: number } {
  const clause = where.join(' AND ');
  const total = prepare(sqlite, `SELECT count(*) FROM services s LEFT JOIN customers c ON c.id = s.customer_id WHERE ${clause}`).pluck().get(...args) as number;
  const rows = prepare(sqlite, `${SELECT_JOINED_SERVICE} WHERE ${clause} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(...args, page.limit, page.offset) as JoinedServiceRow[];
  return { rows, total };
}
