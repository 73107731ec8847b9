import type { Database } from 'better-sqlite3';

/**
 * The Whozex simulator's own tables (prefix wzx_). Money is integer cents, per-GB
 * prices integer micros, traffic integer megabytes (1 GB = 1000 MB, as the provider
 * bills). Every list the API pages through has an index that serves its ORDER BY.
 */
const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS wzx_resellers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),
    is_vip INTEGER NOT NULL DEFAULT 0,
    custom_price_micros INTEGER,
    api_key TEXT NOT NULL UNIQUE,
    api_key_last_used_at INTEGER,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS wzx_users (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    reseller_id TEXT NOT NULL REFERENCES wzx_resellers(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE UNIQUE,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),
    created_at INTEGER NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS wzx_users_by_reseller ON wzx_users (reseller_id, seq)`,
  `CREATE TABLE IF NOT EXISTS wzx_packages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    reseller_id TEXT NOT NULL REFERENCES wzx_resellers(id),
    user_id TEXT NOT NULL REFERENCES wzx_users(id),
    proxy_type TEXT NOT NULL CHECK (proxy_type IN ('residential', 'datacenter', 'mobile')),
    total_mb INTEGER NOT NULL CHECK (total_mb > 0),
    used_mb INTEGER NOT NULL DEFAULT 0 CHECK (used_mb >= 0),
    status TEXT NOT NULL CHECK (status IN ('active', 'depleted', 'expired')),
    evomi_username TEXT NOT NULL,
    evomi_password TEXT NOT NULL,
    price_micros INTEGER NOT NULL,
    cost_cents INTEGER NOT NULL,
    low_gb_notified INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS wzx_packages_by_user ON wzx_packages (user_id, seq)`,
  `CREATE INDEX IF NOT EXISTS wzx_packages_by_reseller ON wzx_packages (reseller_id, status)`,
  // A package's usage is a chain of segments: each starts when the package is bought
  // or topped up, and from then on usage follows the deterministic demand curve up to
  // the segment's cap (see usage-model.ts). This keeps any past instant answerable.
  `CREATE TABLE IF NOT EXISTS wzx_usage_segments (
    package_id TEXT NOT NULL REFERENCES wzx_packages(id),
    start_at INTEGER NOT NULL,
    used_start_mb INTEGER NOT NULL,
    cap_mb INTEGER NOT NULL,
    rate_mb_per_day INTEGER NOT NULL,
    PRIMARY KEY (package_id, start_at)
  )`,
  `CREATE TABLE IF NOT EXISTS wzx_transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    reseller_id TEXT NOT NULL REFERENCES wzx_resellers(id),
    type TEXT NOT NULL CHECK (type IN ('deposit', 'purchase', 'add_gb', 'balance_add', 'balance_deduct')),
    amount_cents INTEGER NOT NULL,
    user_id TEXT,
    package_id TEXT,
    gb INTEGER,
    proxy_type TEXT,
    note TEXT,
    description TEXT NOT NULL,
    reseller_balance_after_cents INTEGER NOT NULL,
    user_balance_after_cents INTEGER,
    created_at INTEGER NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS wzx_transactions_by_reseller ON wzx_transactions (reseller_id, seq)`,
  `CREATE INDEX IF NOT EXISTS wzx_transactions_by_type ON wzx_transactions (reseller_id, type, seq)`,
  `CREATE INDEX IF NOT EXISTS wzx_transactions_by_time ON wzx_transactions (reseller_id, created_at)`,
  // A key revoked by regenerate-key, with the Idempotency-Key of that request: a client
  // whose answer was lost can replay it with the old key and that key only (see auth.ts).
  `CREATE TABLE IF NOT EXISTS wzx_revoked_keys (
    api_key TEXT PRIMARY KEY,
    reseller_id TEXT NOT NULL REFERENCES wzx_resellers(id),
    idempotency_key TEXT,
    revoked_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS wzx_webhooks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    reseller_id TEXT NOT NULL REFERENCES wzx_resellers(id),
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS wzx_webhooks_by_reseller ON wzx_webhooks (reseller_id, seq)`,
];

/** Creates the tables when missing; safe to run on every start (state files persist). */
export function migrateWhozex(db: Database): void {
  db.transaction(() => {
    for (const sql of STATEMENTS) db.prepare(sql).run();
  })();
}
