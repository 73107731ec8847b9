import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { applyPragmas, openLedger } from '../../src/main/ledger/database';
import { recordSale, type SaleInput } from '../../src/main/services/money';
import { ACCOUNTS, BENCH_NOW } from '../data/generate';
import { copyLedger, makeSmallLedger } from '../data/small-ledger';
import type { BenchContext, Scenario } from '../lib/context';
import { int, pick, prng } from '../lib/prng';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { round } from '../lib/stats';

/**
 * 1. Ledger writes: N sales through recordSale (the money service the operations journal
 * calls) vs the same rows (transaction, postings, sales line) inserted with raw
 * better-sqlite3. Like with like: both in ONE outer transaction on identical copies of a
 * fresh ledger with the app's pragmas (WAL, synchronous=FULL). A per-commit sample (each
 * sale its own transaction, as a reseller's clicks commit) is reported beside it.
 */

const CUSTOMERS = 1_000;

function saleInputs(count: number, customerIds: string[], seed: number): SaleInput[] {
  const r = prng(seed);
  const out: SaleInput[] = [];
  for (let i = 0; i < count; i++) {
    const port = r() < 0.7;
    const quantity = port ? pick(r, [1, 7, 30, 90]) : int(r, 1, 50);
    const cost = quantity * (port ? int(r, 150, 400) : int(r, 80, 600));
    out.push({
      customerId: pick(r, customerIds),
      accountId: port ? ACCOUNTS.psx.id : ACCOUNTS.wzx.id,
      product: port ? 'port' : 'package:residential',
      country: pick(r, ['US', 'DE', 'GB', 'FR']),
      quantity,
      unit: port ? 'day' : 'GB',
      cost,
      price: Math.round(cost * 1.25),
      costFrom: port ? 'reseller' : 'sub-balance',
    });
  }
  return out;
}

/** The raw limit: the same rows a sale writes, from prepared statements, no checks. */
function rawWriter(sqlite: Database.Database) {
  const now = BENCH_NOW.toISOString();
  const tx = sqlite.prepare(
    `INSERT INTO transactions (id, seq, occurred_at, recorded_at, kind, description, currency, customer_id, provider_account_id, reference, payment_method, reverses_id, operation_id)
     VALUES (?, ?, ?, ?, 'sale', ?, 'USD', ?, ?, NULL, NULL, NULL, NULL)`,
  );
  const post = sqlite.prepare('INSERT INTO postings (transaction_id, account_id, amount) VALUES (?, ?, ?)');
  const sale = sqlite.prepare(
    `INSERT INTO sales (id, transaction_id, occurred_at, customer_id, provider_account_id, service_id, product, country, quantity, unit, cost, price, reverses_id)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const account = sqlite.prepare('INSERT OR IGNORE INTO ledger_accounts (id, kind, name, customer_id, provider_account_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const credit = new Map<string, number>(
    (sqlite.prepare('SELECT customer_id, credit FROM customer_balances').all() as { customer_id: string; credit: number }[]).map((r) => [r.customer_id, r.credit]),
  );
  let seq = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM transactions').pluck().get() as number;
  const known = new Set<string>();
  const ensure = (id: string, kind: string, customer: string | null, acct: string | null) => {
    if (known.has(id)) return;
    known.add(id);
    account.run(id, kind, kind, customer, acct, now);
  };
  return (s: SaleInput) => {
    const id = randomUUID();
    const have = credit.get(s.customerId) ?? 0;
    const fromCredit = Math.min(s.price, Math.max(0, have));
    credit.set(s.customerId, have - fromCredit);
    tx.run(id, ++seq, now, now, `Sale: ${s.product}`, s.customerId, s.accountId);
    const up = s.costFrom === 'sub-balance' ? `upstream:${s.accountId}:sub:${s.customerId}` : `upstream:${s.accountId}`;
    ensure(`cost:${s.accountId}`, 'expense', null, s.accountId);
    ensure(up, 'asset', s.costFrom === 'sub-balance' ? s.customerId : null, s.accountId);
    post.run(id, `cost:${s.accountId}`, s.cost);
    post.run(id, up, -s.cost);
    if (fromCredit > 0) {
      ensure(`credit:${s.customerId}`, 'liability', s.customerId, null);
      post.run(id, `credit:${s.customerId}`, fromCredit);
    }
    if (s.price - fromCredit > 0) {
      ensure(`receivable:${s.customerId}`, 'asset', s.customerId, null);
      post.run(id, `receivable:${s.customerId}`, s.price - fromCredit);
    }
    ensure('revenue', 'income', null, null);
    post.run(id, 'revenue', -s.price);
    sale.run(randomUUID(), id, now, s.customerId, s.accountId, s.product, s.country, s.quantity, s.unit, s.cost, s.price);
  };
}

function counts(sqlite: Database.Database): { postings: number; sales: number; unbalanced: number } {
  return {
    postings: sqlite.prepare('SELECT count(*) FROM postings').pluck().get() as number,
    sales: sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number,
    unbalanced: sqlite.prepare('SELECT count(*) FROM (SELECT transaction_id FROM postings GROUP BY transaction_id HAVING sum(amount) != 0)').pluck().get() as number,
  };
}

export const ledgerWrites: Scenario = {
  id: '1',
  title: 'Ledger writes',
  target: '≤ 2.0×',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const n = ctx.scale.sales;
    const base = await makeSmallLedger(join(ctx.work, 's1-base'), CUSTOMERS, ctx.seed);
    const inputs = saleInputs(n, base.customerIds, ctx.seed + 1);
    const now = BENCH_NOW;

    // Raw first, then the app (order alternated below for the per-commit sample).
    const rawDb = new Database(copyLedger(base.file, join(ctx.work, 's1-raw')));
    applyPragmas(rawDb);
    const write = rawWriter(rawDb);
    const t0 = performance.now();
    rawDb.transaction(() => {
      for (const s of inputs) write(s);
    })();
    const rawMs = performance.now() - t0;
    const rawCounts = counts(rawDb);
    rawDb.close();

    const ledger = await openLedger(copyLedger(base.file, join(ctx.work, 's1-app')));
    const t1 = performance.now();
    ledger.sqlite.transaction(() => {
      for (const s of inputs) recordSale(ledger.sqlite, s, now);
    })();
    const appMs = performance.now() - t1;
    const appCounts = counts(ledger.sqlite);
    await ledger.close();

    // Per-commit sample: each sale its own transaction, synchronous=FULL (an fsync each).
    const m = ctx.scale.salesPerCommit;
    const sample = inputs.slice(0, m);
    const appOne = await openLedger(copyLedger(base.file, join(ctx.work, 's1-app-commit')));
    const t2 = performance.now();
    for (const s of sample) recordSale(appOne.sqlite, s, now);
    const appCommitMs = performance.now() - t2;
    await appOne.close();
    const rawOne = new Database(copyLedger(base.file, join(ctx.work, 's1-raw-commit')));
    applyPragmas(rawOne);
    const writeOne = rawWriter(rawOne);
    const oneTx = rawOne.transaction((s: SaleInput) => writeOne(s));
    const t3 = performance.now();
    for (const s of sample) oneTx(s);
    const rawCommitMs = performance.now() - t3;
    rawOne.close();

    const same = appCounts.postings === rawCounts.postings && appCounts.sales === rawCounts.sales && appCounts.unbalanced === 0;
    const ratio = ratioOf(appMs, rawMs);
    return {
      scenario: '1. Ledger writes',
      app: figure(appMs, `ms / ${n.toLocaleString('en-US')} sales`),
      baseline: { ...figure(rawMs, `ms / ${n.toLocaleString('en-US')} sales`), what: 'raw better-sqlite3 inserts of the same rows, one transaction' },
      ratio,
      target: this.target,
      met: ratio !== null && ratio <= 2.0 && same,
      notes:
        `${n.toLocaleString('en-US')} sales in one outer transaction: recordSale ${round((n / appMs) * 1000)} sales/s vs raw ${round((n / rawMs) * 1000)} sales/s. ` +
        `Per-commit (each sale its own transaction, synchronous=FULL): app ${round(appCommitMs / m)} ms/sale vs raw ${round(rawCommitMs / m)} ms/sale ` +
        `(×${round(appCommitMs / rawCommitMs)}, ${m} sales; the fsync dominates). Rows identical: ${same ? 'yes' : 'NO'} (${appCounts.postings} postings).`,
      details: { sales: n, appMs: round(appMs), rawMs: round(rawMs), perCommit: { sales: m, appMsPerSale: round(appCommitMs / m), rawMsPerSale: round(rawCommitMs / m) }, appCounts, rawCounts },
    };
  },
};
