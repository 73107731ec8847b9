import { Conditions, type ExportSpec } from '../export-spec';

/**
 * Proxies (ports) and traffic packages held for customers, with status and expiry.
 * A date range keeps the services that existed during it: created before its end and
 * not expired before its start.
 */
export const inventoryExport: ExportSpec = {
  kind: 'inventory',
  columns: [
    { header: 'service_id', type: 'text' },
    { header: 'kind', type: 'text' },
    { header: 'upstream_id', type: 'text' },
    { header: 'customer_id', type: 'text' },
    { header: 'customer', type: 'text' },
    { header: 'upstream_account_id', type: 'text' },
    { header: 'upstream_account', type: 'text' },
    { header: 'status', type: 'text' },
    { header: 'label', type: 'text' },
    { header: 'country', type: 'text' },
    { header: 'city', type: 'text' },
    { header: 'carrier', type: 'text' },
    { header: 'proxy_type', type: 'text' },
    { header: 'total_gb', key: 'total_gb_milli', type: 'milli' },
    { header: 'used_gb', key: 'used_gb_milli', type: 'milli' },
    { header: 'expires_at', type: 'instant' },
    { header: 'created_at', type: 'instant' },
  ],
  query(f) {
    const c = new Conditions();
    if (f.to) c.add('s.created_at < @to', { to: f.to });
    if (f.from) c.add('(s.expires_at IS NULL OR s.expires_at >= @from)', { from: f.from });
    if (f.customerId) c.add('s.customer_id = @customerId', { customerId: f.customerId });
    if (f.accountId) c.add('s.provider_account_id = @accountId', { accountId: f.accountId });
    return {
      sql: `SELECT s.id AS service_id, s.kind, s.upstream_id, s.customer_id, cu.name AS customer,
              s.provider_account_id AS upstream_account_id, pa.name AS upstream_account, s.status, s.label, s.country, s.city,
              s.carrier, s.proxy_type, s.total_gb_milli, s.used_gb_milli, s.expires_at, s.created_at
            FROM services s
            LEFT JOIN customers cu ON cu.id = s.customer_id
            LEFT JOIN provider_accounts pa ON pa.id = s.provider_account_id
            ${c.where()}
            ORDER BY s.kind, s.expires_at IS NULL, s.expires_at, s.id`,
      params: c.params,
    };
  },
};
