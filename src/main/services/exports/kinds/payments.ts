import { CUSTOMER_ACCOUNT_SQL, Conditions, type ExportSpec } from '../export-spec';

/**
 * Money received from (or refunded to) customers: payment and refund transactions and
 * their reversals. `amount` is the change in what the customer has with the reseller
 * (payment positive, refund negative); a payment that touches no customer account
 * falls back to the cash it brought in.
 */
export const paymentsExport: ExportSpec = {
  kind: 'payments',
  columns: [
    { header: 'date', key: 'occurred_at', type: 'instant' },
    { header: 'transaction_id', type: 'text' },
    { header: 'kind', type: 'text' },
    { header: 'customer_id', type: 'text' },
    { header: 'customer', type: 'text' },
    { header: 'amount', type: 'amount' },
    { header: 'currency', type: 'text' },
    { header: 'payment_method', type: 'text' },
    { header: 'reference', type: 'text' },
    { header: 'description', type: 'text' },
    { header: 'upstream_account_id', type: 'text' },
    { header: 'reverses_id', type: 'text' },
  ],
  query(f) {
    const c = new Conditions().add(
      `(t.kind IN ('payment', 'refund') OR (t.kind = 'reversal' AND t.reverses_id IN (SELECT r.id FROM transactions r WHERE r.kind IN ('payment', 'refund'))))`,
    );
    if (f.from) c.add('t.occurred_at >= @from', { from: f.from });
    if (f.to) c.add('t.occurred_at < @to', { to: f.to });
    if (f.customerId) c.add('t.customer_id = @customerId', { customerId: f.customerId });
    if (f.accountId) c.add('t.provider_account_id = @accountId', { accountId: f.accountId });
    return {
      sql: `SELECT t.occurred_at, t.id AS transaction_id, t.kind, t.customer_id, cu.name AS customer,
              coalesce(
                (SELECT -sum(p.amount) FROM postings p JOIN ledger_accounts la ON la.id = p.account_id
                  WHERE p.transaction_id = t.id AND la.customer_id IS NOT NULL AND ${CUSTOMER_ACCOUNT_SQL}),
                (SELECT sum(p.amount) FROM postings p WHERE p.transaction_id = t.id AND p.account_id = 'cash')
              ) AS amount,
              t.currency, t.payment_method, t.reference, t.description, t.provider_account_id AS upstream_account_id, t.reverses_id
            FROM transactions t
            LEFT JOIN customers cu ON cu.id = t.customer_id
            ${c.where()}
            ORDER BY t.occurred_at, t.seq`,
      params: c.params,
    };
  },
};
