import type Database from 'better-sqlite3';
import type { AssumedCapability, CapabilityReport, CapabilityState, CapabilityStates } from '../../providers/types';
import { prepare } from '../../ledger/sql';

/** Reads and writes of account_capabilities / account_capability_checks (migration 0007). */

export type CapabilitySource = 'openapi' | 'probe' | 'first-use';

export interface CapabilityRow {
  capability: AssumedCapability;
  state: CapabilityState;
  source: CapabilitySource;
  detail: string | null;
  checked_at: string;
}

export interface CheckRow {
  source: 'openapi' | 'probe' | null;
  error: string | null;
  checked_at: string;
}

export function capabilityRows(sqlite: Database.Database, accountId: string): CapabilityRow[] {
  return prepare(sqlite, 'SELECT capability, state, source, detail, checked_at FROM account_capabilities WHERE account_id = ?').all(accountId) as CapabilityRow[];
}

export function capabilityStates(sqlite: Database.Database, accountId: string): CapabilityStates {
  const out: CapabilityStates = {};
  for (const r of capabilityRows(sqlite, accountId)) out[r.capability] = r.state;
  return out;
}

export function lastCheck(sqlite: Database.Database, accountId: string): CheckRow | null {
  return (prepare(sqlite, 'SELECT source, error, checked_at FROM account_capability_checks WHERE account_id = ?').get(accountId) as CheckRow | undefined) ?? null;
}

/** One capability learned by using it (first use of a write, or a read that answered). */
export function rememberCapability(
  sqlite: Database.Database,
  accountId: string,
  cap: AssumedCapability,
  state: CapabilityState,
  source: CapabilitySource,
  detail: string | null,
  now: string,
): void {
  prepare(
    sqlite,
    `INSERT INTO account_capabilities (account_id, capability, state, source, detail, checked_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, capability) DO UPDATE SET state = excluded.state, source = excluded.source, detail = excluded.detail, checked_at = excluded.checked_at`,
  ).run(accountId, cap, state, source, detail, now);
}

/**
 * A full check's result, in one transaction. A probe that could not decide ('unknown')
 * keeps what an earlier check or use learned: an unreachable moment must not forget.
 */
export function storeReport(sqlite: Database.Database, accountId: string, report: CapabilityReport, now: string): void {
  sqlite.transaction(() => {
    const known = capabilityStates(sqlite, accountId);
    for (const [cap, learned] of Object.entries(report.capabilities) as [AssumedCapability, NonNullable<CapabilityReport['capabilities'][AssumedCapability]>][]) {
      if (learned.state === 'unknown' && known[cap] && known[cap] !== 'unknown') continue;
      rememberCapability(sqlite, accountId, cap, learned.state, report.source, learned.detail, now);
    }
    storeCheck(sqlite, accountId, report.source, null, now);
  })();
}

export function storeCheck(sqlite: Database.Database, accountId: string, source: 'openapi' | 'probe' | null, error: string | null, now: string): void {
  prepare(
    sqlite,
    `INSERT INTO account_capability_checks (account_id, source, error, checked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET source = excluded.source, error = excluded.error, checked_at = excluded.checked_at`,
  ).run(accountId, source, error, now);
}
