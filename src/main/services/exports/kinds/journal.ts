import type { LedgerAccountKind } from '../../../ledger/schema';
import { Conditions, type ExportFilters, type ExportSpec } from '../export-spec';
import { hledgerAccountName } from '../hledger-account';

/**
 * One row per posting, in journal order. Filters keep whole transactions (a customer or
 * upstream filter selects every posting of a transaction that concerns them), so a
 * filtered journal still balances.
 *
 * The column order is part of the contract with resources/hledger/journal.rules.
 *
 * Streaming without a sort: CROSS JOIN keeps transactions the outer loop, walked in
 * the order of the transactions_occurred index, whose implicit last column is the rowid
 * (insertion order, the same order as seq); each transaction's postings come from
 * postings_transaction in id order. So ORDER BY needs no temporary B-tree and the first
 * row is written at once, even for millions of postings.
 */
export const journalExport: ExportSpec = {
  kind: 'journal',
  columns: [
    { header: 'date', key: 'occurred_at', type: 'instant' },
    { header: 'transaction_id', type: 'text' },
    { header: 'kind', type: 'text' },
    { header: 'description', type: 'text' },
    { header: 'account', type: 'text' },
    // Named per row, no cache: a lookup by id hashes the id anyway, costs about as much as
    // the name, and a 100,000-customer chart has 300,000 accounts.
    { header: 'hledger_account', type: 'text', derive: { from: ['account', 'account_kind'], compute: (account, kind) => hledgerAccountName(String(account), kind as LedgerAccountKind) } },
    { header: 'amount', type: 'amount' },
    { header: 'currency', type: 'text' },
    { header: 'customer_id', type: 'text' },
    { header: 'customer', type: 'text' },
    { header: 'upstream_account_id', type: 'text' },
    { header: 'upstream_account', type: 'text' },
    { header: 'reference', type: 'text' },
    { header: 'payment_method', type: 'text' },
    { header: 'reverses_id', type: 'text' },
  ],
  query(f) {
    const c = filters(f);
    return {
      sql: `SELECT t.occurred_at, t.id AS transaction_id, t.kind, t.description, p.account_id AS account, la.kind AS account_kind,
              p.amount, t.currency, cu.id AS customer_id, cu.name AS customer, pa.id AS upstream_account_id, pa.name AS upstream_account,
              t.reference, t.payment_method, t.reverses_id
            FROM transactions t
            CROSS JOIN postings p ON p.transaction_id = t.id
            JOIN ledger_accounts la ON la.id = p.account_id
            LEFT JOIN customers cu ON cu.id = coalesce(t.customer_id, la.customer_id)
            LEFT JOIN provider_accounts pa ON pa.id = coalesce(t.provider_account_id, la.provider_account_id)
            ${c.where()}
            ORDER BY t.occurred_at, t.rowid, p.id`,
      params: c.params,
    };
  },
  // Same rows without the display joins (every posting has its ledger account: a foreign key).
  count(f) {
    const c = filters(f);
    return {
      sql: `SELECT count(*) FROM transactions t JOIN postings p ON p.transaction_id = t.id ${c.where()}`,
      params: c.params,
    };
  },
};

function filters(f: ExportFilters): Conditions {
  const c = new Conditions();
  if (f.from) c.add('t.occurred_at >= @from', { from: f.from });
  if (f.to) c.add('t.occurred_at < @to', { to: f.to });
  if (f.customerId) {
    c.add(
      `(t.customer_id = @customerId OR t.id IN (SELECT p2.transaction_id FROM postings p2 JOIN ledger_accounts l2 ON l2.id = p2.account_id WHERE l2.customer_id = @customerId))`,
      { customerId: f.customerId },
    );
  }
  if (f.accountId) {
    c.add(
      `(t.provider_account_id = @accountId OR t.id IN (SELECT p3.transaction_id FROM postings p3 JOIN ledger_accounts l3 ON l3.id = p3.account_id WHERE l3.provider_account_id = @accountId))`,
      { accountId: f.accountId },
    );
  }
  return c;
}
