import { sql, type Kysely } from 'kysely';

/**
 * Provider sync state: one run row per sync of one upstream account, a cursor per
 * account and entity (committed with each page, so a killed sync resumes where it
 * stopped), a mirror row per upstream object (so a re-run never duplicates and a list
 * can be diffed), the upstream's own transaction statement, and sync events: facts and
 * conflicts (a balance changed outside the app, a port gone upstream) recorded, never
 * silently overwritten.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE sync_runs (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'interrupted')),
      full_pass INTEGER NOT NULL DEFAULT 0 CHECK (full_pass IN (0, 1)),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      requests INTEGER NOT NULL DEFAULT 0,
      stats TEXT NOT NULL DEFAULT '{}',
      error_code TEXT,
      error_message TEXT
    ) STRICT`,
    sql`CREATE INDEX sync_runs_account ON sync_runs (account_id, started_at)`,

    // entity: customers | services | transactions | balance.
    // state: JSON of the pass in progress ({passId, cursor, done, total}); null when idle.
    // watermark: JSON of what the last completed pass established (fingerprints, newest ids).
    sql`CREATE TABLE sync_cursors (
      account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      entity TEXT NOT NULL,
      state TEXT,
      watermark TEXT,
      completed_at TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (account_id, entity)
    ) STRICT`,

    // One row per upstream object the app has seen: the local row it maps to, a
    // fingerprint of its last upstream form (unchanged → no write), the pass that last
    // saw it (a full pass that ends without seeing it → gone upstream).
    sql`CREATE TABLE sync_items (
      account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      entity TEXT NOT NULL CHECK (entity IN ('customer', 'port', 'package')),
      upstream_id TEXT NOT NULL,
      local_id TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      seen_pass TEXT,
      missing_since TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (account_id, entity, upstream_id)
    ) STRICT`,
    sql`CREATE INDEX sync_items_pass ON sync_items (account_id, entity, seen_pass)`,

    // The upstream's statement, line by line: kept for reconciliation and display. Not
    // posted to the journal one by one (the app posts its own operations; differences are
    // reconciled on the balance, see sync_events).
    sql`CREATE TABLE upstream_transactions (
      account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      upstream_id TEXT NOT NULL,
      type TEXT NOT NULL,
      amount INTEGER NOT NULL,
      balance_after INTEGER,
      description TEXT,
      upstream_customer_id TEXT,
      occurred_at TEXT,
      first_seen_at TEXT NOT NULL,
      run_id TEXT,
      PRIMARY KEY (account_id, upstream_id)
    ) STRICT`,
    sql`CREATE INDEX upstream_transactions_time ON upstream_transactions (account_id, occurred_at)`,

    // Facts (severity info: opening balance) and conflicts the reseller should see.
    // dedupe_key makes a re-run after a crash harmless; the events helper routes these
    // through the inbox later.
    sql`CREATE TABLE sync_events (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      run_id TEXT,
      kind TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('info', 'conflict')),
      subject TEXT,
      dedupe_key TEXT NOT NULL UNIQUE,
      details TEXT NOT NULL DEFAULT '{}',
      transaction_id TEXT REFERENCES transactions (id),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
      created_at TEXT NOT NULL,
      resolved_at TEXT
    ) STRICT`,
    sql`CREATE INDEX sync_events_open ON sync_events (status, created_at)`,
    sql`CREATE INDEX sync_events_account ON sync_events (account_id, created_at)`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Schema migrations are not undone; restore a backup instead.');
}
