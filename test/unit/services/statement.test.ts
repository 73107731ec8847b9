import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/main/ledger/database';
import { customerStatement, recordCreditNote, recordPayment, recordRefund, recordSale, recordTopUp, reverseMoneyTransaction } from '../../../src/main/services/money';
import { AT, addCustomer, openFixtureLedger } from './ledger-fixture';

const day = (d: number) => new Date(Date.UTC(2026, 0, d, 10));

describe('customer statement', () => {
  let ledger: Ledger;
  let close: () => Promise<void>;
  let jane: string;
  let bob: string;
  beforeEach(async () => {
    ({ ledger, close } = await openFixtureLedger());
    jane = addCustomer(ledger, 'jane@acme.test', 'Jane');
    bob = addCustomer(ledger, 'bob@acme.test', 'Bob');
  });
  afterEach(() => close());

  it('gives the opening balance, every movement in order with a running balance, and the close', () => {
    const db = ledger.sqlite;
    const sale = (customerId: string, price: number, at: Date) =>
      recordSale(db, { customerId, accountId: 'psx', product: 'port', quantity: 30, unit: 'day', cost: 6000, price, occurredAt: at }, AT);
    recordPayment(db, { customerId: jane, amount: 10000, method: 'card', occurredAt: day(1) }, AT); // before the period
    sale(jane, 7500, day(2)); // before the period
    recordPayment(db, { customerId: bob, amount: 99999, method: 'cash', occurredAt: day(11) }, AT); // someone else
    const s1 = sale(jane, 7500, day(10));
    recordPayment(db, { customerId: jane, amount: 6000, method: 'bank', reference: 'wire-9', occurredAt: day(12) }, AT);
    recordTopUp(db, { customerId: jane, accountId: 'psx', amount: 2000, occurredAt: day(13) }, AT); // upstream-only: not on the statement
    recordCreditNote(db, { customerId: jane, amount: 500, saleTransactionId: s1.transactionId, occurredAt: day(14) }, AT);
    recordRefund(db, { customerId: jane, amount: 500, occurredAt: day(15) }, AT);
    sale(jane, 8000, day(20)); // after the period

    const st = customerStatement(db, { customerId: jane, from: day(5), to: day(20) }, AT);
    expect(st.customerName).toBe('Jane');
    expect(st.openingBalance).toBe(2500);
    expect(st.lines.map((l) => [l.kind, l.amount, l.balance])).toEqual([
      ['sale', -7500, -5000],
      ['payment', 6000, 1000],
      ['credit_note', 500, 1500],
      ['refund', -500, 1000],
    ]);
    expect(st.lines[1]).toMatchObject({ reference: 'wire-9', paymentMethod: 'bank' });
    expect(st.closingBalance).toBe(1000);
    expect(st.totals).toEqual({ charges: 8000, payments: 6500 });

    // The whole history closes at the customer's current position.
    const all = customerStatement(db, { customerId: jane }, new Date('2027-01-01T00:00:00Z'));
    expect(all.openingBalance).toBe(0);
    expect(all.closingBalance).toBe(1000 - 8000);
  });

  it('shows a reversal as its own line that cancels the original', () => {
    const db = ledger.sqlite;
    const pay = recordPayment(db, { customerId: jane, amount: 4000, method: 'card', occurredAt: day(3) }, AT);
    reverseMoneyTransaction(db, { transactionId: pay.transactionId, reason: 'Chargeback', occurredAt: day(4) }, AT);
    const st = customerStatement(db, { customerId: jane, from: day(1), to: day(30) }, AT);
    expect(st.lines.map((l) => [l.kind, l.amount, l.balance])).toEqual([
      ['payment', 4000, 4000],
      ['reversal', -4000, 0],
    ]);
    expect(st.lines[1]!.description).toMatch(/^Reversal of: .* — Chargeback$/);
  });

  it('refuses an unknown customer and a period that ends before it starts', () => {
    expect(() => customerStatement(ledger.sqlite, { customerId: 'nobody' }, AT)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => customerStatement(ledger.sqlite, { customerId: jane, from: day(5), to: day(4) }, AT)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
