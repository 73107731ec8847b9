import { Conditions, type ExportSpec } from '../export-spec';

/**
 * The customer list as it stood at the end of the period: customers created before
 * `to` (and on or after `from` when given), with their credit, receivable and balance
 * as of `to` (balance = credit − receivable, as on the statement).
 */
export const customersExport: ExportSpec = {
  kind: 'customers',
  columns: [
    { header: 'customer_id', type: 'text' },
    { header: 'name', type: 'text' },
    { header: 'email', type: 'text' },
    { header: 'company', type: 'text' },
    { header: 'external_id', type: 'text' },
    { header: 'status', type: 'text' },
    { header: 'tags', type: 'text', derive: { from: ['tags'], compute: (tags) => joinTags(tags) } },
    { header: 'port_slot_quota', type: 'integer' },
    { header: 'traffic_gb_allocation', type: 'integer' },
    { header: 'credit', type: 'amount' },
    { header: 'receivable', type: 'amount' },
    { header: 'balance', type: 'amount' },
    { header: 'active_services', type: 'integer' },
    { header: 'notes', type: 'text' },
    { header: 'created_at', type: 'instant' },
  ],
  query(f) {
    const c = new Conditions();
    if (f.from) c.add('c.created_at >= @from', { from: f.from });
    if (f.to) c.add('c.created_at < @to', { to: f.to });
    if (f.customerId) c.add('c.id = @customerId', { customerId: f.customerId });
    // A selection of up to 100,000 ids goes in as one JSON parameter, not one placeholder per id.
    if (f.customerIds) c.add('c.id IN (SELECT value FROM json_each(@customerIds))', { customerIds: JSON.stringify(f.customerIds) });
    if (f.accountId) {
      c.add(
        `(c.id IN (SELECT customer_id FROM customer_links WHERE account_id = @accountId)
          OR c.id IN (SELECT customer_id FROM services WHERE provider_account_id = @accountId)
          OR c.id IN (SELECT customer_id FROM transactions WHERE provider_account_id = @accountId AND customer_id IS NOT NULL))`,
        { accountId: f.accountId },
      );
    }
    const asOf = f.to ? 'AND t.occurred_at < @to' : '';
    const sumOf = (prefix: string) =>
      `coalesce((SELECT sum(p.amount) FROM postings p JOIN transactions t ON t.id = p.transaction_id WHERE p.account_id = '${prefix}:' || c.id ${asOf}), 0)`;
    return {
      sql: `SELECT x.*, x.credit - x.receivable AS balance FROM (
              SELECT c.id AS customer_id, c.name, c.email, c.company, c.external_id, c.status, c.tags, c.port_slot_quota,
                c.traffic_gb_allocation, c.notes, c.created_at,
                -${sumOf('credit')} AS credit,
                ${sumOf('receivable')} AS receivable,
                (SELECT count(*) FROM services s WHERE s.customer_id = c.id AND s.status = 'active') AS active_services
              FROM customers c
              ${c.where()}
            ) x
            ORDER BY x.name COLLATE NOCASE, x.customer_id`,
      params: c.params,
    };
  },
};

/** Tags are a JSON array in the table; the export shows them as "a; b". */
function joinTags(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String).join('; ') : value;
  } catch {
    return value;
  }
}
