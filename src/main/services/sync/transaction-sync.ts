import type Database from 'better-sqlite3';
import { prepare } from '../../ledger/sql';
import type { UpstreamTransaction } from '../../providers/types';

/**
 * Upstream statement lines into `upstream_transactions` (primary key account + upstream
 * id: a page read twice inserts nothing twice). Returns how many were new, which is how
 * an incremental pass over a newest-first list knows it reached what it already has.
 */
export function applyTransactionPage(
  sqlite: Database.Database,
  input: { accountId: string; runId: string; now: Date; items: UpstreamTransaction[] },
): number {
  const insert = prepare(
    sqlite,
    `INSERT INTO upstream_transactions (account_id, upstream_id, type, amount, balance_after, description, upstream_customer_id, occurred_at, first_seen_at, run_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, upstream_id) DO NOTHING`,
  );
  const now = input.now.toISOString();
  let fresh = 0;
  for (const t of input.items) {
    fresh += insert.run(input.accountId, t.id, t.type, t.amount, t.balanceAfter, t.description, t.customerId, t.createdAt, now, input.runId).changes;
  }
  return fresh;
}
