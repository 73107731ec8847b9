import type Database from 'better-sqlite3';
import type { BulkStatusItem, BulkStatusResult } from '../../../shared/contract/customer-bulk';
import type { CustomerStatusName } from '../../../shared/contract/customers';
import { isAppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';
import { setCustomerStatus } from '../customers';

/**
 * One status for many customers, in one transaction. The rules are those of a single
 * change (customer-store.ts setCustomerStatus); a customer that may not change (unknown
 * id, archived → suspended) is reported and the others still change.
 */
export function bulkSetStatus(sqlite: Database.Database, ids: string[], status: CustomerStatusName, now: Date): BulkStatusResult {
  const distinct = [...new Set(ids)];
  const statusOf = prepare(sqlite, 'SELECT status FROM customers WHERE id = ?').pluck();
  return sqlite.transaction(() => {
    const counts = { changed: 0, unchanged: 0, failed: 0 };
    const results = distinct.map((customerId): BulkStatusItem => {
      const previous = (statusOf.get(customerId) as CustomerStatusName | undefined) ?? null;
      try {
        setCustomerStatus(sqlite, customerId, status, now);
        const outcome = previous === status ? 'unchanged' : 'changed';
        counts[outcome]++;
        return { customerId, outcome, previousStatus: previous, error: null };
      } catch (error) {
        if (!isAppError(error)) throw error; // an unexpected failure undoes the whole batch
        counts.failed++;
        return { customerId, outcome: 'failed', previousStatus: previous, error: { code: error.code, message: error.message } };
      }
    });
    return { status, counts, results };
  }).immediate();
}
