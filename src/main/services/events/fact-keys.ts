import type Database from 'better-sqlite3';
import { prepare } from '../../ledger/sql';

/**
 * Deterministic keys of facts, per normalized event type. They never contain a delivery
 * id when the poller can observe the same fact, so webhook and poll meet on one key:
 *
 *   port.created:<acct>:<port>
 *   port.expiring:<acct>:<port>:<expiresAt ISO>
 *   port.expired:<acct>:<port>:<expiresAt ISO>
 *   port.extended:<acct>:<port>:<expiresAt ISO>            (poll only)
 *   package.created:<acct>:<pkg>
 *   package.gb_added:<acct>:<pkg>:<total milli-GB>
 *   package.usage:<acct>:<pkg>:<used>/<total milli-GB>     (poll only)
 *   package.low_gb:<acct>:<pkg>:<crossing n>
 *   package.depleted:<acct>:<pkg>:<total milli-GB>
 *   package.expired:<acct>:<pkg>
 *   balance.low:<acct>:<crossing n>
 *   balance.changed:<acct>:<observed at ISO>                (poll only)
 *   customer.created:<acct>:<upstream customer>
 *   ledger.balance_mismatch:<acct>:<upstream>:<ledger>      (local, from the ledger check)
 * Facts only a webhook reports (rotations, sub-user balance moves, quota) use the
 * delivery id: `<type>:<acct>:<delivery id>`.
 */
export const factKeys = {
  portCreated: (acct: string, port: string) => `port.created:${acct}:${port}`,
  portExpiring: (acct: string, port: string, expiresAt: string) => `port.expiring:${acct}:${port}:${expiresAt}`,
  portExpired: (acct: string, port: string, expiresAt: string | null) => `port.expired:${acct}:${port}:${expiresAt ?? 'unknown'}`,
  portExtended: (acct: string, port: string, expiresAt: string) => `port.extended:${acct}:${port}:${expiresAt}`,
  packageCreated: (acct: string, pkg: string) => `package.created:${acct}:${pkg}`,
  packageGbAdded: (acct: string, pkg: string, totalGbMilli: number | null) => `package.gb_added:${acct}:${pkg}:${totalGbMilli ?? 'unknown'}`,
  packageUsage: (acct: string, pkg: string, used: number, total: number) => `package.usage:${acct}:${pkg}:${used}/${total}`,
  packageDepleted: (acct: string, pkg: string, totalGbMilli: number | null) => `package.depleted:${acct}:${pkg}:${totalGbMilli ?? 'unknown'}`,
  packageExpired: (acct: string, pkg: string) => `package.expired:${acct}:${pkg}`,
  balanceChanged: (acct: string, observedAt: string) => `balance.changed:${acct}:${observedAt}`,
  customerCreated: (acct: string, customer: string) => `customer.created:${acct}:${customer}`,
  balanceMismatch: (acct: string, upstream: number, ledger: number) => `ledger.balance_mismatch:${acct}:${upstream}:${ledger}`,
  byDelivery: (type: string, acct: string, deliveryId: string) => `${type}:${acct}:${deliveryId}`,
};

/** Crossing families: a threshold crossed for the n-th time is fact n. */
export const crossings = {
  balanceLow: (acct: string) => `balance.low:${acct}`,
  packageLow: (acct: string, pkg: string) => `package.low_gb:${acct}:${pkg}`,
};

interface CrossingRow {
  crossings: number;
  active: number;
}

/**
 * The crossing number of a condition that is true now: the current one while it stays
 * true, the next one when it was false before. Runs inside the insert transaction.
 */
export function enterCrossing(sqlite: Database.Database, family: string, now: string): number {
  const row = prepare(sqlite, 'SELECT crossings, active FROM event_crossings WHERE key = ?').get(family) as CrossingRow | undefined;
  if (row && row.active === 1) return row.crossings;
  const n = (row?.crossings ?? 0) + 1;
  prepare(
    sqlite,
    `INSERT INTO event_crossings (key, crossings, active, updated_at) VALUES (?, ?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET crossings = excluded.crossings, active = 1, updated_at = excluded.updated_at`,
  ).run(family, n, now);
  return n;
}

/** The condition was seen false: the next time it is true is a new crossing. */
export function leaveCrossing(sqlite: Database.Database, family: string, now: string): void {
  prepare(sqlite, 'UPDATE event_crossings SET active = 0, updated_at = ? WHERE key = ? AND active = 1').run(now, family);
}
