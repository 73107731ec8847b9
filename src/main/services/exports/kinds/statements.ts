import { CUSTOMER_ACCOUNT_SQL, Conditions, type ExportSpec } from '../export-spec';

/**
 * Customer statements: per customer an opening row, one row per transaction that
 * changed what the customer has with the reseller, and a closing row.
 *
 * The customer's balance is their credit minus what they owe:
 *   balance = naturalBalance(credit:<c>) − naturalBalance(receivable:<c>)
 *           = −(sum of postings to credit:<c> and receivable:<c>)
 * so a payment is a positive amount, a sale a negative one, and a positive balance
 * means the customer is in credit. Money parked in the customer's sub-balance at an
 * upstream belongs to the reseller's assets and is not part of the statement.
 *
 * Movements that leave the balance unchanged (credit settled against receivable) are
 * left out. Same definitions as the statement service (services/money/statement.ts),
 * which a test holds the export to.
 *
 * Running balances are computed in SQLite (a window function), so the export still
 * streams row by row whatever the number of customers.
 */
export const statementsExport: ExportSpec = {
  kind: 'statements',
  columns: [
    { header: 'customer_id', type: 'text' },
    { header: 'customer', type: 'text' },
    { header: 'line', type: 'text' },
    { header: 'date', key: 'occurred_at', type: 'instant' },
    { header: 'transaction_id', type: 'text' },
    { header: 'kind', type: 'text' },
    { header: 'description', type: 'text' },
    { header: 'reference', type: 'text' },
    { header: 'amount', type: 'amount' },
    { header: 'balance', type: 'amount' },
    { header: 'currency', type: 'text' },
  ],
  query(f) {
    const customers = new Conditions();
    if (f.customerId) customers.add('c.id = @customerId', { customerId: f.customerId });
    if (f.accountId) {
      customers.add(
        `(c.id IN (SELECT customer_id FROM customer_links WHERE account_id = @accountId)
          OR c.id IN (SELECT customer_id FROM services WHERE provider_account_id = @accountId)
          OR c.id IN (SELECT customer_id FROM transactions WHERE provider_account_id = @accountId AND customer_id IS NOT NULL))`,
        { accountId: f.accountId },
      );
    }
    // Up to the closing instant: `to`, or the moment of the export (as the statement service does).
    const moves = new Conditions().add('t.occurred_at < @closeAt');
    if (f.accountId) moves.add('t.provider_account_id = @accountId', { accountId: f.accountId });
    const before = f.from ? 'm.occurred_at < @from' : '0';
    const inPeriod = f.from ? 'm.occurred_at >= @from' : '1';
    return {
      sql: `WITH
        cust AS MATERIALIZED (SELECT c.id, c.name FROM customers c ${customers.where()}),
        moves AS MATERIALIZED (
          SELECT la.customer_id AS cid, t.id AS tid, t.seq, t.occurred_at, t.kind, t.description, t.reference, t.currency,
                 -sum(p.amount) AS delta
          FROM postings p
          JOIN ledger_accounts la ON la.id = p.account_id
          JOIN transactions t ON t.id = p.transaction_id
          WHERE la.customer_id IN (SELECT id FROM cust) AND ${CUSTOMER_ACCOUNT_SQL} ${moves.and()}
          GROUP BY la.customer_id, t.id
          HAVING sum(p.amount) <> 0
        ),
        opening AS MATERIALIZED (
          SELECT cust.id AS cid, coalesce((SELECT sum(m.delta) FROM moves m WHERE m.cid = cust.id AND ${before}), 0) AS bal FROM cust
        ),
        lines AS (
          SELECT cust.id AS customer_id, cust.name AS customer, 0 AS ord, @openAt AS occurred_at, 0 AS seq, NULL AS transaction_id,
                 'opening' AS line, NULL AS kind, 'Opening balance' AS description, NULL AS reference, NULL AS amount, o.bal AS balance, 'USD' AS currency
          FROM cust JOIN opening o ON o.cid = cust.id
          UNION ALL
          SELECT m.cid, cust.name, 1, m.occurred_at, m.seq, m.tid, 'movement', m.kind, m.description, m.reference, m.delta,
                 o.bal + sum(m.delta) OVER (PARTITION BY m.cid ORDER BY m.occurred_at, m.seq ROWS UNBOUNDED PRECEDING), m.currency
          FROM moves m JOIN cust ON cust.id = m.cid JOIN opening o ON o.cid = m.cid
          WHERE ${inPeriod}
          UNION ALL
          SELECT cust.id, cust.name, 2, @closeAt, 0, NULL, 'closing', NULL, 'Closing balance', NULL, NULL,
                 o.bal + coalesce((SELECT sum(m.delta) FROM moves m WHERE m.cid = cust.id AND ${inPeriod}), 0), 'USD'
          FROM cust JOIN opening o ON o.cid = cust.id
        )
        SELECT customer_id, customer, line, occurred_at, transaction_id, kind, description, reference, amount, balance, currency
        FROM lines
        ORDER BY customer COLLATE NOCASE, customer_id, ord, occurred_at, seq`,
      params: { ...customers.params, ...moves.params, ...(f.from ? { from: f.from } : {}), openAt: f.from, closeAt: f.to ?? f.now },
    };
  },
};
