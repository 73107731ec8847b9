import { Conditions, type ExportSpec } from '../export-spec';

/** One row per sale line (reversals included as negative lines), with cost, price and margin. */
export const salesExport: ExportSpec = {
  kind: 'sales',
  columns: [
    { header: 'date', key: 'occurred_at', type: 'instant' },
    { header: 'sale_id', type: 'text' },
    { header: 'transaction_id', type: 'text' },
    { header: 'customer_id', type: 'text' },
    { header: 'customer', type: 'text' },
    { header: 'product', type: 'text' },
    { header: 'country', type: 'text' },
    { header: 'upstream_account_id', type: 'text' },
    { header: 'upstream_account', type: 'text' },
    { header: 'service_id', type: 'text' },
    { header: 'quantity', type: 'integer' },
    { header: 'unit', type: 'text' },
    { header: 'cost', type: 'amount' },
    { header: 'price', type: 'amount' },
    { header: 'margin', type: 'amount' },
    { header: 'currency', type: 'text' },
    { header: 'reverses_id', type: 'text' },
  ],
  query(f) {
    const c = new Conditions();
    if (f.from) c.add('s.occurred_at >= @from', { from: f.from });
    if (f.to) c.add('s.occurred_at < @to', { to: f.to });
    if (f.customerId) c.add('s.customer_id = @customerId', { customerId: f.customerId });
    if (f.accountId) c.add('s.provider_account_id = @accountId', { accountId: f.accountId });
    return {
      sql: `SELECT s.occurred_at, s.id AS sale_id, s.transaction_id, s.customer_id, cu.name AS customer, s.product, s.country,
              s.provider_account_id AS upstream_account_id, pa.name AS upstream_account, s.service_id, s.quantity, s.unit,
              s.cost, s.price, s.price - s.cost AS margin, t.currency, s.reverses_id
            FROM sales s
            JOIN transactions t ON t.id = s.transaction_id
            LEFT JOIN customers cu ON cu.id = s.customer_id
            LEFT JOIN provider_accounts pa ON pa.id = s.provider_account_id
            ${c.where()}
            ORDER BY s.occurred_at, t.seq, s.id`,
      params: c.params,
    };
  },
};
