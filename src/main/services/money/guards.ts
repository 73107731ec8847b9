import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Minor } from '../../../shared/money';
import { prepare } from '../../ledger/sql';

/** Checks shared by the money functions; each throws a domain error before anything is written. */

export interface CustomerPosition {
  customerId: string;
  credit: Minor;
  receivable: Minor;
  balance: Minor;
}

/** Options every recording function accepts, for the operations journal and replays. */
export interface RecordOptions {
  occurredAt?: Date | string;
  operationId?: string | null;
  /** Deterministic transaction id (e.g. derived from an operation). */
  id?: string;
}

/** Runs `fn` in the caller's transaction when there is one, else in a new one. */
export function inTransaction<T>(sqlite: Database.Database, fn: () => T): T {
  return sqlite.inTransaction ? fn() : sqlite.transaction(fn)();
}

export function requireCustomer(sqlite: Database.Database, customerId: string): { id: string; name: string; status: string } {
  const row = prepare(sqlite, 'SELECT id, name, status FROM customers WHERE id = ?').get(customerId) as { id: string; name: string; status: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That customer does not exist.', { field: 'customerId' });
  return row;
}

export function requireAccount(sqlite: Database.Database, accountId: string): { id: string; name: string; provider: string } {
  const row = prepare(sqlite, 'SELECT id, name, provider FROM provider_accounts WHERE id = ?').get(accountId) as { id: string; name: string; provider: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That upstream account does not exist.', { field: 'accountId' });
  return row;
}

export function assertPositive(amount: number, field = 'amount'): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new AppError('INVALID_INPUT', `${field}: must be a whole number of cents greater than zero`, { field });
  }
}

export function assertNonNegative(amount: number, field: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new AppError('INVALID_INPUT', `${field}: must be a whole, non-negative number of cents`, { field });
  }
}

/** Credit and receivable from the trigger-maintained balance table (O(1), no posting sums). */
export function customerPosition(sqlite: Database.Database, customerId: string): CustomerPosition {
  const row = prepare(sqlite, 'SELECT credit, receivable FROM customer_balances WHERE customer_id = ?').get(customerId) as
    | { credit: number; receivable: number }
    | undefined;
  const credit = row?.credit ?? 0;
  const receivable = row?.receivable ?? 0;
  return { customerId, credit, receivable, balance: credit - receivable };
}

export function occurred(options: RecordOptions, now: Date): Date | string {
  return options.occurredAt ?? now;
}

/** Common transaction fields from the options. */
export function txMeta(options: RecordOptions): { operationId: string | null; id?: string } {
  return { operationId: options.operationId ?? null, ...(options.id ? { id: options.id } : {}) };
}
