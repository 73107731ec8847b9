import type { SandboxClock } from '../core/clock';
import type { SandboxDb } from '../core/store';
import { hashPassword, PSX_SCOPES, sha256 } from './auth';
import { ensurePsxSchema } from './schema';
import { DEFAULT_PRICEBOOK } from './pricing';

/** Fixed sandbox identity, so demos, docs and tests can rely on it. */
export const PSX_SEED = {
  resellerId: '65a0f0000000000000000001',
  email: 'reseller@sandbox.proxies.sx',
  password: 'sandbox-password',
  name: 'Sandbox Reseller',
  apiKey: 'psx_sandbox_0000000000000000000000000000000000000000',
  apiKeyId: '65a0f1000000000000000001',
  balanceCents: 50_000,
} as const;

interface CountrySeed {
  code: string;
  name: string;
  iso3: string;
  phoneCode: string;
  free: number;
  serverIp: string;
  cities: string[];
  carriers: [string, number][];
}

const COUNTRIES: CountrySeed[] = [
  { code: 'US', name: 'United States', iso3: 'USA', phoneCode: '+1', free: 1200, serverIp: '185.123.45.67', cities: ['New York', 'Los Angeles', 'Chicago', 'Miami'], carriers: [['T-Mobile', 500], ['AT&T', 400], ['Verizon', 300]] },
  { code: 'DE', name: 'Germany', iso3: 'DEU', phoneCode: '+49', free: 800, serverIp: '185.123.46.10', cities: ['Berlin', 'Munich', 'Frankfurt'], carriers: [['Telekom', 400], ['Vodafone', 250], ['O2', 150]] },
  { code: 'GB', name: 'United Kingdom', iso3: 'GBR', phoneCode: '+44', free: 600, serverIp: '185.123.47.20', cities: ['London', 'Manchester'], carriers: [['EE', 300], ['Vodafone UK', 200], ['Three', 100]] },
  { code: 'FR', name: 'France', iso3: 'FRA', phoneCode: '+33', free: 400, serverIp: '185.123.48.30', cities: ['Paris', 'Lyon'], carriers: [['Orange', 250], ['SFR', 150]] },
  { code: 'NL', name: 'Netherlands', iso3: 'NLD', phoneCode: '+31', free: 300, serverIp: '185.123.49.40', cities: ['Amsterdam', 'Rotterdam'], carriers: [['KPN', 200], ['Odido', 100]] },
  { code: 'TR', name: 'Turkey', iso3: 'TUR', phoneCode: '+90', free: 0, serverIp: '185.123.50.50', cities: ['Istanbul', 'Ankara'], carriers: [['Turkcell', 0], ['Vodafone TR', 0]] },
  { code: 'BR', name: 'Brazil', iso3: 'BRA', phoneCode: '+55', free: 150, serverIp: '185.123.51.60', cities: ['São Paulo', 'Rio de Janeiro'], carriers: [['Vivo', 100], ['Claro', 50]] },
  { code: 'JP', name: 'Japan', iso3: 'JPN', phoneCode: '+81', free: 0, serverIp: '185.123.52.70', cities: ['Tokyo', 'Osaka'], carriers: [['NTT Docomo', 0], ['SoftBank', 0]] },
];

const hexId = (prefix: string, n: number) => prefix + n.toString(16).padStart(24 - prefix.length, '0');

/** Country ids are fixed: 65a000000000000000000001 (US) … 65a000000000000000000008 (JP). */
export const countryId = (index: number) => hexId('65a0', index + 1);
export const PSX_COUNTRY_IDS = Object.fromEntries(COUNTRIES.map((c, i) => [c.code, countryId(i)])) as Record<string, string>;

/** Creates the schema and, on an empty store, the sandbox reseller and reference data. Idempotent. */
export function seedProxiesSx(db: SandboxDb, clock: SandboxClock): void {
  ensurePsxSchema(db);
  const exists = db.prepare('SELECT 1 FROM psx_resellers WHERE id = ?').get(PSX_SEED.resellerId);
  if (exists) return;
  const now = clock.now();
  db.transaction(() => {
    let city = 0;
    let carrier = 0;
    COUNTRIES.forEach((c, i) => {
      const id = countryId(i);
      db.prepare('INSERT OR IGNORE INTO psx_countries (id, name, code, iso3, phone_code, free_device_count, server_ip, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        id, c.name, c.code, c.iso3, c.phoneCode, c.free, c.serverIp, i,
      );
      for (const name of c.cities) db.prepare('INSERT OR IGNORE INTO psx_cities (id, country_id, name) VALUES (?, ?, ?)').run(hexId('65a1', ++city), id, name);
      for (const [name, free] of c.carriers) {
        db.prepare('INSERT OR IGNORE INTO psx_carriers (id, country_id, name, free_device_count) VALUES (?, ?, ?, ?)').run(hexId('65a2', ++carrier), id, name, free);
      }
    });
    db.prepare('INSERT INTO psx_resellers (id, email, name, password_hash, balance_cents, low_balance, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)').run(
      PSX_SEED.resellerId, PSX_SEED.email, PSX_SEED.name, hashPassword(PSX_SEED.password), PSX_SEED.balanceCents, now,
    );
    db.prepare('INSERT INTO psx_api_keys (id, reseller_id, name, key_hash, key_prefix, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      PSX_SEED.apiKeyId, PSX_SEED.resellerId, 'Sandbox key (all scopes)', sha256(PSX_SEED.apiKey), PSX_SEED.apiKey.slice(0, 12), JSON.stringify(PSX_SCOPES), now,
    );
    db.prepare('INSERT INTO psx_pricebooks (reseller_id, config, updated_at) VALUES (?, ?, ?)').run(PSX_SEED.resellerId, JSON.stringify(DEFAULT_PRICEBOOK), now);
    db.prepare(
      `INSERT INTO psx_transactions (id, reseller_id, type, amount_cents, balance_after_cents, description, reference_id, created_at)
       VALUES (?, ?, 'deposit', ?, ?, 'Initial deposit', 'sandbox-seed', ?)`,
    ).run(hexId('65a3', 1), PSX_SEED.resellerId, PSX_SEED.balanceCents, PSX_SEED.balanceCents, now);
  })();
}

/**
 * Bulk data for benchmarks and sync tests: `customers` customers with `portsPerCustomer`
 * ports each, written straight to the store (no charges, no webhooks). Ports alternate
 * active / expired and spread over the countries that have devices.
 */
export function seedLargeAccount(db: SandboxDb, clock: SandboxClock, opts: { customers: number; portsPerCustomer: number }): void {
  const now = clock.now();
  const countries = COUNTRIES.map((c, i) => ({ ...c, id: countryId(i) })).filter((c) => c.free > 0);
  const insC = db.prepare(
    `INSERT INTO psx_customers (id, reseller_id, email, name, company, external_id, allocated_port_slots, used_port_slots, allocated_traffic_gb, balance_cents, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, '0', 0, 'active', ?, ?)`,
  );
  const insP = db.prepare(
    `INSERT INTO psx_ports (id, reseller_id, customer_id, country_id, city_id, carrier_id, display_name, http_port, socks_port, proxy_login, proxy_password,
       server_ip, device_id, current_ip, type, exclusive, status, days, cost_cents, price_cents, created_at, updated_at, expires_at)
     VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, 'shared', 0, ?, 30, 6000, 7200, ?, ?, ?)`,
  );
  db.transaction(() => {
    let port = 0;
    for (let i = 0; i < opts.customers; i++) {
      const cid = hexId('65b0', i + 1);
      const active = Math.ceil(opts.portsPerCustomer / 2);
      insC.run(cid, PSX_SEED.resellerId, `bulk${i + 1}@example.com`, `Bulk Customer ${i + 1}`, `BULK-${i + 1}`, opts.portsPerCustomer, active, now, now);
      for (let j = 0; j < opts.portsPerCustomer; j++) {
        port++;
        const c = countries[port % countries.length]!;
        const expired = j >= active;
        insP.run(
          hexId('65c0', port), PSX_SEED.resellerId, cid, c.id, `psx_bulk_${port}`, 20_000 + port * 2, 20_001 + port * 2, `bulk${port}`, `pw${port}`,
          c.serverIp, `dev_bulk_${port}`, `100.64.${(port >> 8) & 255}.${port & 255}`, expired ? 'expired' : 'active', now, now,
          expired ? now - 86_400_000 : now + 30 * 86_400_000,
        );
      }
    }
  })();
}
