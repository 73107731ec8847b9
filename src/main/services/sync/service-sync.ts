import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { SyncRunStats } from '../../../shared/contract/sync';
import { prepare } from '../../ledger/sql';
import type { UpstreamPackage, UpstreamPort } from '../../providers/types';
import { portDetails } from '../service-rows';
import { fingerprint } from './fingerprint';
import { getItem, markSeen, putItem, type ItemEntity } from './sync-items';
import { recordEvent } from './sync-state';

/** Status a service gets when the upstream no longer lists it: kept, never deleted. */
export const MISSING_UPSTREAM = 'missing_upstream';

export interface ServicePageContext {
  sqlite: Database.Database;
  accountId: string;
  runId: string;
  passId: string | null;
  now: Date;
  /** Proxies.sx country id → ISO code, for the services.country column. */
  countryCodes: Map<string, string>;
  stats: SyncRunStats;
}

interface ServiceRow {
  kind: 'port' | 'package';
  upstreamId: string;
  upstreamCustomerId: string | null;
  status: string;
  label: string | null;
  country: string | null;
  city: string | null;
  carrier: string | null;
  proxyType: string | null;
  isPrivate: boolean;
  totalGbMilli: number | null;
  usedGbMilli: number | null;
  expiresAt: string | null;
  details: Record<string, unknown>;
}

export function portRow(p: UpstreamPort, countryCodes: Map<string, string>): ServiceRow {
  return {
    kind: 'port',
    upstreamId: p.id,
    upstreamCustomerId: p.customerId,
    status: p.status,
    label: p.displayName,
    country: (p.countryId && countryCodes.get(p.countryId)) ?? p.countryId,
    city: p.cityId,
    carrier: p.carrierId,
    proxyType: p.isPrivate === null ? null : p.isPrivate ? 'private' : 'shared',
    isPrivate: p.isPrivate === true,
    totalGbMilli: null,
    usedGbMilli: null,
    expiresAt: p.expiresAt,
    details: portDetails(p),
  };
}

export function packageRow(p: UpstreamPackage): ServiceRow {
  return {
    kind: 'package',
    upstreamId: p.id,
    upstreamCustomerId: p.customerId,
    status: p.status,
    label: p.id,
    country: null,
    city: null,
    carrier: null,
    proxyType: p.proxyType,
    isPrivate: false,
    totalGbMilli: p.totalGbMilli,
    usedGbMilli: p.usedGbMilli,
    expiresAt: p.expiresAt,
    details: { username: p.username, password: p.password, remainingGbMilli: p.remainingGbMilli, live: p.live, createdAt: p.createdAt },
  };
}

/**
 * Upstream ports/packages into `services` (unique per account, kind and upstream id, so a
 * re-run updates instead of duplicating). A service whose customer is not linked locally
 * is recorded as a conflict and skipped (customers sync first, so this means the upstream
 * changed between the two lists).
 */
export function applyServicePage(ctx: ServicePageContext, rows: ServiceRow[]): void {
  const { sqlite, accountId } = ctx;
  const now = ctx.now.toISOString();
  for (const row of rows) {
    const entity: ItemEntity = row.kind;
    const fp = fingerprint(row);
    const item = getItem(sqlite, accountId, entity, row.upstreamId);
    if (item && item.fingerprint === fp && item.missing_since === null) {
      if (ctx.passId) markSeen(sqlite, accountId, entity, row.upstreamId, ctx.passId);
      continue;
    }
    const customerId = row.upstreamCustomerId
      ? (prepare(sqlite, 'SELECT customer_id FROM customer_links WHERE account_id = ? AND upstream_id = ?').pluck().get(accountId, row.upstreamCustomerId) as
          | string
          | undefined)
      : undefined;
    const existing = prepare(sqlite, 'SELECT id, customer_id, status FROM services WHERE provider_account_id = ? AND kind = ? AND upstream_id = ?').get(
      accountId,
      row.kind,
      row.upstreamId,
    ) as { id: string; customer_id: string; status: string } | undefined;
    const owner = customerId ?? existing?.customer_id;
    if (!owner) {
      const fresh = recordEvent(
        sqlite,
        {
          accountId,
          runId: ctx.runId,
          kind: 'service_without_customer',
          severity: 'conflict',
          subject: `${row.kind}:${row.upstreamId}`,
          dedupeKey: `${accountId}:service_without_customer:${row.kind}:${row.upstreamId}`,
          details: { upstreamId: row.upstreamId, upstreamCustomerId: row.upstreamCustomerId },
        },
        now,
      );
      if (fresh) ctx.stats.conflicts++;
      continue;
    }
    const id = existing?.id ?? randomUUID();
    prepare(
      sqlite,
      `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, country, city, carrier, proxy_type,
         is_private, exclusive, total_gb_milli, used_gb_milli, expires_at, details, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (provider_account_id, kind, upstream_id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status,
         label = coalesce(excluded.label, services.label), country = excluded.country, city = excluded.city, carrier = excluded.carrier,
         proxy_type = excluded.proxy_type, is_private = excluded.is_private, total_gb_milli = excluded.total_gb_milli,
         used_gb_milli = excluded.used_gb_milli, expires_at = excluded.expires_at,
         details = json_patch(services.details, excluded.details), updated_at = excluded.updated_at`,
    ).run(
      id,
      row.kind,
      owner,
      accountId,
      row.upstreamId,
      row.status,
      row.label,
      row.country,
      row.city,
      row.carrier,
      row.proxyType,
      row.isPrivate ? 1 : 0,
      row.totalGbMilli,
      row.usedGbMilli,
      row.expiresAt,
      JSON.stringify(row.details),
      now,
      now,
    );
    if (existing) ctx.stats.servicesUpdated++;
    else ctx.stats.servicesCreated++;
    if (existing?.status === MISSING_UPSTREAM) {
      recordEvent(
        sqlite,
        {
          accountId,
          runId: ctx.runId,
          kind: 'service_reappeared',
          severity: 'info',
          subject: `${row.kind}:${row.upstreamId}`,
          dedupeKey: `${accountId}:reappeared:${row.kind}:${row.upstreamId}:${item?.missing_since ?? now}`,
          details: { serviceId: id, upstreamId: row.upstreamId, status: row.status },
        },
        now,
      );
    }
    putItem(sqlite, { accountId, entity, upstreamId: row.upstreamId, localId: id, fingerprint: fp, passId: ctx.passId, now });
  }
}

/**
 * After a complete pass: the services of this kind the pass did not see. The caller asks
 * the upstream about each (offset pages shift when something is deleted mid-read) and
 * marks the ones it no longer knows with `markMissing`: status `missing_upstream`, never
 * deleted (sales and history stay), one conflict event each. Expired services are left
 * alone: an upstream may drop expired ports from its lists.
 */
export function unseenServices(
  sqlite: Database.Database,
  accountId: string,
  kind: 'port' | 'package',
  passId: string,
): { id: string; upstream_id: string; status: string; customer_id: string }[] {
  return prepare(
    sqlite,
    `SELECT s.id, s.upstream_id, s.status, s.customer_id FROM services s
     LEFT JOIN sync_items i ON i.account_id = s.provider_account_id AND i.entity = s.kind AND i.upstream_id = s.upstream_id
     WHERE s.provider_account_id = ? AND s.kind = ? AND s.status NOT IN ('${MISSING_UPSTREAM}', 'expired')
       AND (i.seen_pass IS NULL OR i.seen_pass != ?)`,
  ).all(accountId, kind, passId) as { id: string; upstream_id: string; status: string; customer_id: string }[];
}

/** One service the upstream answered "not found" for (or a list pass did not see). */
export function markMissing(
  ctx: ServicePageContext,
  kind: 'port' | 'package',
  s: { id: string; upstream_id: string; status: string; customer_id: string },
  passId: string,
): void {
  const { sqlite, accountId } = ctx;
  const now = ctx.now.toISOString();
  prepare(sqlite, 'UPDATE services SET status = ?, updated_at = ? WHERE id = ?').run(MISSING_UPSTREAM, now, s.id);
  prepare(sqlite, 'UPDATE sync_items SET missing_since = ? WHERE account_id = ? AND entity = ? AND upstream_id = ?').run(now, accountId, kind, s.upstream_id);
  const fresh = recordEvent(
    sqlite,
    {
      accountId,
      runId: ctx.runId,
      kind: 'service_missing_upstream',
      severity: 'conflict',
      subject: `${kind}:${s.upstream_id}`,
      dedupeKey: `${accountId}:missing:${kind}:${s.upstream_id}:${passId}`,
      details: { serviceId: s.id, upstreamId: s.upstream_id, previousStatus: s.status, customerId: s.customer_id },
    },
    now,
  );
  if (fresh) ctx.stats.conflicts++;
  ctx.stats.servicesMissing++;
}
