import { sql, type Kysely } from 'kysely';

/**
 * Services a customer holds upstream (Proxies.sx ports, Whozex packages) and one row
 * per sale line, so profit by customer, country, product, upstream and period is a query.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE services (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('port', 'package')),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      provider_account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      upstream_id TEXT NOT NULL,
      status TEXT NOT NULL,
      label TEXT,
      country TEXT,
      city TEXT,
      carrier TEXT,
      proxy_type TEXT,
      is_private INTEGER NOT NULL DEFAULT 0,
      exclusive INTEGER NOT NULL DEFAULT 0,
      total_gb_milli INTEGER,
      used_gb_milli INTEGER,
      expires_at TEXT,
      details TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE UNIQUE INDEX services_upstream ON services (provider_account_id, kind, upstream_id)`,
    sql`CREATE INDEX services_customer ON services (customer_id, status)`,
    sql`CREATE INDEX services_expiry ON services (status, expires_at)`,

    sql`CREATE TABLE sales (
      id TEXT PRIMARY KEY,
      transaction_id TEXT NOT NULL REFERENCES transactions (id),
      occurred_at TEXT NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      provider_account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      service_id TEXT REFERENCES services (id),
      product TEXT NOT NULL,
      country TEXT,
      quantity INTEGER NOT NULL,
      unit TEXT NOT NULL CHECK (unit IN ('day', 'GB')),
      cost INTEGER NOT NULL,
      price INTEGER NOT NULL,
      reverses_id TEXT REFERENCES sales (id)
    ) STRICT`,
    sql`CREATE INDEX sales_occurred ON sales (occurred_at)`,
    sql`CREATE INDEX sales_customer ON sales (customer_id, occurred_at)`,
    sql`CREATE INDEX sales_provider ON sales (provider_account_id, occurred_at)`,
    sql`CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales
      BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END`,
    sql`CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
      BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Schema migrations are not undone; restore a backup instead.');
}
