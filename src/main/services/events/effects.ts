import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { formatMoney } from '../../../shared/money';
import { accountBalance, ledgerAccounts } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';
import { factKeys } from './fact-keys';
import { insertDraft } from './inbox';

/**
 * What an event changes in the books, applied once, inside the transaction that marks
 * the inbox row applied:
 * - port.expired → the service's status 'expired'; port.expiring/extended/created → its end date;
 * - package usage (usage, low_gb, gb_added, created) → used/total GB; depleted/expired → status;
 * - a reseller balance the upstream reported → remembered as the latest observation, and
 *   checked against the ledger's upstream:<acct> balance. A difference is recorded as a
 *   `ledger.balance_mismatch` event, never written over the books (the sync's
 *   reconciliation posts the visible adjustment).
 */

export interface EffectEvent {
  id: string;
  type: string;
  accountId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface EffectResult {
  effects: string[];
  /** Events the effects themselves recorded (a balance mismatch). */
  newEventIds: string[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

interface ServiceRow {
  id: string;
  status: string;
  expires_at: string | null;
  total_gb_milli: number | null;
  used_gb_milli: number | null;
}

function service(sqlite: Database.Database, accountId: string, kind: 'port' | 'package', upstreamId: string): ServiceRow | undefined {
  return prepare(
    sqlite,
    'SELECT id, status, expires_at, total_gb_milli, used_gb_milli FROM services WHERE provider_account_id = ? AND kind = ? AND upstream_id = ?',
  ).get(accountId, kind, upstreamId) as ServiceRow | undefined;
}

export function applyEffects(sqlite: Database.Database, event: EffectEvent, now: string): EffectResult {
  const out: EffectResult = { effects: [], newEventIds: [] };
  const acct = event.accountId;
  if (!acct) return out;
  const p = event.payload;

  if (event.type.startsWith('port.')) applyPort(sqlite, acct, event.type, p, now, out);
  if (event.type.startsWith('package.')) applyPackage(sqlite, acct, event.type, p, now, out);
  const balance = num(p.balance);
  if (balance !== null && (event.type.startsWith('balance.') || event.type.startsWith('customer.balance_'))) {
    observeBalance(sqlite, acct, balance, event.occurredAt, now, out);
  }
  return out;
}

function applyPort(sqlite: Database.Database, acct: string, type: string, p: Record<string, unknown>, now: string, out: EffectResult): void {
  const portId = text(p.portId);
  if (!portId) return;
  const s = service(sqlite, acct, 'port', portId);
  if (!s) {
    out.effects.push('No local service for this proxy yet (the next sync imports it).');
    return;
  }
  const expiresAt = text(p.expiresAt);
  if (type === 'port.expired') {
    if (s.status !== 'expired') {
      prepare(sqlite, "UPDATE services SET status = 'expired', expires_at = coalesce(?, expires_at), updated_at = ? WHERE id = ?").run(expiresAt, now, s.id);
      out.effects.push(`Service ${s.id}: status ${s.status} → expired`);
    }
    return;
  }
  if (expiresAt && s.status !== 'expired' && s.expires_at !== expiresAt) {
    prepare(sqlite, 'UPDATE services SET expires_at = ?, updated_at = ? WHERE id = ?').run(expiresAt, now, s.id);
    out.effects.push(`Service ${s.id}: ends ${s.expires_at ?? 'unknown'} → ${expiresAt}`);
  }
}

function applyPackage(sqlite: Database.Database, acct: string, type: string, p: Record<string, unknown>, now: string, out: EffectResult): void {
  const pkg = text(p.packageId);
  if (!pkg) return;
  const s = service(sqlite, acct, 'package', pkg);
  if (!s) {
    // Whozex lists no packages: a package.created event is how the app learns one exists.
    if (type === 'package.created') createPackageService(sqlite, acct, pkg, p, now, out);
    else out.effects.push('No local service for this package yet.');
    return;
  }
  let total = num(p.totalGbMilli) ?? s.total_gb_milli;
  let used = num(p.usedGbMilli);
  const remaining = num(p.remainingGbMilli);
  if (used === null && remaining !== null && total !== null) used = total - remaining;
  let status = s.status;
  if (type === 'package.depleted') {
    status = 'depleted';
    if (total !== null) used = total;
  } else if (type === 'package.expired') {
    status = 'expired';
  } else if (type === 'package.gb_added' && s.status === 'depleted') {
    status = 'active';
  }
  if (type === 'package.gb_added' && total === null) total = s.total_gb_milli;
  used = used ?? s.used_gb_milli;
  if (total === s.total_gb_milli && used === s.used_gb_milli && status === s.status) return;
  const left = total !== null && used !== null ? Math.max(0, total - used) : null;
  prepare(
    sqlite,
    `UPDATE services SET total_gb_milli = ?, used_gb_milli = ?, status = ?, updated_at = ?,
       details = CASE WHEN ? IS NULL THEN details ELSE json_set(details, '$.remainingGbMilli', ?) END WHERE id = ?`,
  ).run(total, used, status, now, left, left, s.id);
  const parts: string[] = [];
  if (used !== s.used_gb_milli || total !== s.total_gb_milli) parts.push(`used ${used ?? '?'} of ${total ?? '?'} milli-GB`);
  if (status !== s.status) parts.push(`status ${s.status} → ${status}`);
  out.effects.push(`Service ${s.id}: ${parts.join(', ')}`);
}

function createPackageService(sqlite: Database.Database, acct: string, pkg: string, p: Record<string, unknown>, now: string, out: EffectResult): void {
  const upstreamCustomer = text(p.customerUpstreamId);
  const customerId = upstreamCustomer
    ? (prepare(sqlite, 'SELECT customer_id FROM customer_links WHERE account_id = ? AND upstream_id = ?').pluck().get(acct, upstreamCustomer) as string | undefined)
    : undefined;
  if (!customerId) {
    out.effects.push('The package belongs to a sub-user the app does not know yet; the next sync links the customer.');
    return;
  }
  const id = randomUUID();
  const total = num(p.totalGbMilli);
  prepare(
    sqlite,
    `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, proxy_type, total_gb_milli, used_gb_milli,
       expires_at, details, created_at, updated_at)
     VALUES (?, 'package', ?, ?, ?, 'active', ?, ?, ?, ?, ?, '{}', ?, ?) ON CONFLICT (provider_account_id, kind, upstream_id) DO NOTHING`,
  ).run(id, customerId, acct, pkg, pkg, text(p.proxyType), total, num(p.usedGbMilli) ?? 0, text(p.expiresAt), now, now);
  out.effects.push(`Service ${id}: package ${pkg} added for customer ${customerId}`);
}

/** The latest upstream balance (newest observation wins), then the ledger check. */
function observeBalance(sqlite: Database.Database, acct: string, balance: number, at: string, now: string, out: EffectResult): void {
  const prev = prepare(sqlite, 'SELECT balance, balance_at FROM upstream_observations WHERE account_id = ?').get(acct) as
    | { balance: number | null; balance_at: string | null }
    | undefined;
  if (!prev || prev.balance_at === null || prev.balance_at <= at) {
    prepare(
      sqlite,
      `INSERT INTO upstream_observations (account_id, balance, balance_at, balance_changes, updated_at) VALUES (?, ?, ?, 0, ?)
       ON CONFLICT (account_id) DO UPDATE SET balance = excluded.balance, balance_at = excluded.balance_at,
         balance_changes = upstream_observations.balance_changes + (CASE WHEN upstream_observations.balance IS excluded.balance THEN 0 ELSE 1 END),
         updated_at = excluded.updated_at`,
    ).run(acct, balance, at, now);
    out.effects.push(`Latest ${acct} balance: ${formatMoney(balance)}`);
  }
  checkLedger(sqlite, acct, balance, at, now, out);
}

function checkLedger(sqlite: Database.Database, acct: string, upstream: number, at: string, now: string, out: EffectResult): void {
  const ledgerAccount = ledgerAccounts.upstream(acct);
  // Until the first sync has opened this account's books there is nothing to compare with.
  const opened = prepare(sqlite, 'SELECT 1 FROM sync_events WHERE dedupe_key = ?').get(`opening:${ledgerAccount}`) !== undefined;
  if (!opened) {
    out.effects.push('Ledger check skipped: the account has not been synced yet.');
    return;
  }
  // An operation in flight may explain a difference; the sync reconciles after it settles.
  if (prepare(sqlite, "SELECT 1 FROM operations WHERE provider_account_id = ? AND status = 'pending' LIMIT 1").get(acct) !== undefined) {
    out.effects.push('Ledger check skipped: an upstream operation is still pending.');
    return;
  }
  const ledger = accountBalance(sqlite, ledgerAccount, new Date(at));
  if (ledger === upstream) {
    out.effects.push('Ledger check: the books agree with the upstream.');
    return;
  }
  const id = insertDraft(
    sqlite,
    {
      source: 'local',
      type: 'ledger.balance_mismatch',
      accountId: acct,
      subject: `account:${acct}`,
      payload: { upstreamBalance: upstream, ledgerBalance: ledger, difference: upstream - ledger, ledgerAccount, severity: 'conflict' },
      raw: null,
      occurredAt: at,
      fact: { key: factKeys.balanceMismatch(acct, upstream, ledger) },
    },
    now,
  );
  if (id) {
    prepare(sqlite, "UPDATE event_inbox SET status = 'applied', applied_at = ?, effects = ? WHERE id = ?").run(
      now,
      JSON.stringify(['Recorded for review; the books were not changed. The next sync posts a visible adjustment.']),
      id,
    );
    out.newEventIds.push(id);
  }
  out.effects.push(`Ledger check: upstream ${formatMoney(upstream)}, books ${formatMoney(ledger)} — mismatch recorded.`);
}
