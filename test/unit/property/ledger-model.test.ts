import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../src/main/ledger/database';
import { createCustomer } from '../../../src/main/services/customers/customer-store';
import {
  customerStatement,
  ledgerBalances,
  recordCreditNote,
  recordDeduct,
  recordDeposit,
  recordPayment,
  recordRefund,
  recordSale,
  recordTopUp,
  reverseMoneyTransaction,
} from '../../../src/main/services/money';
import { isAppError } from '../../../src/shared/errors';
import { mulberry32 } from '../../../src/shared/prng';
import { makeTempDir } from '../../support/temp-dir';

/**
 * 100,000 random money operations through the services, checked against a model written
 * here from the money policy alone (plain maps of balances, no SQL, no service code):
 * at the end every account balance equals the model's to the cent, every transaction
 * sums to zero, the trigger-kept customer balances match, and sales lines agree with
 * revenue and cost. Refused operations (below cost, refund beyond credit, credit note
 * beyond a sale, double reversal, bad amounts) must be refused and change nothing.
 *
 * Seeded PRNG: set PROPERTY_SEED to replay a failure; PROPERTY_OPS to change the count.
 */
const SEED = Number(process.env.PROPERTY_SEED ?? 20260115);
const OPS = Number(process.env.PROPERTY_OPS ?? 100_000);
const BATCH = 500;

type Postings = [account: string, amount: number][];

interface ModelTx {
  postings: Postings;
  isReversal: boolean;
  reversed: boolean;
  customer: string | null;
  /** For sales: price, and linked credit notes still in force. */
  sale?: { price: number; notes: Map<string, number> };
  /** For credit notes linked to a sale. */
  noteOf?: string;
}

/** The independent model: raw debit-positive balances per account id. */
class Model {
  readonly bal = new Map<string, number>();
  readonly txs = new Map<string, ModelTx>();
  readonly txIds: string[] = [];
  unlinkedCreditNotes = 0;

  get(account: string): number {
    return this.bal.get(account) ?? 0;
  }
  credit(c: string): number {
    return 0 - this.get(`credit:${c}`);
  }
  receivable(c: string): number {
    return this.get(`receivable:${c}`);
  }
  apply(id: string, tx: ModelTx): void {
    for (const [account, amount] of tx.postings) this.bal.set(account, this.get(account) + amount);
    this.txs.set(id, tx);
    this.txIds.push(id);
  }
  /** Money from the customer (payment, auto credit note): owed first, the rest is credit. */
  settle(c: string, x: number): Postings {
    const settle = Math.min(x, Math.max(0, this.receivable(c)));
    return [
      [`receivable:${c}`, -settle],
      [`credit:${c}`, -(x - settle)],
    ];
  }
}

describe('ledger property: 100,000 random operations against an independent model', () => {
  let ledger: Ledger;
  let cleanup: () => void;
  beforeAll(async () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    ledger = await openLedger(`${temp.dir}/ledger.sqlite3`);
    // In-memory speed on a temp file: durability is not under test here.
    ledger.sqlite.pragma('synchronous = OFF');
    ledger.sqlite.pragma('cache_size = -262144');
  });
  afterAll(async () => {
    await ledger.close();
    cleanup();
  });

  it(`keeps every balance equal to the model (seed ${SEED})`, { timeout: 300_000 }, () => {
    const db = ledger.sqlite;
    const rnd = mulberry32(SEED);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const base = Date.UTC(2026, 0, 1);
    const now = new Date(base);
    const accounts = ['psx', 'wzx'] as const;
    const at = now.toISOString();
    for (const [id, provider] of [['psx', 'proxies-sx'], ['wzx', 'whozex']] as const) {
      db.prepare('INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, provider, id, 'http://127.0.0.1', at, at);
    }
    const customers = Array.from({ length: 40 }, (_, i) => createCustomer(db, { email: `c${i}@model.test`, name: `Customer ${i}` }, now).id);
    const model = new Model();
    const services: string[] = [];
    const counts: Record<string, number> = {};
    const refusedCounts: Record<string, number> = {};

    /** Runs an operation the model expects to succeed, or to be refused with `refused`. */
    const expectOutcome = (name: string, refused: string | null, run: () => { transactionId: string }, onOk: (id: string) => void) => {
      if (refused) {
        let code: string | null = null;
        try {
          db.transaction(run)(); // a savepoint: a refused operation must leave nothing behind
        } catch (e) {
          code = isAppError(e) ? String(e.code) : `unexpected ${String(e)}`;
        }
        expect(code, `${name} should be refused with ${refused}`).toBe(refused);
        refusedCounts[name] = (refusedCounts[name] ?? 0) + 1;
        return;
      }
      const { transactionId } = db.transaction(run)();
      onOk(transactionId);
      counts[name] = (counts[name] ?? 0) + 1;
    };

    const step = (i: number) => {
      now.setTime(base + i * 60_000);
      const c = pick(customers);
      const roll = rnd();
      if (roll < 0.2) {
        const x = int(1, 20_000);
        expectOutcome('payment', null, () => recordPayment(db, { customerId: c, amount: x, method: pick(['card', 'crypto', 'bank', 'cash', 'other'] as const) }, now), (id) =>
          model.apply(id, { postings: [['cash', x], ...model.settle(c, x)], isReversal: false, reversed: false, customer: c }),
        );
      } else if (roll < 0.28) {
        const a = pick(accounts);
        const x = int(1, 50_000);
        expectOutcome('deposit', null, () => recordDeposit(db, { accountId: a, amount: x }, now), (id) =>
          model.apply(id, { postings: [[`upstream:${a}`, x], ['cash', -x]], isReversal: false, reversed: false, customer: null }),
        );
      } else if (roll < 0.38) {
        const a = pick(accounts);
        const x = int(1, 10_000);
        const asPayment = rnd() < 0.3;
        let paymentPostings: Postings = [];
        expectOutcome(
          'topup',
          null,
          () => {
            // The model's payment split must be computed before the top-up runs (it reads the receivable).
            paymentPostings = asPayment ? [['cash', x], ...model.settle(c, x)] : [];
            const r = recordTopUp(db, { customerId: c, accountId: a, amount: x, recordAsPayment: asPayment, method: 'bank' }, now);
            if (r.paymentTransactionId) model.apply(r.paymentTransactionId, { postings: paymentPostings, isReversal: false, reversed: false, customer: c });
            return r;
          },
          (id) => model.apply(id, { postings: [[`upstream:${a}:sub:${c}`, x], [`upstream:${a}`, -x]], isReversal: false, reversed: false, customer: c }),
        );
      } else if (roll < 0.43) {
        const a = pick(accounts);
        const x = int(1, 5_000);
        expectOutcome('deduct', null, () => recordDeduct(db, { customerId: c, accountId: a, amount: x }, now), (id) =>
          model.apply(id, { postings: [[`upstream:${a}`, x], [`upstream:${a}:sub:${c}`, -x]], isReversal: false, reversed: false, customer: c }),
        );
      } else if (roll < 0.68) {
        const a = pick(accounts);
        const cost = int(0, 9_000);
        const price = rnd() < 0.1 ? int(0, cost) : cost + int(0, 5_000);
        const belowOk = rnd() < 0.5;
        const fromSub = a === 'wzx';
        const withService = rnd() < 0.2;
        const refused = price === 0 && cost === 0 ? 'INVALID_INPUT' : price < cost && !belowOk ? 'BELOW_COST' : null;
        let serviceId: string | null = null;
        if (withService && !refused) {
          serviceId = `svc-${i}`;
          db.prepare(
            "INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, expires_at, created_at, updated_at) VALUES (?, 'port', ?, ?, ?, 'active', ?, ?, ?)",
          ).run(serviceId, c, a, serviceId, new Date(now.getTime() + int(1, 30) * 86_400_000).toISOString(), now.toISOString(), now.toISOString());
          services.push(serviceId);
        }
        expectOutcome(
          'sale',
          refused,
          () =>
            recordSale(
              db,
              { customerId: c, accountId: a, product: fromSub ? 'package' : 'port', country: pick(['US', 'DE', 'GB', null]), quantity: int(1, 90), unit: fromSub ? 'GB' : 'day', cost, price, serviceId, costFrom: fromSub ? 'sub-balance' : 'reseller', allowBelowCost: belowOk },
              now,
            ),
          (id) => {
            const fromCredit = Math.min(price, Math.max(0, model.credit(c)));
            model.apply(id, {
              postings: [
                [`cost:${a}`, cost],
                [fromSub ? `upstream:${a}:sub:${c}` : `upstream:${a}`, -cost],
                [`credit:${c}`, fromCredit],
                [`receivable:${c}`, price - fromCredit],
                ['revenue', -price],
              ],
              isReversal: false,
              reversed: false,
              customer: c,
              sale: { price, notes: new Map() },
            });
          },
        );
      } else if (roll < 0.76) {
        const credit = model.credit(c);
        const x = rnd() < 0.7 && credit > 0 ? int(1, credit) : int(1, 20_000);
        expectOutcome('refund', x > credit ? 'INSUFFICIENT_BALANCE' : null, () => recordRefund(db, { customerId: c, amount: x }, now), (id) =>
          model.apply(id, { postings: [['cash', -x], [`credit:${c}`, x]], isReversal: false, reversed: false, customer: c }),
        );
      } else if (roll < 0.84) {
        const against = pick(['auto', 'credit', 'receivable'] as const);
        const sales = rnd() < 0.5 ? model.txIds.slice(-300).filter((id) => model.txs.get(id)!.sale && model.txs.get(id)!.customer === c) : [];
        const saleId = sales.length ? pick(sales) : null;
        const sale = saleId ? model.txs.get(saleId)! : null;
        const left = sale ? sale.sale!.price - [...sale.sale!.notes.values()].reduce((s, v) => s + v, 0) : Infinity;
        const x = rnd() < 0.8 && left > 0 && left !== Infinity ? int(1, left) : int(1, 5_000);
        const refused =
          sale?.reversed ? 'CONFLICT' : x > left ? 'INVALID_INPUT' : against === 'receivable' && x > model.receivable(c) ? 'INVALID_INPUT' : null;
        expectOutcome('credit-note', refused, () => recordCreditNote(db, { customerId: c, amount: x, against, saleTransactionId: saleId }, now), (id) => {
          const customerSide: Postings = against === 'credit' ? [[`credit:${c}`, -x]] : against === 'receivable' ? [[`receivable:${c}`, -x]] : model.settle(c, x);
          model.apply(id, { postings: [['revenue', x], ...customerSide], isReversal: false, reversed: false, customer: c, ...(saleId ? { noteOf: saleId } : {}) });
          if (sale) sale.sale!.notes.set(id, x);
          else model.unlinkedCreditNotes += x;
        });
      } else if (roll < 0.9 && model.txIds.length > 0) {
        const target = pick(model.txIds.slice(-2_000));
        const t = model.txs.get(target)!;
        const refused = t.isReversal || t.reversed ? 'CONFLICT' : null;
        let settlement: string | null = null;
        expectOutcome(
          'reversal',
          refused,
          () => {
            const r = reverseMoneyTransaction(db, { transactionId: target }, now);
            settlement = r.settlementTransactionId;
            return r;
          },
          (id) => {
            t.reversed = true;
            model.apply(id, { postings: t.postings.map(([a, v]) => [a, -v]), isReversal: true, reversed: false, customer: t.customer });
            if (t.noteOf) {
              const sale = model.txs.get(t.noteOf)!;
              sale.sale!.notes.delete(target);
            } else if (!t.sale && t.postings.some(([a, v]) => a === 'revenue' && v > 0)) {
              model.unlinkedCreditNotes -= t.postings.find(([a]) => a === 'revenue')![1];
            }
            // The model's own rule: afterwards a customer holds either credit or an amount owed, never both, never negative.
            const touched = new Set(
              t.postings
                .filter(([, v]) => v !== 0)
                .map(([a]) => /^(?:credit|receivable):(.+)$/.exec(a)?.[1])
                .filter((x): x is string => !!x),
            );
            for (const cust of touched) {
              const balance = model.credit(cust) - model.receivable(cust);
              const cr = Math.max(0, balance);
              const rv = Math.max(0, -balance);
              if (cr === model.credit(cust) && rv === model.receivable(cust)) continue;
              expect(settlement, 'a settlement transaction').not.toBeNull();
              model.apply(settlement!, {
                postings: [
                  [`credit:${cust}`, model.credit(cust) - cr],
                  [`receivable:${cust}`, rv - model.receivable(cust)],
                ],
                isReversal: false, // a settlement is an ordinary transaction: it can be reversed too
                reversed: false,
                customer: cust,
              });
            }
          },
        );
      } else if (roll < 0.95 && services.length > 0) {
        // An expiry: a service changes state, no money moves.
        db.prepare("UPDATE services SET status = 'expired', updated_at = ? WHERE id = ?").run(now.toISOString(), pick(services));
        counts.expiry = (counts.expiry ?? 0) + 1;
      } else {
        const bad = pick([0, -5, 1.5]);
        expectOutcome('bad-input', 'INVALID_INPUT', () => recordPayment(db, { customerId: c, amount: bad, method: 'card' }, now), () => {});
      }
    };

    for (let start = 0; start < OPS; start += BATCH) {
      db.transaction(() => {
        for (let i = start; i < Math.min(OPS, start + BATCH); i++) step(i);
      })();
    }

    // Every account balance equals the model's, to the cent (and no account the model lacks).
    const actual = new Map((db.prepare('SELECT account_id, sum(amount) AS total FROM postings GROUP BY account_id').all() as { account_id: string; total: number }[]).map((r) => [r.account_id, r.total]));
    for (const [account, total] of actual) expect(total, account).toBe(model.get(account));
    for (const [account, total] of model.bal) expect(actual.get(account) ?? 0, account).toBe(total);

    // Every transaction sums to zero, and the whole journal does.
    expect(db.prepare('SELECT count(*) FROM (SELECT transaction_id FROM postings GROUP BY transaction_id HAVING sum(amount) <> 0)').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM transactions t WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE p.transaction_id = t.id)').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(model.txs.size);

    // The trigger-kept balance table agrees with the model for every customer.
    for (const cust of customers) {
      const row = db.prepare('SELECT credit, receivable FROM customer_balances WHERE customer_id = ?').get(cust) as { credit: number; receivable: number };
      expect(row, cust).toEqual({ credit: model.credit(cust), receivable: model.receivable(cust) });
    }
    // A statement over all time closes at the customer's balance.
    for (const cust of customers.slice(0, 5)) {
      expect(customerStatement(db, { customerId: cust }, new Date(base + (OPS + 1) * 60_000)).closingBalance).toBe(model.credit(cust) - model.receivable(cust));
    }

    // Sales lines agree with the journal: cost entirely, revenue up to credit notes not tied to a sale.
    const sales = db.prepare('SELECT coalesce(sum(cost), 0) AS cost, coalesce(sum(price), 0) AS price FROM sales').get() as { cost: number; price: number };
    expect(sales.cost).toBe(model.get('cost:psx') + model.get('cost:wzx'));
    expect(sales.price - model.unlinkedCreditNotes).toBe(-model.get('revenue'));

    // The books at a glance (daily totals + edge postings) agree with the model overall...
    const end = new Date(base + (OPS + 1) * 60_000);
    const books = ledgerBalances(db, {}, end);
    const sumOf = (prefix: string) => [...model.bal].filter(([a]) => a.startsWith(prefix)).reduce((s, [, v]) => s + v, 0);
    expect(books.cash).toBe(model.get('cash'));
    expect(books.revenue).toBe(0 - model.get('revenue'));
    expect(books.cost).toBe(sumOf('cost:'));
    expect(books.customerCredit).toBe(0 - sumOf('credit:'));
    expect(books.receivables).toBe(sumOf('receivable:'));
    for (const a of accounts) {
      expect(books.upstreams.find((u) => u.accountId === a)).toMatchObject({ balance: model.get(`upstream:${a}`), subBalances: sumOf(`upstream:${a}:sub:`) });
    }
    // ...and with a plain sum of postings for random periods, edges anywhere within a day.
    const direct = db.prepare(
      `SELECT
         coalesce(sum(CASE WHEN p.account_id = 'revenue' AND t.occurred_at >= ? THEN p.amount END), 0) AS revenue,
         coalesce(sum(CASE WHEN p.account_id LIKE 'cost:%' AND t.occurred_at >= ? THEN p.amount END), 0) AS cost,
         coalesce(sum(CASE WHEN p.account_id = 'cash' THEN p.amount END), 0) AS cash,
         coalesce(sum(CASE WHEN p.account_id = 'upstream:psx' THEN p.amount END), 0) AS psx
       FROM postings p JOIN transactions t ON t.id = p.transaction_id WHERE t.occurred_at < ?`,
    );
    const span = (OPS + 1) * 60_000;
    for (let k = 0; k < 6; k++) {
      const fromMs = base - 86_400_000 + Math.floor(rnd() * (span + 86_400_000));
      const toMs = fromMs + Math.floor(rnd() * span);
      const f = new Date(fromMs).toISOString();
      const want = direct.get(f, f, new Date(toMs).toISOString()) as { revenue: number; cost: number; cash: number; psx: number };
      const got = ledgerBalances(db, { from: f, to: new Date(toMs).toISOString() }, end);
      expect({ revenue: got.revenue, cost: got.cost, cash: got.cash, psx: got.upstreams.find((u) => u.accountId === 'psx')?.balance }, `${f} .. ${toMs}`).toEqual({
        revenue: 0 - want.revenue,
        cost: want.cost,
        cash: want.cash,
        psx: want.psx,
      });
    }

    // The run exercised every kind of operation, including refusals.
    for (const kind of ['payment', 'deposit', 'topup', 'deduct', 'sale', 'refund', 'credit-note', 'reversal', 'expiry']) expect(counts[kind] ?? 0, kind).toBeGreaterThan(0);
    for (const kind of ['sale', 'refund', 'credit-note', 'reversal', 'bad-input']) expect(refusedCounts[kind] ?? 0, `refused ${kind}`).toBeGreaterThan(0);
  });
});
