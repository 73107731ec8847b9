import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { formatMoney, type Minor } from '../../../shared/money';
import { ledgerAccounts as A, postTransaction, reverseTransaction, type PostingInput } from '../../ledger/journal';
import type { PaymentMethod, SalesTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import { assertPositive, customerPosition, inTransaction, occurred, requireCustomer, txMeta, type RecordOptions } from './guards';
import { settlePostings } from './payments';

/** Refunds, credit notes and reversals: every correction is a new transaction. */

interface SaleTx {
  id: string;
  kind: string;
  customer_id: string | null;
}

/** The sale transaction a correction concerns: must exist, be a sale, belong to the customer. */
function requireSaleOf(sqlite: Database.Database, saleTransactionId: string, customerId: string): SalesTable {
  const tx = prepare(sqlite, 'SELECT id, kind, customer_id FROM transactions WHERE id = ?').get(saleTransactionId) as SaleTx | undefined;
  if (!tx || tx.kind !== 'sale') throw new AppError('NOT_FOUND', 'That sale does not exist.', { field: 'saleTransactionId' });
  if (tx.customer_id !== customerId) throw new AppError('INVALID_INPUT', 'saleTransactionId: that sale belongs to another customer', { field: 'saleTransactionId' });
  const sale = prepare(sqlite, 'SELECT * FROM sales WHERE transaction_id = ? AND reverses_id IS NULL ORDER BY rowid LIMIT 1').get(saleTransactionId) as SalesTable | undefined;
  if (!sale) throw new AppError('NOT_FOUND', 'That sale has no sale line.', { field: 'saleTransactionId' });
  if (prepare(sqlite, 'SELECT 1 FROM transactions WHERE reverses_id = ?').get(saleTransactionId)) {
    throw new AppError('CONFLICT', 'That sale has already been reversed.', { field: 'saleTransactionId' });
  }
  return sale;
}

export interface RefundInput extends RecordOptions {
  customerId: string;
  amount: Minor;
  method?: PaymentMethod | null;
  saleTransactionId?: string | null;
  reference?: string | null;
  note?: string | null;
}

/** Money back to the customer out of their credit: cash −X / credit(c) +X. */
export function recordRefund(sqlite: Database.Database, input: RefundInput, now: Date): { transactionId: string } {
  assertPositive(input.amount);
  return inTransaction(sqlite, () => {
    const customer = requireCustomer(sqlite, input.customerId);
    if (input.saleTransactionId) requireSaleOf(sqlite, input.saleTransactionId, input.customerId);
    const { credit } = customerPosition(sqlite, input.customerId);
    if (input.amount > credit) {
      const available = Math.max(0, credit);
      throw new AppError(
        'INSUFFICIENT_BALANCE',
        available > 0
          ? `${customer.name} has ${formatMoney(available)} of credit; you cannot refund ${formatMoney(input.amount)}. Refund at most ${formatMoney(available)}, or issue a credit note first.`
          : `${customer.name} has no credit to refund. Issue a credit note first if you owe them money.`,
        { field: 'amount', details: { credit: available, amount: input.amount } },
      );
    }
    const userRef = input.reference ? ` (ref ${input.reference})` : '';
    const tx = postTransaction(
      sqlite,
      {
        ...txMeta(input),
        kind: 'refund',
        description: input.note?.trim() || `Refund ${formatMoney(input.amount)}${userRef}`,
        occurredAt: occurred(input, now),
        customerId: input.customerId,
        reference: input.saleTransactionId ?? input.reference ?? null,
        paymentMethod: input.method ?? null,
        postings: [
          { account: A.cash, amount: -input.amount },
          { account: A.credit(input.customerId), amount: input.amount },
        ],
      },
      now,
    );
    return { transactionId: tx.id };
  });
}

export interface CreditNoteInput extends RecordOptions {
  customerId: string;
  amount: Minor;
  /** auto: what the customer owes first, the rest becomes credit. */
  against?: 'auto' | 'credit' | 'receivable';
  saleTransactionId?: string | null;
  reason?: string | null;
}

/**
 * Credit note: revenue +X / credit(c) −X (or receivable(c) −X). Linked to a sale, it
 * also writes a sale line of −X price so margin by sale stays true, and may not exceed
 * what is left of that sale's price.
 */
export function recordCreditNote(sqlite: Database.Database, input: CreditNoteInput, now: Date): { transactionId: string } {
  assertPositive(input.amount);
  const against = input.against ?? 'auto';
  return inTransaction(sqlite, () => {
    const customer = requireCustomer(sqlite, input.customerId);
    const sale = input.saleTransactionId ? requireSaleOf(sqlite, input.saleTransactionId, input.customerId) : null;
    if (sale) {
      const credited = (prepare(sqlite, 'SELECT coalesce(-sum(s.price), 0) FROM sales s WHERE s.reverses_id = ? AND s.quantity = 0 AND NOT EXISTS (SELECT 1 FROM sales r WHERE r.reverses_id = s.id)').pluck().get(sale.id) as number) ?? 0;
      const left = sale.price - credited;
      if (input.amount > left) {
        throw new AppError('INVALID_INPUT', `amount: only ${formatMoney(left)} of this sale's ${formatMoney(sale.price)} is left to credit`, {
          field: 'amount',
          details: { left, amount: input.amount },
        });
      }
    }
    const { receivable } = customerPosition(sqlite, input.customerId);
    let customerPostings: PostingInput[];
    if (against === 'receivable') {
      if (input.amount > receivable) {
        throw new AppError('INVALID_INPUT', `amount: ${customer.name} owes ${formatMoney(Math.max(0, receivable))}; a credit note against what they owe cannot be larger`, {
          field: 'amount',
        });
      }
      customerPostings = [{ account: A.receivable(input.customerId), amount: -input.amount }];
    } else if (against === 'credit') {
      customerPostings = [{ account: A.credit(input.customerId), amount: -input.amount }];
    } else {
      customerPostings = settlePostings(input.customerId, input.amount, receivable);
    }
    const occurredAt = occurred(input, now);
    const tx = postTransaction(
      sqlite,
      {
        ...txMeta(input),
        kind: 'credit_note',
        description: input.reason?.trim() || `Credit note ${formatMoney(input.amount)}`,
        occurredAt,
        customerId: input.customerId,
        providerAccountId: sale?.provider_account_id ?? null,
        reference: input.saleTransactionId ?? null,
        postings: [{ account: A.revenue, amount: input.amount }, ...customerPostings],
      },
      now,
    );
    if (sale) {
      // A price-only correction line: quantity 0, cost 0, price −X, pointing at the sale it corrects.
      prepare(
        sqlite,
        `INSERT INTO sales (id, transaction_id, occurred_at, customer_id, provider_account_id, service_id, product, country, quantity, unit, cost, price, reverses_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?)`,
      ).run(randomUUID(), tx.id, new Date(occurredAt).toISOString(), sale.customer_id, sale.provider_account_id, sale.service_id, sale.product, sale.country, sale.unit, -input.amount, sale.id);
    }
    return { transactionId: tx.id };
  });
}

export interface ReverseInput extends RecordOptions {
  transactionId: string;
  reason?: string | null;
}

export interface ReversedTransaction {
  transactionId: string;
  customerId: string | null;
  accountId: string | null;
  /** Set when the customer's credit and receivable had to be settled against each other afterwards. */
  settlementTransactionId: string | null;
}

/**
 * After a reversal a customer can be left with negative credit (a payment reversed after
 * its credit was spent), negative receivable (a sale reversed after it was paid) or both
 * credit and receivable. One extra transaction settles them against each other, keeping
 * the balance (credit − receivable) and leaving only what is really owed either way.
 */
function settleCustomerPosition(sqlite: Database.Database, customerId: string, occurredAt: Date, now: Date, operationId: string | null): string | null {
  const { credit, receivable, balance } = customerPosition(sqlite, customerId);
  const targetCredit = Math.max(0, balance);
  const targetReceivable = Math.max(0, -balance);
  if (credit === targetCredit && receivable === targetReceivable) return null;
  const name = requireCustomer(sqlite, customerId).name;
  const tx = postTransaction(
    sqlite,
    {
      kind: 'adjustment',
      description: `Settled ${name}'s credit and amount owed against each other after a reversal`,
      occurredAt,
      customerId,
      operationId,
      postings: [
        { account: A.credit(customerId), amount: credit - targetCredit },
        { account: A.receivable(customerId), amount: targetReceivable - receivable },
      ].filter((p) => p.amount !== 0),
    },
    now,
  );
  return tx.id;
}

/**
 * Posts the mirror image of a transaction; its sale lines get negative mirror lines
 * (reverses_id → the line they cancel), so sales reports net to zero as well. Then the
 * customer's position is settled (see settleCustomerPosition).
 */
export function reverseMoneyTransaction(sqlite: Database.Database, input: ReverseInput, now: Date): ReversedTransaction {
  return inTransaction(sqlite, () => {
    const occurredAt = new Date(occurred(input, now));
    const original = prepare(sqlite, 'SELECT description, customer_id, provider_account_id FROM transactions WHERE id = ?').get(input.transactionId) as
      | { description: string; customer_id: string | null; provider_account_id: string | null }
      | undefined;
    if (!original) throw new AppError('NOT_FOUND', 'That transaction does not exist.', { field: 'transactionId' });
    const tx = reverseTransaction(
      sqlite,
      input.transactionId,
      {
        occurredAt,
        description: `Reversal of: ${original.description}${input.reason ? ` — ${input.reason.trim()}` : ''}`,
        operationId: input.operationId ?? null,
        ...(input.id ? { id: input.id } : {}),
      },
      now,
    );
    const lines = prepare(sqlite, 'SELECT * FROM sales WHERE transaction_id = ? ORDER BY rowid').all(input.transactionId) as SalesTable[];
    const insert = prepare(
      sqlite,
      `INSERT INTO sales (id, transaction_id, occurred_at, customer_id, provider_account_id, service_id, product, country, quantity, unit, cost, price, reverses_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const l of lines) {
      insert.run(randomUUID(), tx.id, occurredAt.toISOString(), l.customer_id, l.provider_account_id, l.service_id, l.product, l.country, -l.quantity || 0, l.unit, -l.cost || 0, -l.price || 0, l.id);
    }
    // Customers whose credit or receivable the reversal touched (normally just the transaction's customer).
    const touched = prepare(
      sqlite,
      `SELECT DISTINCT customer_id FROM ledger_accounts
       WHERE customer_id IS NOT NULL AND (substr(id, 1, 7) = 'credit:' OR substr(id, 1, 11) = 'receivable:')
         AND id IN (SELECT account_id FROM postings WHERE transaction_id = ?)`,
    )
      .pluck()
      .all(tx.id) as string[];
    let settlementTransactionId: string | null = null;
    for (const customerId of touched) {
      settlementTransactionId = settleCustomerPosition(sqlite, customerId, occurredAt, now, input.operationId ?? null) ?? settlementTransactionId;
    }
    return { transactionId: tx.id, customerId: original.customer_id, accountId: original.provider_account_id, settlementTransactionId };
  });
}
