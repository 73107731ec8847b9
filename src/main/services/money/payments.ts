import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { formatMoney, type Minor } from '../../../shared/money';
import { ledgerAccounts as A, postTransaction, type PostingInput } from '../../ledger/journal';
import type { PaymentMethod } from '../../ledger/schema';
import { assertPositive, customerPosition, inTransaction, occurred, requireCustomer, txMeta, type RecordOptions } from './guards';

export const PAYMENT_METHOD_LIST: readonly PaymentMethod[] = ['card', 'crypto', 'bank', 'cash', 'other'];

export interface PaymentInput extends RecordOptions {
  customerId: string;
  amount: Minor;
  method: PaymentMethod;
  reference?: string | null;
  note?: string | null;
}

/**
 * Money arriving from a customer settles what they owe first; the rest becomes credit.
 * Used by payments, and by the "auto" credit note with `revenue` as the source.
 */
export function settlePostings(customerId: string, amount: Minor, receivable: Minor): PostingInput[] {
  const settle = Math.min(amount, Math.max(0, receivable));
  const rest = amount - settle;
  const out: PostingInput[] = [];
  if (settle > 0) out.push({ account: A.receivable(customerId), amount: -settle });
  if (rest > 0) out.push({ account: A.credit(customerId), amount: -rest });
  return out;
}

/** Payment received: cash +X; receivable −min(X, receivable); credit −rest. */
export function recordPayment(sqlite: Database.Database, input: PaymentInput, now: Date): { transactionId: string } {
  assertPositive(input.amount);
  if (!PAYMENT_METHOD_LIST.includes(input.method)) {
    throw new AppError('INVALID_INPUT', `method: must be one of ${PAYMENT_METHOD_LIST.join(', ')}`, { field: 'method' });
  }
  return inTransaction(sqlite, () => {
    requireCustomer(sqlite, input.customerId);
    const { receivable } = customerPosition(sqlite, input.customerId);
    const tx = postTransaction(
      sqlite,
      {
        ...txMeta(input),
        kind: 'payment',
        description: input.note?.trim() || `Payment received (${input.method}) ${formatMoney(input.amount)}`,
        occurredAt: occurred(input, now),
        customerId: input.customerId,
        reference: input.reference ?? null,
        paymentMethod: input.method,
        postings: [{ account: A.cash, amount: input.amount }, ...settlePostings(input.customerId, input.amount, receivable)],
      },
      now,
    );
    return { transactionId: tx.id };
  });
}
