import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naturalBalance, accountBalance } from '../../../src/main/ledger/journal';
import { customerStatement } from '../../../src/main/services/money/statement';
import type { ExportProgress, ExportRequestInput } from '../../../src/shared/contract/exports';
import { decimalToMinor } from '../../../src/shared/money';
import { createTestApp, type TestApp } from '../../support/app';
import { seedBusiness, type Business } from './support/business';
import { plain, readCsv, readHeader } from './support/csv';

const AMOUNT = /^-?\d+\.\d{2}$/;

describe('CSV exports agree with the ledger, cent for cent', () => {
  let app: TestApp;
  let business: Business;
  const file = (name: string) => join(app.dataDir, name);
  const run = (request: Omit<ExportRequestInput, 'path'> & { path?: string }) =>
    app.ctx.exports.run({ ...request, path: request.path ?? file(`${request.kind}.csv`) });
  const sql = <T>(query: string, ...params: unknown[]) => app.ctx.ledger.sqlite.prepare(query).all(...params) as T[];

  beforeAll(async () => {
    app = await createTestApp();
    business = seedBusiness(app.ctx.ledger.sqlite);
    app.clock.set(new Date('2026-04-02T09:00:00.000Z')); // the export runs after the quarter
  });
  afterAll(async () => app.close());

  it('journal: one row per posting, in journal order, each amount equal to its posting', async () => {
    const result = await run({ kind: 'journal' });
    const rows = readCsv(result.path);
    const postings = sql<{ occurred_at: string; id: string; account_id: string; amount: number; description: string; reference: string | null; customer: string | null; kind: string }>(
      `SELECT t.occurred_at, t.id, p.account_id, p.amount, t.description, t.reference, t.kind,
              (SELECT name FROM customers WHERE id = coalesce(t.customer_id, (SELECT customer_id FROM ledger_accounts WHERE id = p.account_id))) AS customer
       FROM postings p JOIN transactions t ON t.id = p.transaction_id ORDER BY t.occurred_at, t.seq, p.id`,
    );
    expect(result.rows).toBe(postings.length);
    expect(rows).toHaveLength(postings.length);
    rows.forEach((row, i) => {
      const p = postings[i]!;
      expect(row.date).toBe(p.occurred_at);
      expect(row.transaction_id).toBe(p.id);
      expect(row.account).toBe(p.account_id);
      expect(row.amount).toMatch(AMOUNT);
      expect(decimalToMinor(row.amount!)).toBe(p.amount);
      expect(plain(row.description)).toBe(p.description);
      expect(plain(row.reference)).toBe(p.reference);
      expect(plain(row.customer)).toBe(p.customer);
      expect(row.currency).toBe('USD');
    });
    // Every account's total in the file is the ledger's balance.
    const totals = new Map<string, number>();
    for (const row of rows) totals.set(row.account!, (totals.get(row.account!) ?? 0) + decimalToMinor(row.amount!));
    const accounts = sql<{ id: string }>('SELECT id FROM ledger_accounts');
    expect(totals.size).toBe(accounts.length);
    for (const { id } of accounts) expect(totals.get(id), id).toBe(accountBalance(app.ctx.ledger.sqlite, id));
    expect(readHeader(result.path)).toEqual([
      'date', 'transaction_id', 'kind', 'description', 'account', 'hledger_account', 'amount', 'currency',
      'customer_id', 'customer', 'upstream_account_id', 'upstream_account', 'reference', 'payment_method', 'reverses_id',
    ]);
  });

  it('journal filters keep whole transactions, so a filtered journal still balances', async () => {
    const customer = business.customers[1]!;
    let last: ExportProgress | undefined;
    const result = await app.ctx.exports.run(
      { kind: 'journal', customerId: customer.id, from: '2026-01-10', to: '2026-02-28', path: file('journal-filtered.csv') },
      { onProgress: (p) => (last = p) },
    );
    const rows = readCsv(result.path);
    expect(last).toMatchObject({ state: 'done', rowsDone: rows.length, rowsTotal: rows.length });
    const expected = sql<{ id: string }>(
      `SELECT DISTINCT t.id FROM transactions t JOIN postings p ON p.transaction_id = t.id JOIN ledger_accounts la ON la.id = p.account_id
       WHERE (t.customer_id = ? OR la.customer_id = ?) AND t.occurred_at >= '2026-01-10T00:00:00.000Z' AND t.occurred_at < '2026-03-01T00:00:00.000Z'`,
      customer.id, customer.id,
    ).map((r) => r.id).sort();
    expect(expected.length).toBeGreaterThan(1);
    expect([...new Set(rows.map((r) => r.transaction_id!))].sort()).toEqual(expected);
    const perTx = new Map<string, number>();
    for (const row of rows) perTx.set(row.transaction_id!, (perTx.get(row.transaction_id!) ?? 0) + decimalToMinor(row.amount!));
    for (const [id, sum] of perTx) expect(sum, id).toBe(0);

    const byAccount = readCsv((await run({ kind: 'journal', accountId: 'whozex-eu', path: file('journal-whozex.csv') })).path);
    const whozexTx = sql<{ id: string }>(
      `SELECT DISTINCT t.id FROM transactions t JOIN postings p ON p.transaction_id = t.id JOIN ledger_accounts la ON la.id = p.account_id
       WHERE t.provider_account_id = 'whozex-eu' OR la.provider_account_id = 'whozex-eu'`,
    ).map((r) => r.id).sort();
    expect([...new Set(byAccount.map((r) => r.transaction_id!))].sort()).toEqual(whozexTx);
  });

  it('sales: cost, price and margin of every sale line', async () => {
    const rows = readCsv((await run({ kind: 'sales' })).path);
    const sales = sql<{ id: string; cost: number; price: number; quantity: number; unit: string; product: string; country: string | null; customer: string; upstream: string }>(
      `SELECT s.id, s.cost, s.price, s.quantity, s.unit, s.product, s.country, c.name AS customer, pa.name AS upstream
       FROM sales s JOIN customers c ON c.id = s.customer_id JOIN provider_accounts pa ON pa.id = s.provider_account_id JOIN transactions t ON t.id = s.transaction_id
       ORDER BY s.occurred_at, t.seq, s.id`,
    );
    expect(rows.map((r) => r.sale_id)).toEqual(sales.map((s) => s.id));
    rows.forEach((row, i) => {
      const s = sales[i]!;
      expect(decimalToMinor(row.cost!)).toBe(s.cost);
      expect(decimalToMinor(row.price!)).toBe(s.price);
      expect(decimalToMinor(row.margin!)).toBe(s.price - s.cost);
      expect(Number(row.quantity)).toBe(s.quantity);
      expect(row.unit).toBe(s.unit);
      expect(plain(row.product)).toBe(s.product);
      expect(plain(row.country)).toBe(s.country);
      expect(plain(row.customer)).toBe(s.customer);
      expect(plain(row.upstream_account)).toBe(s.upstream);
    });
    // Totals agree with the journal: revenue and cost accounts.
    const revenue = rows.reduce((sum, r) => sum + decimalToMinor(r.price!), 0);
    expect(revenue).toBe(naturalBalance(app.ctx.ledger.sqlite, 'revenue'));
    const costPsx = rows.filter((r) => r.upstream_account_id === 'psx-main').reduce((sum, r) => sum + decimalToMinor(r.cost!), 0);
    expect(costPsx).toBe(naturalBalance(app.ctx.ledger.sqlite, 'cost:psx-main'));

    const filtered = readCsv((await run({ kind: 'sales', accountId: 'psx-main', customerId: business.customers[0]!.id, from: '2026-02-01', to: '2026-03-31', path: file('sales-f.csv') })).path);
    const expected = sql<{ id: string }>(
      "SELECT id FROM sales WHERE provider_account_id = 'psx-main' AND customer_id = ? AND occurred_at >= '2026-02-01T00:00:00.000Z' AND occurred_at < '2026-04-01T00:00:00.000Z' ORDER BY id",
      business.customers[0]!.id,
    );
    expect(filtered.map((r) => r.sale_id).sort()).toEqual(expected.map((r) => r.id));
  });

  it('payments: payments, refunds and their reversals with what each changed for the customer', async () => {
    const rows = readCsv((await run({ kind: 'payments' })).path);
    const tx = sql<{ id: string; kind: string; delta: number }>(
      `SELECT t.id, t.kind, -(SELECT sum(p.amount) FROM postings p WHERE p.transaction_id = t.id AND (p.account_id = 'credit:' || t.customer_id OR p.account_id = 'receivable:' || t.customer_id)) AS delta
       FROM transactions t WHERE t.kind IN ('payment', 'refund') OR (t.kind = 'reversal' AND (SELECT kind FROM transactions r WHERE r.id = t.reverses_id) = 'payment')
       ORDER BY t.occurred_at, t.seq`,
    );
    expect(rows.map((r) => r.transaction_id)).toEqual(tx.map((t) => t.id));
    rows.forEach((row, i) => expect(decimalToMinor(row.amount!), row.transaction_id).toBe(tx[i]!.delta));
    expect(rows.some((r) => r.kind === 'refund' && r.amount!.startsWith('-'))).toBe(true);
    expect(rows.some((r) => r.kind === 'reversal')).toBe(true);
    expect(rows.filter((r) => r.kind === 'payment').every((r) => r.payment_method === 'card')).toBe(true);
  });

  it('statements: opening, movements with running balance and closing, per customer and period', async () => {
    const rows = readCsv((await run({ kind: 'statements', from: '2026-02-01', to: '2026-02-28' })).path);
    const balanceBefore = (customerId: string, instant: string) =>
      -(app.ctx.ledger.sqlite
        .prepare(`SELECT coalesce(sum(p.amount), 0) FROM postings p JOIN transactions t ON t.id = p.transaction_id WHERE p.account_id IN (?, ?) AND t.occurred_at < ?`)
        .pluck()
        .get(`credit:${customerId}`, `receivable:${customerId}`, instant) as number);
    const from = '2026-02-01T00:00:00.000Z';
    const to = '2026-03-01T00:00:00.000Z';
    for (const customer of business.customers) {
      const lines = rows.filter((r) => r.customer_id === customer.id);
      expect(lines[0]!.line).toBe('opening');
      expect(lines.at(-1)!.line).toBe('closing');
      expect(plain(lines[0]!.customer)).toBe(customer.name);
      expect(lines[0]!.date).toBe(from);
      expect(lines.at(-1)!.date).toBe(to);
      const opening = decimalToMinor(lines[0]!.balance!);
      const closing = decimalToMinor(lines.at(-1)!.balance!);
      expect(opening).toBe(balanceBefore(customer.id, from));
      expect(closing).toBe(balanceBefore(customer.id, to));
      let running = opening;
      for (const m of lines.slice(1, -1)) {
        expect(m.line).toBe('movement');
        expect(m.date! >= from && m.date! < to).toBe(true);
        running += decimalToMinor(m.amount!);
        expect(decimalToMinor(m.balance!)).toBe(running);
      }
      expect(running).toBe(closing);
    }
    // All time for one customer: the closing balance is credit minus receivable today.
    const one = business.customers[2]!;
    const all = readCsv((await run({ kind: 'statements', customerId: one.id, path: file('statement-one.csv') })).path);
    expect(new Set(all.map((r) => r.customer_id))).toEqual(new Set([one.id]));
    expect(decimalToMinor(all[0]!.balance!)).toBe(0);
    expect(decimalToMinor(all.at(-1)!.balance!)).toBe(
      naturalBalance(app.ctx.ledger.sqlite, `credit:${one.id}`) - naturalBalance(app.ctx.ledger.sqlite, `receivable:${one.id}`),
    );
  });

  it('statements say what the statement service says, line for line', async () => {
    const rows = readCsv((await run({ kind: 'statements', from: '2026-01-15', to: '2026-03-15', path: file('statements-vs-service.csv') })).path);
    for (const customer of business.customers) {
      const statement = customerStatement(app.ctx.ledger.sqlite, { customerId: customer.id, from: '2026-01-15T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' }, app.clock.now());
      const lines = rows.filter((r) => r.customer_id === customer.id);
      expect(decimalToMinor(lines[0]!.balance!)).toBe(statement.openingBalance);
      expect(decimalToMinor(lines.at(-1)!.balance!)).toBe(statement.closingBalance);
      const movements = lines.filter((r) => r.line === 'movement');
      expect(movements.map((m) => [m.transaction_id, decimalToMinor(m.amount!), decimalToMinor(m.balance!)])).toEqual(
        statement.lines.map((l) => [l.transactionId, l.amount, l.balance]),
      );
    }
    expect(rows.some((r) => r.description === 'Settle credit against receivable')).toBe(false);
  });

  it('customers: every customer with credit, receivable and balance as of the end of the period', async () => {
    const rows = readCsv((await run({ kind: 'customers', to: '2026-03-31' })).path);
    const customers = sql<{ id: string; name: string; email: string; company: string | null; notes: string | null }>('SELECT * FROM customers ORDER BY name COLLATE NOCASE, id');
    expect(rows.map((r) => r.customer_id)).toEqual(customers.map((c) => c.id));
    rows.forEach((row, i) => {
      const c = customers[i]!;
      expect(plain(row.name)).toBe(c.name);
      expect(plain(row.company)).toBe(c.company);
      expect(plain(row.notes)).toBe(c.notes);
      expect(row.tags).toBe('vip; =tag');
      const credit = naturalBalance(app.ctx.ledger.sqlite, `credit:${c.id}`);
      const receivable = naturalBalance(app.ctx.ledger.sqlite, `receivable:${c.id}`);
      expect(decimalToMinor(row.credit!)).toBe(credit);
      expect(decimalToMinor(row.receivable!)).toBe(receivable);
      expect(decimalToMinor(row.balance!)).toBe(credit - receivable);
    });
    const newInFebruary = readCsv((await run({ kind: 'customers', from: '2026-02-01', to: '2026-02-28', path: file('customers-feb.csv') })).path);
    const expected = sql<{ id: string }>("SELECT id FROM customers WHERE created_at >= '2026-02-01' AND created_at < '2026-03-01' ORDER BY id");
    expect(newInFebruary.map((r) => r.customer_id).sort()).toEqual(expected.map((r) => r.id));
  });

  it('inventory: every port and package with status, expiry and traffic', async () => {
    const rows = readCsv((await run({ kind: 'inventory' })).path);
    const services = new Map(sql<{ id: string; status: string; expires_at: string | null; total_gb_milli: number | null; used_gb_milli: number | null; label: string | null; city: string | null }>('SELECT * FROM services').map((s) => [s.id, s]));
    expect(rows).toHaveLength(services.size);
    for (const row of rows) {
      const s = services.get(row.service_id!)!;
      expect(row.status).toBe(s.status);
      expect(row.expires_at || null).toBe(s.expires_at);
      expect(row.total_gb ? Math.round(Number(row.total_gb.replace('.', ''))) : null).toBe(s.total_gb_milli);
      expect(row.used_gb ? Number(row.used_gb.replace('.', '')) : null).toBe(s.used_gb_milli);
      expect(plain(row.label)).toBe(s.label);
      expect(plain(row.city)).toBe(s.city);
    }
    // Services alive during March and held on Whozex.
    const march = readCsv((await run({ kind: 'inventory', accountId: 'whozex-eu', from: '2026-03-01', to: '2026-03-31', path: file('inv-march.csv') })).path);
    const expected = sql<{ id: string }>(
      "SELECT id FROM services WHERE provider_account_id = 'whozex-eu' AND created_at < '2026-04-01' AND (expires_at IS NULL OR expires_at >= '2026-03-01') ORDER BY id",
    );
    expect(march.map((r) => r.service_id).sort()).toEqual(expected.map((r) => r.id));
  });

  it('round-trips hostile text exactly and neutralizes formula starts, while amounts stay numbers', async () => {
    const result = await run({ kind: 'journal', path: file('hostile.csv') });
    const raw = readFileSync(result.path, 'utf8');
    expect(raw.startsWith('date,')).toBe(true);
    expect(raw).toContain('\r\n');
    const rows = readCsv(result.path);
    const names = new Set(business.customers.map((c) => c.name));
    const seen = new Set(rows.map((r) => plain(r.customer)).filter((n): n is string => n !== null));
    for (const name of names) expect(seen.has(name), JSON.stringify(name)).toBe(true);
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        if (column === 'amount') {
          expect(cell).toMatch(AMOUNT); // -12.50 stays -12.50
        } else {
          expect(/^[=+\-@\t\r]/.test(cell), `${column}: ${JSON.stringify(cell)}`).toBe(false);
        }
      }
    }
    expect(rows.some((r) => r.amount!.startsWith('-'))).toBe(true);
    expect(rows.some((r) => r.customer === `'=HYPERLINK("http://evil.example","click")`)).toBe(true);
    expect(rows.some((r) => r.upstream_account === "'=Whozex EU")).toBe(true);
    expect(rows.some((r) => r.reference === "'-ref-0")).toBe(true);
  });

  it('writes a BOM for Excel and semicolons on request, with the same records', async () => {
    const plainFile = await run({ kind: 'sales', path: file('sales-comma.csv') });
    const excel = await run({ kind: 'sales', path: file('sales-excel.csv'), bom: true, delimiter: ';' });
    const bytes = readFileSync(excel.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 8).toString()).toBe('date;');
    expect([...readFileSync(plainFile.path).subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(excel.path, ';')).toEqual(readCsv(plainFile.path, ','));
    expect(readFileSync(excel.path, 'utf8')).toContain('"Semi;colon');
  });

  it('writes dates in a chosen time zone with the offset stated, and cuts days in that zone', async () => {
    const utc = readCsv((await run({ kind: 'journal', path: file('j-utc.csv') })).path);
    const berlin = readCsv((await run({ kind: 'journal', timeZone: 'Europe/Berlin', path: file('j-berlin.csv') })).path);
    expect(berlin).toHaveLength(utc.length);
    berlin.forEach((row, i) => {
      expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/);
      expect(Date.parse(row.date!)).toBe(Date.parse(utc[i]!.date!));
    });
    const january = readCsv((await run({ kind: 'journal', timeZone: 'Europe/Berlin', from: '2026-01-01', to: '2026-01-31', path: file('j-berlin-jan.csv') })).path);
    const expected = utc.filter((r) => r.date! >= '2025-12-31T23:00:00.000Z' && r.date! < '2026-01-31T23:00:00.000Z');
    expect(january.map((r) => r.transaction_id)).toEqual(expected.map((r) => r.transaction_id));
  });

  it('refuses what it cannot do with a message the reseller can act on', async () => {
    await expect(run({ kind: 'journal', path: 'relative.csv' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'path' });
    await expect(run({ kind: 'journal', path: join(app.dataDir, 'missing', 'x.csv') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(run({ kind: 'journal', customerId: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('nobody') });
    await expect(run({ kind: 'journal', from: '2026-02-30' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'from' });
    await expect(run({ kind: 'journal', from: '2026-03-01', to: '2026-02-01' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(run({ kind: 'journal', timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'timeZone' });
  });
});
