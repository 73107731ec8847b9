import { sql, type Kysely } from 'kysely';

/**
 * The local pricebook (one for all upstreams), customer discounts, a per-customer
 * balance table and daily ledger totals kept by triggers, and the indexes that keep
 * customer search and the money services fast at 100,000 customers and a million postings.
 *
 * Percentages and multipliers are integers in parts per million (25 % = 250000,
 * ×1.5 = 1500000); fixed prices are integer micro-units per day or per GB.
 */
/** The bucket of a ledger account id (the chart's naming rule), as SQL over `col`. */
const BUCKET = (col: string) =>
  sql.raw(`CASE
    WHEN ${col} = 'cash' THEN 'cash'
    WHEN ${col} = 'revenue' THEN 'revenue'
    WHEN ${col} = 'equity' THEN 'equity'
    WHEN substr(${col}, 1, 7) = 'credit:' THEN 'credit'
    WHEN substr(${col}, 1, 11) = 'receivable:' THEN 'receivable'
    WHEN substr(${col}, 1, 5) = 'cost:' THEN 'cost'
    WHEN instr(${col}, ':sub:') > 0 THEN 'sub'
    WHEN substr(${col}, 1, 9) = 'upstream:' THEN 'upstream'
    ELSE 'other'
  END`);
/** The upstream account a bucketed ledger account belongs to ('' for none). */
const BUCKET_ACCOUNT = (col: string) =>
  sql.raw(`CASE
    WHEN substr(${col}, 1, 5) = 'cost:' THEN substr(${col}, 6)
    WHEN instr(${col}, ':sub:') > 0 THEN substr(${col}, 10, instr(${col}, ':sub:') - 10)
    WHEN substr(${col}, 1, 9) = 'upstream:' THEN substr(${col}, 10)
    ELSE ''
  END`);

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // Exactly one row (id = 1). Per-product NULL margin means "use the default margin".
    sql`CREATE TABLE pricebook (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      mode TEXT NOT NULL CHECK (mode IN ('margin', 'fixed', 'multiplier')),
      default_margin_ppm INTEGER NOT NULL,
      port_margin_ppm INTEGER,
      port_fixed_micros INTEGER CHECK (port_fixed_micros IS NULL OR port_fixed_micros >= 0),
      port_multiplier_ppm INTEGER CHECK (port_multiplier_ppm IS NULL OR port_multiplier_ppm >= 0),
      traffic_margin_ppm INTEGER,
      traffic_fixed_micros INTEGER CHECK (traffic_fixed_micros IS NULL OR traffic_fixed_micros >= 0),
      traffic_multiplier_ppm INTEGER CHECK (traffic_multiplier_ppm IS NULL OR traffic_multiplier_ppm >= 0),
      updated_at TEXT NOT NULL
    ) STRICT`,
    // The upstream's default pricebook: margin mode, 20 % everywhere.
    sql`INSERT INTO pricebook (id, mode, default_margin_ppm, port_margin_ppm, traffic_margin_ppm, updated_at)
        VALUES (1, 'margin', 200000, 200000, 200000, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,

    sql`CREATE TABLE pricebook_country_overrides (
      country TEXT PRIMARY KEY CHECK (length(country) = 2 AND country = upper(country)),
      margin_ppm INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,

    sql`CREATE TABLE customer_discounts (
      customer_id TEXT PRIMARY KEY REFERENCES customers (id),
      discount_ppm INTEGER NOT NULL CHECK (discount_ppm > 0 AND discount_ppm <= 1000000),
      updated_at TEXT NOT NULL
    ) STRICT`,

    // credit = natural balance of credit:<cust> (what the reseller owes the customer),
    // receivable = balance of receivable:<cust> (what the customer owes). Kept by the
    // triggers below in the same SQLite transaction as every posting, so filtering and
    // sorting 100k customers by balance never sums a million postings.
    sql`CREATE TABLE customer_balances (
      customer_id TEXT PRIMARY KEY REFERENCES customers (id),
      credit INTEGER NOT NULL DEFAULT 0,
      receivable INTEGER NOT NULL DEFAULT 0,
      balance INTEGER GENERATED ALWAYS AS (credit - receivable) STORED
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX customer_balances_balance ON customer_balances (balance)`,
    sql`CREATE INDEX customer_balances_credit ON customer_balances (credit)`,
    sql`CREATE INDEX customer_balances_receivable ON customer_balances (receivable)`,

    sql`INSERT INTO customer_balances (customer_id, credit, receivable)
        SELECT c.id,
          coalesce((SELECT -sum(p.amount) FROM postings p WHERE p.account_id = 'credit:' || c.id), 0),
          coalesce((SELECT sum(p.amount) FROM postings p WHERE p.account_id = 'receivable:' || c.id), 0)
        FROM customers c`,

    sql`CREATE TRIGGER customers_balance_row AFTER INSERT ON customers
      BEGIN INSERT OR IGNORE INTO customer_balances (customer_id) VALUES (NEW.id); END`,
    sql`CREATE TRIGGER postings_customer_credit AFTER INSERT ON postings
      WHEN substr(NEW.account_id, 1, 7) = 'credit:'
      BEGIN
        INSERT INTO customer_balances (customer_id, credit) VALUES (substr(NEW.account_id, 8), -NEW.amount)
        ON CONFLICT (customer_id) DO UPDATE SET credit = credit + excluded.credit;
      END`,
    sql`CREATE TRIGGER postings_customer_receivable AFTER INSERT ON postings
      WHEN substr(NEW.account_id, 1, 11) = 'receivable:'
      BEGIN
        INSERT INTO customer_balances (customer_id, receivable) VALUES (substr(NEW.account_id, 12), NEW.amount)
        ON CONFLICT (customer_id) DO UPDATE SET receivable = receivable + excluded.receivable;
      END`,

    // "Linked to this upstream account" without probing every customer.
    sql`CREATE INDEX customer_links_account ON customer_links (account_id, customer_id)`,
    // The books at a glance without summing a million postings: per UTC day, the sum of
    // postings by bucket of the chart (cash, revenue, equity, credit and receivable over
    // all customers, and per upstream account its balance, sub-balances and cost).
    sql`CREATE TABLE ledger_daily (
      day TEXT NOT NULL,
      bucket TEXT NOT NULL,
      account TEXT NOT NULL,
      amount INTEGER NOT NULL,
      PRIMARY KEY (day, bucket, account)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TRIGGER postings_daily AFTER INSERT ON postings
      BEGIN
        INSERT INTO ledger_daily (day, bucket, account, amount)
        SELECT substr(t.occurred_at, 1, 10), ${BUCKET('NEW.account_id')}, ${BUCKET_ACCOUNT('NEW.account_id')}, NEW.amount
        FROM transactions t WHERE t.id = NEW.transaction_id
        ON CONFLICT (day, bucket, account) DO UPDATE SET amount = amount + excluded.amount;
      END`,
    sql`INSERT INTO ledger_daily (day, bucket, account, amount)
        SELECT substr(t.occurred_at, 1, 10) AS d, ${BUCKET('p.account_id')} AS b, ${BUCKET_ACCOUNT('p.account_id')} AS a, sum(p.amount)
        FROM postings p JOIN transactions t ON t.id = p.transaction_id
        GROUP BY d, b, a`,

    // Prefix search on external ids, case-insensitive like the other searchable columns.
    sql`CREATE INDEX customers_external_id_nocase ON customers (external_id COLLATE NOCASE)`,
    // "Has a service expiring within N days" without scanning every customer's services.
    sql`CREATE INDEX services_expires_customer ON services (expires_at, customer_id) WHERE expires_at IS NOT NULL`,
    // Reversal mirrors a transaction's sale lines; statements find a sale's credit notes.
    sql`CREATE INDEX sales_transaction ON sales (transaction_id)`,
    sql`CREATE INDEX sales_reverses ON sales (reverses_id) WHERE reverses_id IS NOT NULL`,
    sql`CREATE INDEX transactions_reference ON transactions (reference) WHERE reference IS NOT NULL`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Schema migrations are not undone; restore a backup instead.');
}
