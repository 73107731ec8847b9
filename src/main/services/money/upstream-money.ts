import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { formatMoney, type Minor } from '../../../shared/money';
import { ledgerAccounts as A, postTransaction } from '../../ledger/journal';
import type { PaymentMethod } from '../../ledger/schema';
import { assertPositive, inTransaction, occurred, requireAccount, requireCustomer, txMeta, type RecordOptions } from './guards';
import { recordPayment } from './payments';

/**
 * The ledger side of money moving at an upstream. These record facts the upstream has
 * already accepted, so they do not second-guess its balances; the caller (the
 * operations journal) runs them after the upstream call, in one SQLite transaction.
 */

export interface TopUpInput extends RecordOptions {
  customerId: string;
  accountId: string;
  amount: Minor;
  /** Also record that the customer paid this amount (a payment transaction). */
  recordAsPayment?: boolean;
  method?: PaymentMethod;
  reference?: string | null;
  note?: string | null;
}

/** Top-up: upstreamSub(a,c) +X / upstream(a) −X; optionally a payment as well. */
export function recordTopUp(sqlite: Database.Database, input: TopUpInput, now: Date): { transactionId: string; paymentTransactionId: string | null } {
  assertPositive(input.amount);
  if (input.recordAsPayment && !input.method) throw new AppError('INVALID_INPUT', 'method: say how the customer paid', { field: 'method' });
  return inTransaction(sqlite, () => {
    requireCustomer(sqlite, input.customerId);
    requireAccount(sqlite, input.accountId);
    const tx = postTransaction(
      sqlite,
      {
        ...txMeta(input),
        kind: 'topup',
        description: input.note?.trim() || `Top-up of customer balance ${formatMoney(input.amount)}`,
        occurredAt: occurred(input, now),
        customerId: input.customerId,
        providerAccountId: input.accountId,
        reference: input.reference ?? null,
        postings: [
          { account: A.upstreamSub(input.accountId, input.customerId), amount: input.amount },
          { account: A.upstream(input.accountId), amount: -input.amount },
        ],
      },
      now,
    );
    let paymentTransactionId: string | null = null;
    if (input.recordAsPayment) {
      paymentTransactionId = recordPayment(
        sqlite,
        {
          customerId: input.customerId,
          amount: input.amount,
          method: input.method!,
          reference: input.reference ?? null,
          note: `Payment for top-up ${formatMoney(input.amount)}`,
          occurredAt: occurred(input, now),
          operationId: input.operationId ?? null,
        },
        now,
      ).transactionId;
    }
    return { transactionId: tx.id, paymentTransactionId };
  });
}

export interface DeductInput extends RecordOptions {
  customerId: string;
  accountId: string;
  amount: Minor;
  reference?: string | null;
  note?: string | null;
}

/** Deduct (money back from a customer's sub-balance): upstream(a) +X / upstreamSub(a,c) −X. */
export function recordDeduct(sqlite: Database.Database, input: DeductInput, now: Date): { transactionId: string } {
  assertPositive(input.amount);
  return inTransaction(sqlite, () => {
    requireCustomer(sqlite, input.customerId);
    requireAccount(sqlite, input.accountId);
    const tx = postTransaction(
      sqlite,
      {
        ...txMeta(input),
        kind: 'deduct',
        description: input.note?.trim() || `Deducted from customer balance ${formatMoney(input.amount)}`,
        occurredAt: occurred(input, now),
        customerId: input.customerId,
        providerAccountId: input.accountId,
        reference: input.reference ?? null,
        postings: [
          { account: A.upstream(input.accountId), amount: input.amount },
          { account: A.upstreamSub(input.accountId, input.customerId), amount: -input.amount },
        ],
      },
      now,
    );
    return { transactionId: tx.id };
  });
}

export interface DepositInput extends RecordOptions {
  accountId: string;
  amount: Minor;
  reference?: string | null;
  note?: string | null;
}

/** The reseller adds money at an upstream: upstream(a) +X / cash −X. */
export function recordDeposit(sqlite: Database.Database, input: DepositInput, now: Date): { transactionId: string } {
  assertPositive(input.amount);
  return inTransaction(sqlite, () => {
    const account = requireAccount(sqlite, input.accountId);
    const tx = postTransaction(
      sqlite,
      {
        ...txMeta(input),
        kind: 'deposit',
        description: input.note?.trim() || `Deposit to ${account.name} ${formatMoney(input.amount)}`,
        occurredAt: occurred(input, now),
        providerAccountId: input.accountId,
        reference: input.reference ?? null,
        postings: [
          { account: A.upstream(input.accountId), amount: input.amount },
          { account: A.cash, amount: -input.amount },
        ],
      },
      now,
    );
    return { transactionId: tx.id };
  });
}

export interface UpstreamAdjustmentInput extends RecordOptions {
  accountId: string;
  /** Signed: positive raises the ledger's view of the upstream balance. */
  amount: Minor;
  /** With a customer: the adjustment is to that customer's sub-balance at the upstream. */
  customerId?: string | null;
  kind?: 'opening_balance' | 'adjustment';
  note?: string | null;
  reference?: string | null;
}

/**
 * Sync adjustments: upstream(a) ± / equity ∓ (or upstreamSub(a,c) ± / equity ∓), so the
 * ledger's balance equals the upstream's after a sync.
 */
export function recordUpstreamAdjustment(sqlite: Database.Database, input: UpstreamAdjustmentInput, now: Date): { transactionId: string } {
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) {
    throw new AppError('INVALID_INPUT', 'amount: must be a whole, non-zero number of cents', { field: 'amount' });
  }
  return inTransaction(sqlite, () => {
    const account = requireAccount(sqlite, input.accountId);
    if (input.customerId) requireCustomer(sqlite, input.customerId);
    const target = input.customerId ? A.upstreamSub(input.accountId, input.customerId) : A.upstream(input.accountId);
    const kind = input.kind ?? 'adjustment';
    const tx = postTransaction(
      sqlite,
      {
        ...txMeta(input),
        kind,
        description:
          input.note?.trim() ||
          `${kind === 'opening_balance' ? 'Opening balance' : 'Balance sync adjustment'}: ${account.name}${input.customerId ? ' (customer sub-balance)' : ''} ${formatMoney(input.amount)}`,
        occurredAt: occurred(input, now),
        customerId: input.customerId ?? null,
        providerAccountId: input.accountId,
        reference: input.reference ?? null,
        postings: [
          { account: target, amount: input.amount },
          { account: A.equity, amount: -input.amount },
        ],
      },
      now,
    );
    return { transactionId: tx.id };
  });
}
