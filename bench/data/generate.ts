import Database from 'better-sqlite3';
import { openLedger } from '../../src/main/ledger/database';
import { int, pick, prng, uuid, uuid7, type Random } from '../lib/prng';
import { COMPANY_SUFFIXES, COMPANY_WORDS, COUNTRIES, DOMAINS, FIRST_NAMES, LAST_NAMES } from './names';

/**
 * The seeded data set: upstream accounts, customers, their ports (services rows) and a
 * journal of balanced transactions (sales, payments, top-ups, deposits) spread over two
 * years up to BENCH_NOW. Written straight into a migrated ledger file with raw prepared
 * statements in big transactions (generation is not what the bench measures), through the
 * app's real schema, triggers included (customer_balances is kept by them as in the app).
 */

export const BENCH_NOW = new Date('2026-11-20T12:00:00.000Z');
const SPAN_MS = 730 * 86_400_000;
const DAY_MS = 86_400_000;

export const ACCOUNTS = {
  psx: { id: 'acct-psx-main', provider: 'proxies-sx', name: 'Proxies.sx main', baseUrl: 'https://api.proxies.sx/v1' },
  wzx: { id: 'acct-wzx-main', provider: 'whozex', name: 'Whozex main', baseUrl: 'https://api.whozex.com/v1' },
} as const;

export interface DataSpec {
  customers: number;
  ports: number;
  transactions: number;
}

export interface GeneratedSummary {
  customers: number;
  services: number;
  transactions: number;
  postings: number;
  sales: number;
  /** First and last occurred_at of the journal. */
  firstAt: string;
  lastAt: string;
}

const BATCH = 50_000;

function batched(sqlite: Database.Database, count: number, insertOne: (i: number) => void): void {
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH);
    sqlite.transaction(() => {
      for (let i = start; i < end; i++) insertOne(i);
    })();
  }
}

function customerRow(r: Random, i: number, createdAt: string) {
  const first = pick(r, FIRST_NAMES);
  const last = pick(r, LAST_NAMES);
  const hasCompany = r() < 0.4;
  const company = hasCompany ? `${pick(r, COMPANY_WORDS)} ${pick(r, COMPANY_SUFFIXES)}` : null;
  const status = r() < 0.9 ? 'active' : r() < 0.5 ? 'suspended' : 'archived';
  return {
    id: uuid(r),
    email: `${first}.${last}.${i}@${pick(r, DOMAINS)}`.toLowerCase(),
    name: `${first} ${last}`,
    company,
    external_id: r() < 0.3 ? `EXT-${String(i).padStart(7, '0')}` : null,
    notes: r() < 0.1 ? 'Prefers crypto payments.' : null,
    tags: r() < 0.2 ? '["vip"]' : '[]',
    status,
    port_slot_quota: int(r, 0, 20),
    traffic_gb_allocation: int(r, 0, 100),
    created_at: createdAt,
    updated_at: createdAt,
  };
}

export async function generateDataset(file: string, spec: DataSpec, seed: number, log: (line: string) => void): Promise<GeneratedSummary> {
  // The app's own migrations make the schema (and its triggers).
  const ledger = await openLedger(file);
  await ledger.close();

  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -524288');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('threads = 2');
  // Bulk load without the secondary indexes, then recreate them from their own SQL (the
  // schema ends identical): building an index once is far faster than keeping it through
  // millions of random inserts. Triggers stay on, so every table the app keeps by trigger
  // (customer balances, daily ledger totals, …) is filled exactly as the app fills it.
  const deferred = sqlite
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('customers', 'ledger_accounts', 'customer_links', 'services', 'transactions', 'postings', 'sales')")
    .all() as { type: string; name: string; sql: string }[];
  for (const d of deferred) sqlite.exec(`DROP INDEX "${d.name}"`);
  const r = prng(seed);
  const startMs = BENCH_NOW.getTime() - SPAN_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const created = iso(startMs - DAY_MS);

  const accountInsert = sqlite.prepare(
    'INSERT INTO provider_accounts (id, provider, name, base_url, is_sandbox, key_hint, status, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)',
  );
  for (const a of Object.values(ACCOUNTS)) accountInsert.run(a.id, a.provider, a.name, a.baseUrl, 'key_…a1b2', 'active', created, created);

  // Customers (created over the first 18 months), their ledger accounts and upstream links.
  const customerIds: string[] = new Array(spec.customers);
  const insertCustomer = sqlite.prepare(
    `INSERT INTO customers (id, email, name, company, external_id, notes, tags, status, port_slot_quota, traffic_gb_allocation, created_at, updated_at)
     VALUES (@id, @email, @name, @company, @external_id, @notes, @tags, @status, @port_slot_quota, @traffic_gb_allocation, @created_at, @updated_at)`,
  );
  const insertLedgerAccount = sqlite.prepare('INSERT OR IGNORE INTO ledger_accounts (id, kind, name, customer_id, provider_account_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertLink = sqlite.prepare('INSERT INTO customer_links (customer_id, account_id, upstream_id, created_at) VALUES (?, ?, ?, ?)');
  for (const [id, kind, name, acct] of [
    ['cash', 'asset', 'Cash', null],
    ['revenue', 'income', 'Revenue', null],
    ['equity', 'equity', "Owner's equity", null],
    [`upstream:${ACCOUNTS.psx.id}`, 'asset', 'Upstream balance', ACCOUNTS.psx.id],
    [`upstream:${ACCOUNTS.wzx.id}`, 'asset', 'Upstream balance', ACCOUNTS.wzx.id],
    [`cost:${ACCOUNTS.psx.id}`, 'expense', 'Wholesale cost', ACCOUNTS.psx.id],
    [`cost:${ACCOUNTS.wzx.id}`, 'expense', 'Wholesale cost', ACCOUNTS.wzx.id],
  ] as const) {
    insertLedgerAccount.run(id, kind, name, null, acct, created);
  }
  batched(sqlite, spec.customers, (i) => {
    const at = iso(startMs + Math.floor((i / spec.customers) * SPAN_MS * 0.75));
    const c = customerRow(r, i, at);
    customerIds[i] = c.id;
    insertCustomer.run(c);
    insertLedgerAccount.run(`credit:${c.id}`, 'liability', 'Customer credit', c.id, null, at);
    insertLedgerAccount.run(`receivable:${c.id}`, 'asset', 'Receivable', c.id, null, at);
    insertLedgerAccount.run(`upstream:${ACCOUNTS.wzx.id}:sub:${c.id}`, 'asset', 'Customer sub-balance upstream', c.id, ACCOUNTS.wzx.id, at);
    insertLink.run(c.id, ACCOUNTS.psx.id, `psx-cus-${i}`, at);
    if (i % 3 === 0) insertLink.run(c.id, ACCOUNTS.wzx.id, `wzx-user-${i}`, at);
  });
  log(`  customers: ${spec.customers}`);

  // Ports (and some packages): active ones end within the next two months, the rest ended.
  const insertService = sqlite.prepare(
    `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, country, city, carrier, proxy_type, is_private, exclusive,
       total_gb_milli, used_gb_milli, expires_at, details, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, 0, ?, ?, ?, '{}', ?, ?)`,
  );
  const nowMs = BENCH_NOW.getTime();
  batched(sqlite, spec.ports, (i) => {
    const customer = customerIds[Math.floor(r() * spec.customers)]!;
    const isPackage = r() < 0.1;
    const active = r() < 0.55;
    const expires = active ? nowMs + Math.floor((r() * 62 - 2) * DAY_MS) : nowMs - Math.floor((1 + r() * 700) * DAY_MS);
    const createdAt = iso(Math.min(nowMs, expires - 30 * DAY_MS));
    const total = isPackage ? int(r, 1, 100) * 1000 : null;
    insertService.run(
      uuid(r),
      isPackage ? 'package' : 'port',
      customer,
      isPackage ? ACCOUNTS.wzx.id : ACCOUNTS.psx.id,
      `${isPackage ? 'pkg' : 'port'}-${i}`,
      active ? 'active' : isPackage ? 'depleted' : 'expired',
      pick(r, COUNTRIES),
      isPackage ? null : pick(r, ['T-Mobile', 'Vodafone', 'Orange', 'AT&T', 'Verizon']),
      isPackage ? pick(r, ['residential', 'datacenter', 'mobile']) : 'mobile',
      r() < 0.3 ? 1 : 0,
      total,
      total === null ? null : Math.floor(total * r()),
      iso(expires),
      createdAt,
      createdAt,
    );
  });
  log(`  services: ${spec.ports}`);

  // The journal, in time order (seq follows occurred_at as in the app).
  const insertTx = sqlite.prepare(
    `INSERT INTO transactions (id, seq, occurred_at, recorded_at, kind, description, currency, customer_id, provider_account_id, reference, payment_method, reverses_id, operation_id)
     VALUES (?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, NULL, NULL)`,
  );
  const insertPosting = sqlite.prepare('INSERT INTO postings (transaction_id, account_id, amount) VALUES (?, ?, ?)');
  const insertSale = sqlite.prepare(
    `INSERT INTO sales (id, transaction_id, occurred_at, customer_id, provider_account_id, service_id, product, country, quantity, unit, cost, price, reverses_id)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const credit = new Float64Array(spec.customers);
  const receivable = new Float64Array(spec.customers);
  const psxUp = `upstream:${ACCOUNTS.psx.id}`;
  const wzxUp = `upstream:${ACCOUNTS.wzx.id}`;
  const methods = ['card', 'crypto', 'bank', 'cash', 'other'] as const;
  let postings = 0;
  let sales = 0;
  const step = SPAN_MS / spec.transactions;
  batched(sqlite, spec.transactions, (i) => {
    if (i % 250_000 === 0 && i > 0) log(`  transactions: ${i}`);
    const atMs = startMs + Math.floor(i * step + r() * step * 0.9);
    const at = iso(atMs);
    const id = uuid7(atMs, r);
    const seq = i + 1;
    const post = (account: string, amount: number) => {
      if (amount === 0) return;
      insertPosting.run(id, account, amount);
      postings++;
    };
    const x = r();
    if (x < 0.02) {
      const acct = r() < 0.6 ? ACCOUNTS.psx : ACCOUNTS.wzx;
      const amount = int(r, 500, 5000) * 100;
      insertTx.run(id, seq, at, at, 'deposit', `Deposit to ${acct.name}`, null, acct.id, null, null);
      post(`upstream:${acct.id}`, amount);
      post('cash', -amount);
      return;
    }
    const ci = Math.floor(r() * spec.customers);
    const cust = customerIds[ci]!;
    if (x < 0.22) {
      const amount = int(r, 10, 300) * 100;
      const settle = Math.min(amount, Math.max(0, receivable[ci] ?? 0));
      const method = pick(r, methods);
      insertTx.run(id, seq, at, at, 'payment', `Payment received (${method})`, cust, null, r() < 0.5 ? `INV-${seq}` : null, method);
      post('cash', amount);
      post(`receivable:${cust}`, -settle);
      post(`credit:${cust}`, -(amount - settle));
      receivable[ci] = (receivable[ci] ?? 0) - settle;
      credit[ci] = (credit[ci] ?? 0) + amount - settle;
      return;
    }
    if (x < 0.27) {
      const amount = int(r, 5, 100) * 100;
      insertTx.run(id, seq, at, at, 'topup', 'Top-up of customer balance', cust, ACCOUNTS.wzx.id, null, null);
      post(`${wzxUp}:sub:${cust}`, amount);
      post(wzxUp, -amount);
      return;
    }
    // A sale: a Proxies.sx port (days) or a Whozex package (GB, paid from the sub-balance).
    const port = r() < 0.7;
    const quantity = port ? pick(r, [1, 7, 30, 30, 30, 90]) : int(r, 1, 50);
    const unitCost = port ? int(r, 150, 400) : int(r, 80, 600);
    const cost = unitCost * quantity;
    const price = Math.round(cost * (1 + int(r, 15, 40) / 100));
    const fromCredit = Math.min(price, Math.max(0, credit[ci] ?? 0));
    const country = pick(r, COUNTRIES);
    const acct = port ? ACCOUNTS.psx : ACCOUNTS.wzx;
    const product = port ? 'port' : `package:${pick(r, ['residential', 'datacenter', 'mobile'])}`;
    insertTx.run(id, seq, at, at, 'sale', `Sale: ${product} (${country}), ${quantity} ${port ? 'days' : 'GB'}`, cust, acct.id, null, null);
    post(`cost:${acct.id}`, cost);
    post(port ? psxUp : `${wzxUp}:sub:${cust}`, -cost);
    post(`credit:${cust}`, fromCredit);
    post(`receivable:${cust}`, price - fromCredit);
    post('revenue', -price);
    credit[ci] = (credit[ci] ?? 0) - fromCredit;
    receivable[ci] = (receivable[ci] ?? 0) + price - fromCredit;
    insertSale.run(uuid(r), id, at, cust, acct.id, product, country, quantity, port ? 'day' : 'GB', cost, price);
    sales++;
  });
  log(`  transactions: ${spec.transactions}, postings: ${postings}, sales: ${sales}`);

  log('  rebuilding indexes…');
  for (const d of deferred) sqlite.exec(d.sql);

  const first = sqlite.prepare('SELECT min(occurred_at) AS a, max(occurred_at) AS b FROM transactions').get() as { a: string; b: string };
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { customers: spec.customers, services: spec.ports, transactions: spec.transactions, postings, sales, firstAt: first.a, lastAt: first.b };
}
