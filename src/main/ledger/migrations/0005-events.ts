import { sql, type Kysely } from 'kysely';

/**
 * Events and alerts: the inbox every webhook delivery, poll observation and local
 * operation lands in (one row per fact: `fact_key` is unique, so a webhook and a poll
 * reporting the same thing make one event), the webhook listener's per-account token and
 * registrations (secrets live in the keychain, never here), the delivery ids already
 * seen, crossing counters (a threshold crossed for the n-th time is one fact), the last
 * upstream balance observed, poller state, alert rule overrides and alerts with their
 * hysteresis state (at most one active alert per rule kind and subject).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE event_inbox (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      fact_key TEXT NOT NULL UNIQUE,
      source TEXT NOT NULL CHECK (source IN ('webhook', 'poll', 'local')),
      type TEXT NOT NULL,
      account_id TEXT,
      subject TEXT,
      summary TEXT NOT NULL DEFAULT '',
      payload TEXT NOT NULL DEFAULT '{}',
      raw TEXT,
      delivery_id TEXT,
      occurred_at TEXT NOT NULL,
      received_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'failed')),
      applied_at TEXT,
      effects TEXT NOT NULL DEFAULT '[]',
      error TEXT
    ) STRICT`,
    sql`CREATE INDEX event_inbox_occurred ON event_inbox (occurred_at)`,
    sql`CREATE INDEX event_inbox_account ON event_inbox (account_id, seq)`,
    sql`CREATE INDEX event_inbox_type ON event_inbox (type, seq)`,
    sql`CREATE INDEX event_inbox_unapplied ON event_inbox (status) WHERE status != 'applied'`,

    // Every delivery id (upstream event id, else sha256 of the raw body) accepted once.
    sql`CREATE TABLE webhook_receipts (
      account_id TEXT NOT NULL,
      delivery_id TEXT NOT NULL,
      event_id TEXT,
      received_at TEXT NOT NULL,
      PRIMARY KEY (account_id, delivery_id)
    ) STRICT`,

    sql`CREATE TABLE webhook_endpoints (
      account_id TEXT PRIMARY KEY REFERENCES provider_accounts (id),
      token TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      last_delivery_at TEXT,
      accepted INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      last_rejection TEXT
    ) STRICT`,

    sql`CREATE TABLE webhook_registrations (
      account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      upstream_id TEXT NOT NULL,
      url TEXT NOT NULL,
      events TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, upstream_id)
    ) STRICT`,

    sql`CREATE TABLE event_crossings (
      key TEXT PRIMARY KEY,
      crossings INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
      updated_at TEXT NOT NULL
    ) STRICT`,

    sql`CREATE TABLE upstream_observations (
      account_id TEXT PRIMARY KEY REFERENCES provider_accounts (id),
      balance INTEGER,
      balance_at TEXT,
      balance_changes INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL
    ) STRICT`,

    sql`CREATE TABLE poll_state (
      account_id TEXT PRIMARY KEY REFERENCES provider_accounts (id),
      package_cursor TEXT,
      last_run_at TEXT,
      last_ok_at TEXT,
      last_error_code TEXT,
      last_error_message TEXT,
      requests INTEGER NOT NULL DEFAULT 0
    ) STRICT`,

    // Only edited rules are stored; the defaults live in code. scope_id '' for the default.
    sql`CREATE TABLE alert_rules (
      kind TEXT NOT NULL CHECK (kind IN ('balance_low', 'customer_credit_low', 'package_low', 'proxy_expiring')),
      scope TEXT NOT NULL CHECK (scope IN ('default', 'account', 'customer')),
      scope_id TEXT NOT NULL DEFAULT '',
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      params TEXT NOT NULL DEFAULT '{}',
      updated_at TEXT NOT NULL,
      PRIMARY KEY (kind, scope, scope_id)
    ) STRICT`,

    sql`CREATE TABLE alerts (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      subject_key TEXT NOT NULL,
      account_id TEXT,
      customer_id TEXT,
      service_id TEXT,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      page TEXT NOT NULL,
      details TEXT NOT NULL DEFAULT '{}',
      status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'cleared')),
      raised_at TEXT NOT NULL,
      acknowledged_at TEXT,
      cleared_at TEXT
    ) STRICT`,
    // Hysteresis: one active (not cleared) alert per rule kind and subject.
    sql`CREATE UNIQUE INDEX alerts_active ON alerts (kind, subject_key) WHERE status != 'cleared'`,
    sql`CREATE INDEX alerts_status ON alerts (status, raised_at)`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Schema migrations are not undone; restore a backup instead.');
}
