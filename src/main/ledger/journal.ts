import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Minor } from '../../shared/money';
import type { LedgerAccountKind, PaymentMethod } from './schema';
import { prepare } from './sql';

/**
 * The double-entry journal. Every money movement is one transaction of two or more
 * postings (signed minor units, debit positive) that sum to zero. Nothing is edited or
 * deleted (triggers refuse it); a mistake is corrected by `reverseTransaction`.
 */

/** The chart of accounts, by naming rule. */
export const ledgerAccounts = {
  cash: 'cash',
  revenue: 'revenue',
  equity: 'equity',
  upstream: (accountId: string) => `upstream:${accountId}`,
  upstreamSub: (accountId: string, customerId: string) => `upstream:${accountId}:sub:${customerId}`,
  receivable: (customerId: string) => `receivable:${customerId}`,
  credit: (customerId: string) => `credit:${customerId}`,
  cost: (accountId: string) => `cost:${accountId}`,
} as const;

interface AccountShape {
  kind: LedgerAccountKind;
  name: string;
  customerId: string | null;
  providerAccountId: string | null;
}

/** What a ledger account id means: its kind and the customer or upstream it belongs to. */
export function describeLedgerAccount(id: string): AccountShape {
  if (id === 'cash') return { kind: 'asset', name: 'Cash', customerId: null, providerAccountId: null };
  if (id === 'revenue') return { kind: 'income', name: 'Revenue', customerId: null, providerAccountId: null };
  if (id === 'equity') return { kind: 'equity', name: "Owner's equity", customerId: null, providerAccountId: null };
  let m = /^upstream:([^:]+):sub:([^:]+)$/.exec(id);
  if (m) return { kind: 'asset', name: 'Customer sub-balance upstream', customerId: m[2]!, providerAccountId: m[1]! };
  m = /^upstream:([^:]+)$/.exec(id);
  if (m) return { kind: 'asset', name: 'Upstream balance', customerId: null, providerAccountId: m[1]! };
  m = /^receivable:([^:]+)$/.exec(id);
  if (m) return { kind: 'asset', name: 'Receivable', customerId: m[1]!, providerAccountId: null };
  m = /^credit:([^:]+)$/.exec(id);
  if (m) return { kind: 'liability', name: 'Customer credit', customerId: m[1]!, providerAccountId: null };
  m = /^cost:([^:]+)$/.exec(id);
  if (m) return { kind: 'expense', name: 'Wholesale cost', customerId: null, providerAccountId: m[1]! };
  throw new AppError('INVALID_INPUT', `"${id}" is not an account of the chart of accounts.`);
}

export type TransactionKind =
  | 'deposit'
  | 'payment'
  | 'topup'
  | 'deduct'
  | 'sale'
  | 'refund'
  | 'credit_note'
  | 'reversal'
  | 'adjustment'
  | 'opening_balance';

export interface PostingInput {
  account: string;
  amount: Minor;
}

export interface TransactionInput {
  kind: TransactionKind;
  description: string;
  occurredAt: Date | string;
  postings: PostingInput[];
  customerId?: string | null;
  providerAccountId?: string | null;
  reference?: string | null;
  paymentMethod?: PaymentMethod | null;
  reversesId?: string | null;
  operationId?: string | null;
  currency?: string;
  /** Supply to make the id deterministic (e.g. derived from an operation); default a UUID. */
  id?: string;
}

export interface PostedTransaction {
  id: string;
  seq: number;
}

function iso(value: Date | string): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new AppError('INVALID_INPUT', 'occurredAt: is not a valid date', { field: 'occurredAt' });
  return d.toISOString();
}

/** Ensures a ledger account row exists for an id of the chart. */
export function ensureLedgerAccount(sqlite: Database.Database, id: string, now: string): void {
  const shape = describeLedgerAccount(id);
  prepare(
    sqlite,
    'INSERT INTO ledger_accounts (id, kind, name, customer_id, provider_account_id, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  ).run(id, shape.kind, shape.name, shape.customerId, shape.providerAccountId, now);
}

/**
 * Posts one balanced transaction. Synchronous: call it inside `sqlite.transaction(...)`
 * together with the records it belongs to, so either all of it lands or none.
 */
export function postTransaction(sqlite: Database.Database, input: TransactionInput, recordedAt: Date): PostedTransaction {
  if (input.postings.length < 2) throw new AppError('INVALID_INPUT', 'A transaction needs at least two postings.');
  let total = 0n;
  for (const p of input.postings) {
    if (!Number.isSafeInteger(p.amount)) throw new AppError('INVALID_INPUT', `Posting to ${p.account} is not a whole number of cents.`);
    total += BigInt(p.amount);
  }
  if (total !== 0n) throw new AppError('INVALID_INPUT', `Postings must sum to zero; they sum to ${total} cents.`);
  if (!input.description.trim()) throw new AppError('INVALID_INPUT', 'A transaction needs a description.', { field: 'description' });

  const id = input.id ?? randomUUID();
  const now = recordedAt.toISOString();
  const occurredAt = iso(input.occurredAt);
  const write = () => {
    const seq = ((prepare(sqlite, 'SELECT coalesce(max(seq), 0) + 1 FROM transactions').pluck().get() as number) ?? 1);
    prepare(
      sqlite,
      `INSERT INTO transactions (id, seq, occurred_at, recorded_at, kind, description, currency, customer_id, provider_account_id, reference, payment_method, reverses_id, operation_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      seq,
      occurredAt,
      now,
      input.kind,
      input.description.trim(),
      input.currency ?? 'USD',
      input.customerId ?? null,
      input.providerAccountId ?? null,
      input.reference ?? null,
      input.paymentMethod ?? null,
      input.reversesId ?? null,
      input.operationId ?? null,
    );
    const insertPosting = prepare(sqlite, 'INSERT INTO postings (transaction_id, account_id, amount) VALUES (?, ?, ?)');
    for (const p of input.postings) {
      ensureLedgerAccount(sqlite, p.account, now);
      insertPosting.run(id, p.account, p.amount);
    }
    return { id, seq };
  };
  return sqlite.inTransaction ? write() : sqlite.transaction(write)();
}

/** Posts the mirror image of a transaction (every posting negated), linked by reverses_id. */
export function reverseTransaction(
  sqlite: Database.Database,
  transactionId: string,
  options: { description?: string; occurredAt: Date; kind?: TransactionKind; reference?: string | null; id?: string; operationId?: string | null },
  recordedAt: Date,
): PostedTransaction {
  const original = prepare(sqlite, 'SELECT * FROM transactions WHERE id = ?').get(transactionId) as
    | { id: string; description: string; customer_id: string | null; provider_account_id: string | null; reverses_id: string | null; currency: string }
    | undefined;
  if (!original) throw new AppError('NOT_FOUND', 'That transaction does not exist.');
  if (original.reverses_id) throw new AppError('CONFLICT', 'A reversal cannot itself be reversed; post a new transaction instead.');
  const already = prepare(sqlite, 'SELECT id FROM transactions WHERE reverses_id = ?').get(transactionId);
  if (already) throw new AppError('CONFLICT', 'This transaction has already been reversed.');
  const postings = prepare(sqlite, 'SELECT account_id, amount FROM postings WHERE transaction_id = ? ORDER BY id').all(transactionId) as {
    account_id: string;
    amount: number;
  }[];
  return postTransaction(
    sqlite,
    {
      ...(options.id ? { id: options.id } : {}),
      kind: options.kind ?? 'reversal',
      description: options.description ?? `Reversal of: ${original.description}`,
      occurredAt: options.occurredAt,
      customerId: original.customer_id,
      providerAccountId: original.provider_account_id,
      reference: options.reference ?? null,
      reversesId: original.id,
      operationId: options.operationId ?? null,
      currency: original.currency,
      postings: postings.map((p) => ({ account: p.account_id, amount: -p.amount })),
    },
    recordedAt,
  );
}

/** Sum of postings to one account (debit positive), optionally up to an instant. */
export function accountBalance(sqlite: Database.Database, accountId: string, asOf?: Date): Minor {
  if (asOf) {
    return prepare(
      sqlite,
      'SELECT coalesce(sum(p.amount), 0) FROM postings p JOIN transactions t ON t.id = p.transaction_id WHERE p.account_id = ? AND t.occurred_at <= ?',
    )
      .pluck()
      .get(accountId, asOf.toISOString()) as number;
  }
  return prepare(sqlite, 'SELECT coalesce(sum(amount), 0) FROM postings WHERE account_id = ?').pluck().get(accountId) as number;
}

/**
 * Balance as a person reads it: assets and expenses as their debit balance, liabilities,
 * income and equity as their credit balance (so a customer's credit of $100 is +10000).
 */
export function naturalBalance(sqlite: Database.Database, accountId: string, asOf?: Date): Minor {
  const raw = accountBalance(sqlite, accountId, asOf);
  const { kind } = describeLedgerAccount(accountId);
  return kind === 'asset' || kind === 'expense' ? raw : 0 - raw || 0;
}
