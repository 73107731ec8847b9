import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/main/ledger/database';
import { ledgerAccounts as A, naturalBalance } from '../../../src/main/ledger/journal';
import {
  customerPosition,
  ledgerBalances,
  recordCreditNote,
  recordDeduct,
  recordDeposit,
  recordPayment,
  recordRefund,
  recordSale,
  recordTopUp,
  recordUpstreamAdjustment,
  reverseMoneyTransaction,
} from '../../../src/main/services/money';
import { AT, addCustomer, openFixtureLedger, rowCounts } from './ledger-fixture';

describe('money on the double-entry journal', () => {
  let ledger: Ledger;
  let close: () => Promise<void>;
  let jane: string;
  beforeEach(async () => {
    ({ ledger, close } = await openFixtureLedger());
    jane = addCustomer(ledger, 'jane@acme.test', 'Jane');
  });
  afterEach(() => close());

  const db = () => ledger.sqlite;
  const port30 = (customerId: string, extra: Partial<Parameters<typeof recordSale>[1]> = {}) =>
    recordSale(db(), { customerId, accountId: 'psx', product: 'port', country: 'US', quantity: 30, unit: 'day', cost: 6000, price: 7500, ...extra }, AT);
  const sumsToZero = () => db().prepare('SELECT count(*) FROM (SELECT transaction_id FROM postings GROUP BY transaction_id HAVING sum(amount) <> 0)').pluck().get();

  it("reproduces the seed's money flow: deposit 500 → top-up 100 → 400 → 30-day port → 340, profit 15", () => {
    recordDeposit(db(), { accountId: 'psx', amount: 50000 }, AT);
    recordTopUp(db(), { customerId: jane, accountId: 'psx', amount: 10000 }, AT);
    expect(naturalBalance(db(), A.upstream('psx'))).toBe(40000);
    expect(naturalBalance(db(), A.upstreamSub('psx', jane))).toBe(10000);
    const sale = port30(jane);
    expect(naturalBalance(db(), A.upstream('psx'))).toBe(34000);
    expect(naturalBalance(db(), A.upstreamSub('psx', jane))).toBe(10000); // a port is paid from the reseller's balance
    expect(sale.toReceivable).toBe(7500);
    const books = ledgerBalances(db(), {}, AT);
    expect(books.revenue).toBe(7500);
    expect(books.cost).toBe(6000);
    expect(books.profit).toBe(1500);
    expect(books.upstreams.find((u) => u.accountId === 'psx')).toMatchObject({ balance: 34000, subBalances: 10000, cost: 6000 });
    expect(books.cash).toBe(-50000);
    expect(books.receivables).toBe(7500);
    expect(sumsToZero()).toBe(0);
    const line = db().prepare('SELECT * FROM sales').get();
    expect(line).toMatchObject({ transaction_id: sale.transactionId, customer_id: jane, provider_account_id: 'psx', product: 'port', country: 'US', quantity: 30, unit: 'day', cost: 6000, price: 7500, reverses_id: null });
  });

  it('a payment settles what the customer owes first; the rest becomes credit', () => {
    port30(jane); // owes 75.00
    recordPayment(db(), { customerId: jane, amount: 10000, method: 'card', reference: 'ch_1' }, AT);
    expect(customerPosition(db(), jane)).toMatchObject({ credit: 2500, receivable: 0, balance: 2500 });
    expect(naturalBalance(db(), A.cash)).toBe(10000);
    const tx = db().prepare("SELECT payment_method, reference FROM transactions WHERE kind = 'payment'").get();
    expect(tx).toEqual({ payment_method: 'card', reference: 'ch_1' });
  });

  it('a sale takes what it can from credit and books the rest as receivable', () => {
    recordPayment(db(), { customerId: jane, amount: 5000, method: 'bank' }, AT);
    const sale = port30(jane);
    expect(sale).toMatchObject({ fromCredit: 5000, toReceivable: 2500 });
    expect(customerPosition(db(), jane)).toMatchObject({ credit: 0, receivable: 2500, balance: -2500 });
  });

  it('a Whozex package is paid from the customer sub-balance at the upstream', () => {
    recordDeposit(db(), { accountId: 'wzx', amount: 20000 }, AT);
    recordTopUp(db(), { customerId: jane, accountId: 'wzx', amount: 5000, recordAsPayment: true, method: 'crypto', reference: 'inv-7' }, AT);
    expect(customerPosition(db(), jane).credit).toBe(5000);
    recordSale(db(), { customerId: jane, accountId: 'wzx', product: 'package:residential', quantity: 10, unit: 'GB', cost: 900, price: 1500, costFrom: 'sub-balance' }, AT);
    expect(naturalBalance(db(), A.upstreamSub('wzx', jane))).toBe(4100);
    expect(naturalBalance(db(), A.upstream('wzx'))).toBe(15000);
    expect(customerPosition(db(), jane).credit).toBe(3500);
    recordDeduct(db(), { customerId: jane, accountId: 'wzx', amount: 1000 }, AT);
    expect(naturalBalance(db(), A.upstreamSub('wzx', jane))).toBe(3100);
    expect(naturalBalance(db(), A.upstream('wzx'))).toBe(16000);
  });

  it('opening-balance and sync adjustments move equity', () => {
    recordUpstreamAdjustment(db(), { accountId: 'psx', amount: 12345, kind: 'opening_balance' }, AT);
    recordUpstreamAdjustment(db(), { accountId: 'psx', amount: -345 }, AT);
    recordUpstreamAdjustment(db(), { accountId: 'wzx', customerId: jane, amount: 700 }, AT);
    expect(naturalBalance(db(), A.upstream('psx'))).toBe(12000);
    expect(naturalBalance(db(), A.upstreamSub('wzx', jane))).toBe(700);
    expect(naturalBalance(db(), A.equity)).toBe(12700);
  });

  it('refunds credit back to the customer, and refuses more than their credit, changing nothing', () => {
    recordPayment(db(), { customerId: jane, amount: 3000, method: 'card' }, AT);
    const before = rowCounts(ledger);
    expect(() => recordRefund(db(), { customerId: jane, amount: 3001 }, AT)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_BALANCE', message: 'Jane has $30.00 of credit; you cannot refund $30.01. Refund at most $30.00, or issue a credit note first.' }));
    expect(rowCounts(ledger)).toEqual(before);
    recordRefund(db(), { customerId: jane, amount: 3000, method: 'card' }, AT);
    expect(customerPosition(db(), jane).credit).toBe(0);
    expect(naturalBalance(db(), A.cash)).toBe(0);
  });

  it('a credit note linked to a sale reduces revenue, settles the receivable, and writes a sale correction line', () => {
    const sale = port30(jane);
    const note = recordCreditNote(db(), { customerId: jane, amount: 1000, saleTransactionId: sale.transactionId, reason: 'Port was down a day' }, AT);
    expect(customerPosition(db(), jane)).toMatchObject({ receivable: 6500, credit: 0 });
    expect(naturalBalance(db(), A.revenue)).toBe(6500);
    const tx = db().prepare('SELECT kind, reference, description FROM transactions WHERE id = ?').get(note.transactionId);
    expect(tx).toEqual({ kind: 'credit_note', reference: sale.transactionId, description: 'Port was down a day' });
    expect(db().prepare('SELECT sum(price) AS price, sum(cost) AS cost FROM sales').get()).toEqual({ price: 6500, cost: 6000 });
    // Cannot credit more than is left of the sale.
    const before = rowCounts(ledger);
    expect(() => recordCreditNote(db(), { customerId: jane, amount: 6501, saleTransactionId: sale.transactionId }, AT)).toThrow(/only \$65\.00 of this sale's \$75\.00 is left/);
    expect(rowCounts(ledger)).toEqual(before);
    // Against credit: the customer gets credit instead.
    recordCreditNote(db(), { customerId: jane, amount: 500, against: 'credit' }, AT);
    expect(customerPosition(db(), jane)).toMatchObject({ receivable: 6500, credit: 500 });
    expect(() => recordCreditNote(db(), { customerId: jane, amount: 6501, against: 'receivable' }, AT)).toThrow(/owes \$65\.00/);
  });

  it('reverses a sale with a mirror transaction and negative mirror sale lines', () => {
    recordPayment(db(), { customerId: jane, amount: 5000, method: 'cash' }, AT);
    const sale = port30(jane);
    const rev = reverseMoneyTransaction(db(), { transactionId: sale.transactionId, reason: 'Port never worked' }, AT);
    expect(rev.customerId).toBe(jane);
    expect(customerPosition(db(), jane)).toMatchObject({ credit: 5000, receivable: 0 });
    expect(naturalBalance(db(), A.upstream('psx'))).toBe(0);
    expect(naturalBalance(db(), A.revenue)).toBe(0);
    const mirror = db().prepare('SELECT * FROM sales WHERE reverses_id IS NOT NULL').get() as Record<string, unknown>;
    expect(mirror).toMatchObject({ transaction_id: rev.transactionId, quantity: -30, cost: -6000, price: -7500 });
    expect(db().prepare('SELECT sum(price) FROM sales').pluck().get()).toBe(0);
    expect(() => reverseMoneyTransaction(db(), { transactionId: sale.transactionId }, AT)).toThrow(/already been reversed/);
    expect(() => recordCreditNote(db(), { customerId: jane, amount: 100, saleTransactionId: sale.transactionId }, AT)).toThrow(/already been reversed/);
    expect(sumsToZero()).toBe(0);
  });

  it('after a reversal, settles credit against what is owed so the customer shows only the net position', () => {
    const sale = port30(jane); // owes 75
    recordPayment(db(), { customerId: jane, amount: 7500, method: 'card' }, AT); // paid
    const rev = reverseMoneyTransaction(db(), { transactionId: sale.transactionId }, AT); // sale cancelled: 75 is now credit
    expect(customerPosition(db(), jane)).toEqual({ customerId: jane, credit: 7500, receivable: 0, balance: 7500 });
    expect(rev.settlementTransactionId).not.toBeNull();
    const pay = recordPayment(db(), { customerId: jane, amount: 1000, method: 'card' }, AT); // credit 85
    port30(jane, { price: 8500 }); // spends all 85 of credit
    expect(customerPosition(db(), jane)).toMatchObject({ credit: 0, receivable: 0 });
    reverseMoneyTransaction(db(), { transactionId: pay.transactionId }, AT); // the $10 payment bounced after its credit was spent
    expect(customerPosition(db(), jane)).toMatchObject({ credit: 0, receivable: 1000, balance: -1000 });
    expect(sumsToZero()).toBe(0);
  });

  it('refuses a sale below cost unless the caller allows it', () => {
    const before = rowCounts(ledger);
    expect(() => port30(jane, { price: 5000 })).toThrow(
      expect.objectContaining({ code: 'BELOW_COST', message: "This sale's price ($50.00) is below its cost ($60.00). Raise the price, or confirm that you want to sell at a loss of $10.00." }),
    );
    expect(rowCounts(ledger)).toEqual(before);
    port30(jane, { price: 5000, allowBelowCost: true });
    expect(customerPosition(db(), jane).receivable).toBe(5000);
  });

  it('refuses bad input with INVALID_INPUT or a domain error, writing nothing', () => {
    const before = rowCounts(ledger);
    const bad: [() => unknown, string][] = [
      [() => recordPayment(db(), { customerId: jane, amount: 0, method: 'card' }, AT), 'INVALID_INPUT'],
      [() => recordPayment(db(), { customerId: jane, amount: 10.5, method: 'card' }, AT), 'INVALID_INPUT'],
      [() => recordPayment(db(), { customerId: jane, amount: 100, method: 'paypal' as 'card' }, AT), 'INVALID_INPUT'],
      [() => recordPayment(db(), { customerId: 'nobody', amount: 100, method: 'card' }, AT), 'NOT_FOUND'],
      [() => port30(jane, { accountId: 'nope' }), 'NOT_FOUND'],
      [() => port30(jane, { quantity: 0 }), 'INVALID_INPUT'],
      [() => port30(jane, { country: 'USA' }), 'INVALID_INPUT'],
      [() => port30(jane, { serviceId: 'missing' }), 'NOT_FOUND'],
      [() => port30(jane, { cost: -1 }), 'INVALID_INPUT'],
      [() => port30(jane, { cost: 0, price: 0 }), 'INVALID_INPUT'],
      [() => recordTopUp(db(), { customerId: jane, accountId: 'psx', amount: -5 }, AT), 'INVALID_INPUT'],
      [() => recordTopUp(db(), { customerId: jane, accountId: 'psx', amount: 5, recordAsPayment: true }, AT), 'INVALID_INPUT'],
      [() => recordDeduct(db(), { customerId: jane, accountId: 'zzz', amount: 5 }, AT), 'NOT_FOUND'],
      [() => recordDeposit(db(), { accountId: 'psx', amount: 0 }, AT), 'INVALID_INPUT'],
      [() => recordUpstreamAdjustment(db(), { accountId: 'psx', amount: 0 }, AT), 'INVALID_INPUT'],
      [() => recordRefund(db(), { customerId: jane, amount: 100 }, AT), 'INSUFFICIENT_BALANCE'],
      [() => recordCreditNote(db(), { customerId: jane, amount: 100, saleTransactionId: 'nope' }, AT), 'NOT_FOUND'],
      [() => reverseMoneyTransaction(db(), { transactionId: 'nope' }, AT), 'NOT_FOUND'],
    ];
    for (const [fn, code] of bad) expect(fn).toThrow(expect.objectContaining({ code }));
    expect(rowCounts(ledger)).toEqual(before);
  });

  it('a failure inside a caller transaction rolls back everything the caller did', () => {
    const before = rowCounts(ledger);
    expect(() =>
      db().transaction(() => {
        recordTopUp(db(), { customerId: jane, accountId: 'psx', amount: 1000 }, AT);
        port30(jane, { price: 1 }); // BELOW_COST
      })(),
    ).toThrow(/below its cost/);
    expect(rowCounts(ledger)).toEqual(before);
    expect(customerPosition(db(), jane)).toMatchObject({ credit: 0, receivable: 0 });
  });
});
