import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { SyncRunStats } from '../../../shared/contract/sync';
import { ledgerAccounts } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';
import type { UpstreamCustomer } from '../../providers/types';
import { linkCustomer } from '../customers/customer-links';
import { reconcileBalance } from './balance-reconcile';
import { fingerprint } from './fingerprint';
import { getItem, markSeen, putItem } from './sync-items';
import { recordEvent } from './sync-state';

export interface CustomerPageContext {
  sqlite: Database.Database;
  accountId: string;
  accountName: string;
  runId: string;
  /** The full pass this page belongs to; null for a probe page. */
  passId: string | null;
  now: Date;
  /** False while an operation on this account is pending: sub-balances wait. */
  reconcileSubBalances: boolean;
  stats: SyncRunStats;
}

const LOCAL_STATUSES = new Set(['active', 'suspended']);

/**
 * One page of upstream customers (Proxies.sx customers, Whozex sub-users) into local
 * customers. Match order: the existing link for this upstream id, else a local customer
 * with the same email (then linked), else a new local customer (then linked). Runs
 * inside the page's SQLite transaction.
 */
export function applyCustomerPage(ctx: CustomerPageContext, items: UpstreamCustomer[]): void {
  const { sqlite, accountId } = ctx;
  const now = ctx.now.toISOString();
  for (const c of items) {
    const fp = fingerprint(c);
    const item = getItem(sqlite, accountId, 'customer', c.id);
    if (item && item.fingerprint === fp) {
      if (ctx.passId) markSeen(sqlite, accountId, 'customer', c.id, ctx.passId);
      reconcileSub(ctx, item.local_id, c, false);
      continue;
    }

    let localId = item?.local_id ?? (prepare(sqlite, 'SELECT customer_id FROM customer_links WHERE account_id = ? AND upstream_id = ?').pluck().get(accountId, c.id) as string | undefined);
    if (!localId) {
      const matched = matchOrCreate(ctx, c);
      if (!matched) continue;
      localId = matched;
    } else if (item) {
      updateUpstreamOwnedFields(sqlite, localId, c, now);
      ctx.stats.customersUpdated++;
    }
    putItem(sqlite, { accountId, entity: 'customer', upstreamId: c.id, localId, fingerprint: fp, passId: ctx.passId, now });
    reconcileSub(ctx, localId, c, !item);
  }
}

function matchOrCreate(ctx: CustomerPageContext, c: UpstreamCustomer): string | null {
  const { sqlite, accountId } = ctx;
  const now = ctx.now.toISOString();
  const email = c.email.trim();
  if (!email) {
    conflict(ctx, 'customer_without_email', `customer:${c.id}`, { upstreamId: c.id, name: c.name });
    return null;
  }
  const byEmail = prepare(sqlite, 'SELECT id FROM customers WHERE email = ?').pluck().get(email) as string | undefined;
  if (byEmail) {
    const linked = prepare(sqlite, 'SELECT upstream_id FROM customer_links WHERE customer_id = ? AND account_id = ?').pluck().get(byEmail, accountId) as
      | string
      | undefined;
    if (linked && linked !== c.id) {
      // Same email, but the local customer is already someone else at this account:
      // the reseller decides; nothing is relinked behind their back.
      conflict(ctx, 'customer_link_mismatch', `customer:${c.id}`, { upstreamId: c.id, email, customerId: byEmail, linkedUpstreamId: linked });
      return null;
    }
    linkCustomer(sqlite, byEmail, accountId, c.id, ctx.now);
    ctx.stats.customersLinked++;
    return byEmail;
  }
  const id = randomUUID();
  prepare(
    sqlite,
    `INSERT INTO customers (id, email, name, company, external_id, notes, tags, status, port_slot_quota, traffic_gb_allocation, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, '[]', ?, ?, ?, ?, ?)`,
  ).run(
    id,
    email,
    c.name.trim() || email.split('@')[0] || email,
    c.company,
    c.externalId,
    LOCAL_STATUSES.has(c.status) ? c.status : 'active',
    Math.max(0, c.allocatedPortSlots ?? 0),
    Math.max(0, Math.floor((c.allocatedTrafficGbMilli ?? 0) / 1000)),
    now,
    now,
  );
  linkCustomer(sqlite, id, accountId, c.id, ctx.now);
  ctx.stats.customersCreated++;
  return id;
}

/**
 * What the upstream owns about a customer changed outside the app (suspended upstream,
 * quota changed): mirror it. Name, notes and tags stay the reseller's own.
 */
function updateUpstreamOwnedFields(sqlite: Database.Database, localId: string, c: UpstreamCustomer, now: string): void {
  if (LOCAL_STATUSES.has(c.status)) {
    prepare(sqlite, "UPDATE customers SET status = ?, updated_at = ? WHERE id = ? AND status != 'archived' AND status != ?").run(c.status, now, localId, c.status);
  }
  if (c.allocatedPortSlots !== null) {
    prepare(sqlite, 'UPDATE customers SET port_slot_quota = ?, updated_at = ? WHERE id = ? AND port_slot_quota != ?').run(
      Math.max(0, c.allocatedPortSlots),
      now,
      localId,
      Math.max(0, c.allocatedPortSlots),
    );
  }
}

function reconcileSub(ctx: CustomerPageContext, localId: string, c: UpstreamCustomer, isNew: boolean): void {
  flagUnknownPackages(ctx, localId, c);
  if (c.balance === null || !ctx.reconcileSubBalances) return;
  const outcome = reconcileBalance(ctx.sqlite, {
    providerAccountId: ctx.accountId,
    ledgerAccount: ledgerAccounts.upstreamSub(ctx.accountId, localId),
    upstreamBalance: c.balance,
    label: `${c.email}'s balance at ${ctx.accountName}`,
    customerId: localId,
    runId: ctx.runId,
    now: ctx.now,
    firstTime: isNew,
  });
  if (outcome === 'adjusted') ctx.stats.conflicts++;
}

/**
 * Whozex lists no packages, only each sub-user's package count. More packages upstream
 * than the app knows means some were bought outside the app: the reseller is told once
 * per count (their ids arrive with the package webhooks, or can be entered by hand).
 */
function flagUnknownPackages(ctx: CustomerPageContext, localId: string, c: UpstreamCustomer): void {
  if (!c.packageCount) return;
  const known = prepare(ctx.sqlite, "SELECT count(*) FROM services WHERE provider_account_id = ? AND customer_id = ? AND kind = 'package'")
    .pluck()
    .get(ctx.accountId, localId) as number;
  if (c.packageCount <= known) return;
  conflict(ctx, 'packages_unknown_locally', `customer:${c.id}:${c.packageCount}`, {
    upstreamId: c.id,
    customerId: localId,
    email: c.email,
    upstreamPackages: c.packageCount,
    knownPackages: known,
  });
}

function conflict(ctx: CustomerPageContext, kind: string, subject: string, details: Record<string, unknown>): void {
  const fresh = recordEvent(
    ctx.sqlite,
    { accountId: ctx.accountId, runId: ctx.runId, kind, severity: 'conflict', subject, dedupeKey: `${ctx.accountId}:${kind}:${subject}`, details },
    ctx.now.toISOString(),
  );
  if (fresh) ctx.stats.conflicts++;
}
