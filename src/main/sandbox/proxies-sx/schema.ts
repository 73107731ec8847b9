import type { SandboxDb } from '../core/store';

/**
 * Proxies.sx sandbox tables. Money in integer cents. Every list has an index that matches
 * its filter + order (seq), so a 10,000-customer account pages with LIMIT/OFFSET cheaply.
 * Idempotent: runs on every start.
 */
export function ensurePsxSchema(db: SandboxDb): void {
  db.exec(`
  CREATE TABLE IF NOT EXISTS psx_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE IF NOT EXISTS psx_resellers (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    balance_cents INTEGER NOT NULL,
    low_balance INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE IF NOT EXISTS psx_api_keys (
    id TEXT PRIMARY KEY,
    reseller_id TEXT NOT NULL REFERENCES psx_resellers(id),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );

  CREATE TABLE IF NOT EXISTS psx_pricebooks (
    reseller_id TEXT PRIMARY KEY REFERENCES psx_resellers(id),
    config TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS psx_country_overrides (
    reseller_id TEXT NOT NULL REFERENCES psx_resellers(id),
    country_id TEXT NOT NULL,
    margin_percent TEXT NOT NULL,
    PRIMARY KEY (reseller_id, country_id)
  );
  CREATE TABLE IF NOT EXISTS psx_customer_discounts (
    reseller_id TEXT NOT NULL REFERENCES psx_resellers(id),
    customer_id TEXT NOT NULL,
    discount_percent TEXT NOT NULL,
    PRIMARY KEY (reseller_id, customer_id)
  );

  CREATE TABLE IF NOT EXISTS psx_countries (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL UNIQUE, iso3 TEXT NOT NULL,
    phone_code TEXT NOT NULL, free_device_count INTEGER NOT NULL, server_ip TEXT NOT NULL, sort INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS psx_cities (
    id TEXT PRIMARY KEY, country_id TEXT NOT NULL REFERENCES psx_countries(id), name TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS psx_cities_country ON psx_cities(country_id, name);
  CREATE TABLE IF NOT EXISTS psx_carriers (
    id TEXT PRIMARY KEY, country_id TEXT NOT NULL REFERENCES psx_countries(id), name TEXT NOT NULL,
    free_device_count INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS psx_carriers_country ON psx_carriers(country_id, name);

  CREATE TABLE IF NOT EXISTS psx_customers (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    reseller_id TEXT NOT NULL REFERENCES psx_resellers(id),
    email TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL,
    company TEXT,
    external_id TEXT,
    allocated_port_slots INTEGER NOT NULL,
    used_port_slots INTEGER NOT NULL DEFAULT 0,
    allocated_traffic_gb TEXT NOT NULL DEFAULT '0',
    balance_cents INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (reseller_id, email)
  );
  CREATE INDEX IF NOT EXISTS psx_customers_list ON psx_customers(reseller_id, seq);
  CREATE INDEX IF NOT EXISTS psx_customers_status ON psx_customers(reseller_id, status, seq);
  CREATE INDEX IF NOT EXISTS psx_customers_external ON psx_customers(reseller_id, external_id);

  CREATE TABLE IF NOT EXISTS psx_ports (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    reseller_id TEXT NOT NULL REFERENCES psx_resellers(id),
    customer_id TEXT NOT NULL,
    country_id TEXT NOT NULL,
    city_id TEXT,
    carrier_id TEXT,
    display_name TEXT NOT NULL,
    http_port INTEGER NOT NULL,
    socks_port INTEGER NOT NULL,
    proxy_login TEXT NOT NULL,
    proxy_password TEXT NOT NULL,
    server_ip TEXT NOT NULL,
    device_id TEXT NOT NULL,
    current_ip TEXT NOT NULL,
    type TEXT NOT NULL,
    exclusive INTEGER NOT NULL,
    status TEXT NOT NULL,
    days INTEGER NOT NULL,
    cost_cents INTEGER NOT NULL,
    price_cents INTEGER NOT NULL,
    rotation_count INTEGER NOT NULL DEFAULT 0,
    last_rotated_at INTEGER,
    expiring_notified INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS psx_ports_list ON psx_ports(reseller_id, seq);
  CREATE INDEX IF NOT EXISTS psx_ports_customer ON psx_ports(reseller_id, customer_id, seq);
  CREATE INDEX IF NOT EXISTS psx_ports_status ON psx_ports(reseller_id, status, seq);
  CREATE INDEX IF NOT EXISTS psx_ports_expiry ON psx_ports(status, expires_at);

  CREATE TABLE IF NOT EXISTS psx_transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    reseller_id TEXT NOT NULL REFERENCES psx_resellers(id),
    type TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    balance_after_cents INTEGER NOT NULL,
    description TEXT NOT NULL,
    reference_id TEXT,
    customer_id TEXT,
    port_id TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS psx_transactions_list ON psx_transactions(reseller_id, seq);
  CREATE INDEX IF NOT EXISTS psx_transactions_type ON psx_transactions(reseller_id, type, seq);

  CREATE TABLE IF NOT EXISTS psx_webhooks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    reseller_id TEXT NOT NULL REFERENCES psx_resellers(id),
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS psx_webhooks_reseller ON psx_webhooks(reseller_id, seq);
  `);
}
