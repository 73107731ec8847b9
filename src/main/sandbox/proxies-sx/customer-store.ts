import type { SandboxDb } from '../core/store';
import { notFound } from './http-error';
import type { CustomerRow } from './model';

/** A customer of this reseller, or 404 (another reseller's ids look exactly like unknown ones). */
export function ownCustomer(db: SandboxDb, resellerId: string, id: string): CustomerRow {
  const row = db.prepare('SELECT * FROM psx_customers WHERE id = ? AND reseller_id = ?').get(id, resellerId) as CustomerRow | undefined;
  if (!row) throw notFound(`Customer ${id} not found`);
  return row;
}
