import type Database from 'better-sqlite3';
import { mulberry32 } from '../../../../src/shared/prng';
import { ledgerAccounts as A, postTransaction, reverseTransaction } from '../../../../src/main/ledger/journal';

/**
 * A small reseller business written straight into the ledger tables (the export reads
 * tables, so it needs no service): two upstream accounts, customers whose names,
 * descriptions and references are hostile to CSV and spreadsheets, deposits, top-ups,
 * payments, sales with their sale lines, refunds, a reversal, ports and packages.
 */

export const HOSTILE = [
  'Acme, "Quoted" Ltd',
  '=HYPERLINK("http://evil.example","click")',
  '+1 555 0100',
  '-negative start',
  '@mention',
  '\tTabbed',
  '\rCarriage start',
  'Line one\nLine two',
  'Windows\r\nbreak',
  'Emoji 🚀 👩‍👩‍👧 business',
  'שלום עולם',
  'مرحبا بالعالم',
  'Semi;colon',
  ' padded ',
] as const;

export interface Business {
  accounts: string[];
  customers: { id: string; name: string }[];
  start: Date;
  end: Date;
}

export function seedBusiness(db: Database.Database, options: { customers?: number; salesPerCustomer?: number; seed?: number } = {}): Business {
  const random = mulberry32(options.seed ?? 42);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const start = new Date('2026-01-01T00:00:00.000Z');
  const end = new Date('2026-03-31T23:59:59.000Z');
  const at = (dayOffset: number, minutes = int(0, 1439)) => new Date(start.getTime() + dayOffset * 86_400_000 + minutes * 60_000);
  const created = start.toISOString();

  const accounts = ['psx-main', 'whozex-eu'];
  db.prepare("INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES (?, 'proxies-sx', ?, 'http://127.0.0.1:1', ?, ?)").run(accounts[0], 'Main, "PSX"', created, created);
  db.prepare("INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES (?, 'whozex', ?, 'http://127.0.0.1:2', ?, ?)").run(accounts[1], '=Whozex EU', created, created);

  const count = options.customers ?? HOSTILE.length;
  const customers: Business['customers'] = [];
  const insertCustomer = db.prepare(
    'INSERT INTO customers (id, email, name, company, notes, tags, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < count; i += 1) {
    const id = `cust-${String(i + 1).padStart(3, '0')}`;
    const name = HOSTILE[i % HOSTILE.length]! + (i >= HOSTILE.length ? ` #${i}` : '');
    const createdAt = at(i % 60, 0).toISOString();
    insertCustomer.run(id, `c${i}@example.com`, name, i % 3 === 0 ? HOSTILE[(i + 1) % HOSTILE.length] : null, HOSTILE[(i + 2) % HOSTILE.length], JSON.stringify(['vip', '=tag']), i % 5 === 4 ? 'suspended' : 'active', createdAt, createdAt);
    customers.push({ id, name });
  }

  const now = new Date('2026-04-01T00:00:00Z');
  for (const acct of accounts) {
    postTransaction(db, { kind: 'deposit', description: `Deposit to ${acct}`, occurredAt: at(0, 5), providerAccountId: acct, reference: '=SUM(A1:A9)', postings: [{ account: A.upstream(acct), amount: 500_000 }, { account: A.cash, amount: -500_000 }] }, now);
  }

  const insertService = db.prepare(
    `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, country, city, carrier, proxy_type, total_gb_milli, used_gb_milli, expires_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSale = db.prepare(
    `INSERT INTO sales (id, transaction_id, occurred_at, customer_id, provider_account_id, service_id, product, country, quantity, unit, cost, price, reverses_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const perCustomer = options.salesPerCustomer ?? 3;
  customers.forEach((c, i) => {
    const hostile = HOSTILE[(i + 3) % HOSTILE.length]!;
    const payment = int(2_000, 50_000);
    const payTx = postTransaction(db, {
      kind: 'payment', description: `Payment: ${hostile}`, occurredAt: at(int(0, 20)), customerId: c.id, paymentMethod: 'card', reference: hostile,
      postings: [{ account: A.cash, amount: payment }, { account: A.credit(c.id), amount: -payment }],
    }, now);
    if (i % 4 === 1) reverseTransaction(db, payTx.id, { occurredAt: at(int(21, 25)), reference: 'chargeback' }, now);

    const acct = accounts[i % 2]!;
    const topup = int(1_000, 5_000);
    postTransaction(db, { kind: 'topup', description: `Top-up for ${c.name}`, occurredAt: at(int(10, 20)), customerId: c.id, providerAccountId: acct, postings: [{ account: A.upstreamSub(acct, c.id), amount: topup }, { account: A.upstream(acct), amount: -topup }] }, now);

    for (let s = 0; s < perCustomer; s += 1) {
      const occurredAt = at(int(5, 89));
      const isPort = (i + s) % 2 === 0;
      const quantity = isPort ? int(1, 30) : int(1, 50);
      const cost = quantity * int(90, 250);
      const price = cost + int(-50, 2_000); // an occasional sale below cost: margins can be negative
      const serviceId = `svc-${c.id}-${s}`;
      const expires = new Date(occurredAt.getTime() + quantity * 86_400_000);
      insertService.run(serviceId, isPort ? 'port' : 'package', c.id, acct, `up-${i}-${s}`, expires < end ? 'expired' : 'active', s === 0 ? hostile : null,
        ['US', 'DE', 'IL', null][s % 4] ?? null, s === 1 ? 'Tel Aviv – יפו' : null, isPort ? 'T-Mobile' : null, isPort ? null : 'residential',
        isPort ? null : quantity * 1000, isPort ? null : int(0, quantity * 1000), isPort ? expires.toISOString() : null, occurredAt.toISOString(), occurredAt.toISOString());
      // Sold on credit when the payment covers it, otherwise on account (receivable).
      const customerSide = s % 2 === 0 ? A.credit(c.id) : A.receivable(c.id);
      const sale = postTransaction(db, {
        kind: 'sale', description: `${isPort ? 'Port' : 'Package'} ${hostile}`, occurredAt, customerId: c.id, providerAccountId: acct, reference: `-ref-${s}`,
        postings: [
          { account: A.cost(acct), amount: cost },
          { account: A.upstream(acct), amount: -cost },
          { account: customerSide, amount: price },
          { account: A.revenue, amount: -price },
        ],
      }, now);
      insertSale.run(`sale-${c.id}-${s}`, sale.id, occurredAt.toISOString(), c.id, acct, serviceId, isPort ? 'port:30d' : '=residential GB', ['US', 'DE', 'IL', null][s % 4] ?? null, quantity, isPort ? 'day' : 'GB', cost, price, null);
    }
    if (i % 6 === 0) {
      // Credit settled against what the customer owes: no change to their balance.
      postTransaction(db, { kind: 'adjustment', description: 'Settle credit against receivable', occurredAt: at(int(30, 60)), customerId: c.id, postings: [{ account: A.credit(c.id), amount: 500 }, { account: A.receivable(c.id), amount: -500 }] }, now);
    }
    if (i % 3 === 2) {
      const refund = int(100, 1_000);
      postTransaction(db, { kind: 'refund', description: 'Refund @ goodwill', occurredAt: at(int(60, 89)), customerId: c.id, paymentMethod: 'bank', postings: [{ account: A.credit(c.id), amount: refund }, { account: A.cash, amount: -refund }] }, now);
    }
  });
  // Owner puts money in: the equity account appears in the journal too.
  postTransaction(db, { kind: 'adjustment', description: 'Owner capital', occurredAt: at(1, 0), postings: [{ account: A.cash, amount: 1_000_000 }, { account: A.equity, amount: -1_000_000 }] }, now);
  return { accounts, customers, start, end };
}
