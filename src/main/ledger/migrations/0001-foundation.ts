import { sql, type Kysely } from 'kysely';

/**
 * The foundation schema: settings, upstream accounts, customers, the double-entry
 * journal (transactions + postings, append-only) and the operations journal.
 * Migrations never import app code and are never edited once shipped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,

    sql`CREATE TABLE provider_accounts (
      id TEXT PRIMARY KEY,
      provider TEXT NOT NULL CHECK (provider IN ('proxies-sx', 'whozex')),
      name TEXT NOT NULL,
      base_url TEXT NOT NULL,
      is_sandbox INTEGER NOT NULL DEFAULT 0 CHECK (is_sandbox IN (0, 1)),
      key_hint TEXT,
      currency TEXT NOT NULL DEFAULT 'USD',
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE UNIQUE INDEX provider_accounts_name ON provider_accounts (name COLLATE NOCASE) WHERE status = 'active'`,

    sql`CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL COLLATE NOCASE,
      name TEXT NOT NULL,
      company TEXT,
      external_id TEXT,
      notes TEXT,
      tags TEXT NOT NULL DEFAULT '[]',
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'archived')),
      port_slot_quota INTEGER NOT NULL DEFAULT 0 CHECK (port_slot_quota >= 0),
      traffic_gb_allocation INTEGER NOT NULL DEFAULT 0 CHECK (traffic_gb_allocation >= 0),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE UNIQUE INDEX customers_email ON customers (email COLLATE NOCASE)`,
    sql`CREATE INDEX customers_name ON customers (name COLLATE NOCASE)`,
    sql`CREATE INDEX customers_company ON customers (company COLLATE NOCASE)`,
    sql`CREATE INDEX customers_external_id ON customers (external_id)`,
    sql`CREATE INDEX customers_status_name ON customers (status, name COLLATE NOCASE)`,
    sql`CREATE INDEX customers_created ON customers (created_at)`,

    // A local customer may hold services on several upstream accounts.
    sql`CREATE TABLE customer_links (
      customer_id TEXT NOT NULL REFERENCES customers (id),
      account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      upstream_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (customer_id, account_id)
    ) STRICT`,
    sql`CREATE UNIQUE INDEX customer_links_upstream ON customer_links (account_id, upstream_id)`,

    // Chart of accounts: upstream:<acct>, upstream:<acct>:sub:<cust>, cash,
    // receivable:<cust>, credit:<cust>, revenue, cost:<acct>, equity.
    sql`CREATE TABLE ledger_accounts (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('asset', 'liability', 'income', 'expense', 'equity')),
      name TEXT NOT NULL,
      customer_id TEXT REFERENCES customers (id),
      provider_account_id TEXT REFERENCES provider_accounts (id),
      created_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX ledger_accounts_customer ON ledger_accounts (customer_id)`,
    sql`CREATE INDEX ledger_accounts_provider ON ledger_accounts (provider_account_id)`,

    // One money movement. Amounts live in postings; these columns are for queries.
    sql`CREATE TABLE transactions (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL UNIQUE,
      occurred_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      kind TEXT NOT NULL,
      description TEXT NOT NULL,
      currency TEXT NOT NULL DEFAULT 'USD',
      customer_id TEXT REFERENCES customers (id),
      provider_account_id TEXT REFERENCES provider_accounts (id),
      reference TEXT,
      payment_method TEXT CHECK (payment_method IS NULL OR payment_method IN ('card', 'crypto', 'bank', 'cash', 'other')),
      reverses_id TEXT REFERENCES transactions (id),
      operation_id TEXT
    ) STRICT`,
    sql`CREATE INDEX transactions_occurred ON transactions (occurred_at)`,
    sql`CREATE INDEX transactions_customer ON transactions (customer_id, occurred_at)`,
    sql`CREATE INDEX transactions_provider ON transactions (provider_account_id, occurred_at)`,
    sql`CREATE INDEX transactions_kind ON transactions (kind, occurred_at)`,
    sql`CREATE UNIQUE INDEX transactions_reverses ON transactions (reverses_id) WHERE reverses_id IS NOT NULL`,
    sql`CREATE INDEX transactions_operation ON transactions (operation_id) WHERE operation_id IS NOT NULL`,

    // Signed integer minor units: debit positive, credit negative; a transaction sums to 0.
    sql`CREATE TABLE postings (
      id INTEGER PRIMARY KEY,
      transaction_id TEXT NOT NULL REFERENCES transactions (id),
      account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
      amount INTEGER NOT NULL
    ) STRICT`,
    sql`CREATE INDEX postings_transaction ON postings (transaction_id)`,
    sql`CREATE INDEX postings_account ON postings (account_id, transaction_id)`,

    // Append-only: a mistake is corrected by a reversing transaction, never an edit.
    sql`CREATE TRIGGER transactions_no_update BEFORE UPDATE ON transactions
      BEGIN SELECT RAISE(ABORT, 'journal transactions are append-only'); END`,
    sql`CREATE TRIGGER transactions_no_delete BEFORE DELETE ON transactions
      BEGIN SELECT RAISE(ABORT, 'journal transactions are append-only'); END`,
    sql`CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
      BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END`,
    sql`CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
      BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END`,

    // Operations journal: a row is committed as 'pending' before any upstream mutation.
    sql`CREATE TABLE operations (
      id TEXT PRIMARY KEY,
      idempotency_key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      provider_account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      customer_id TEXT REFERENCES customers (id),
      status TEXT NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
      request TEXT NOT NULL,
      result TEXT,
      error_code TEXT,
      error_message TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      upstream_request_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      completed_at TEXT
    ) STRICT`,
    sql`CREATE INDEX operations_pending ON operations (status, created_at) WHERE status = 'pending'`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be undone; restore a backup instead.');
}
