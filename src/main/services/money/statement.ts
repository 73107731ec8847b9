import type Database from 'better-sqlite3';
import type { Statement, StatementLine } from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import { ledgerAccounts as A } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';
import { requireCustomer } from './guards';

/**
 * A customer's statement: their balance with the reseller (credit − receivable) at the
 * start, every movement of it in order with a running balance, and the close. A line's
 * amount is its effect on that balance: −(sum of its postings to credit:c and receivable:c);
 * movements with no effect (a settlement of credit against receivable) are left out.
 */
export function customerStatement(
  sqlite: Database.Database,
  input: { customerId: string; from?: Date | string | null; to?: Date | string | null },
  now: Date,
): Statement {
  const customer = requireCustomer(sqlite, input.customerId);
  const from = input.from ? new Date(input.from) : new Date(0);
  const to = input.to ? new Date(input.to) : now;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AppError('INVALID_INPUT', 'from: is not a valid date', { field: 'from' });
  if (to.getTime() < from.getTime()) throw new AppError('INVALID_INPUT', 'to: must not be before from', { field: 'to' });
  const credit = A.credit(customer.id);
  const receivable = A.receivable(customer.id);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  // The end is exclusive; the default end ("now") includes what was posted at this very instant.
  const toBound = input.to ? toIso : new Date(to.getTime() + 1).toISOString();

  const opening =
    (prepare(
      sqlite,
      `SELECT coalesce(-sum(p.amount), 0) FROM postings p JOIN transactions t ON t.id = p.transaction_id
       WHERE p.account_id IN (?, ?) AND t.occurred_at < ?`,
    )
      .pluck()
      .get(credit, receivable, fromIso) as number) || 0;

  const rows = prepare(
    sqlite,
    `SELECT t.id, t.occurred_at, t.kind, t.description, t.reference, t.payment_method, -sum(p.amount) AS amount
     FROM postings p JOIN transactions t ON t.id = p.transaction_id
     WHERE p.account_id IN (?, ?) AND t.occurred_at >= ? AND t.occurred_at < ?
     GROUP BY t.id
     HAVING sum(p.amount) <> 0
     ORDER BY t.occurred_at, t.seq`,
  ).all(credit, receivable, fromIso, toBound) as {
    id: string;
    occurred_at: string;
    kind: string;
    description: string;
    reference: string | null;
    payment_method: string | null;
    amount: number;
  }[];

  let balance = opening;
  let charges = 0;
  let payments = 0;
  const lines: StatementLine[] = rows.map((r) => {
    const amount = r.amount || 0;
    balance += amount;
    if (amount < 0) charges -= amount;
    else payments += amount;
    return {
      transactionId: r.id,
      occurredAt: r.occurred_at,
      kind: r.kind,
      description: r.description,
      reference: r.reference,
      paymentMethod: r.payment_method,
      amount,
      balance,
    };
  });
  return {
    customerId: customer.id,
    customerName: customer.name,
    from: fromIso,
    to: toIso,
    openingBalance: opening,
    lines,
    closingBalance: balance,
    totals: { charges, payments },
  };
}
