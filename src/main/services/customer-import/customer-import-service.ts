import type {
  CustomerImportInput,
  CustomerImportPreview,
  CustomerImportPreviewInput,
  CustomerImportResult,
  ImportOutcome,
  ImportPreviewRow,
  ImportResultRow,
} from '../../../shared/contract/customer-bulk';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { createCustomer, updateCustomer } from '../customers';
import { planImport } from './import-plan';

export interface CustomerImportService {
  /** What the import would do; writes nothing. */
  preview(input: CustomerImportPreviewInput): CustomerImportPreview;
  /** Applies every valid row in one transaction: all of them or, on any failure, none. */
  import(input: CustomerImportInput): CustomerImportResult;
}

const OUTCOME: Record<ImportPreviewRow['status'], ImportOutcome> = { create: 'created', update: 'updated', skip: 'skipped', error: 'error' };

function resultRow(row: ImportPreviewRow, customerId: string | null): ImportResultRow {
  return {
    line: row.line,
    outcome: OUTCOME[row.status],
    customerId,
    email: row.fields?.email ?? row.raw.email ?? null,
    errors: row.errors,
    reason: row.reason,
  };
}

export function createCustomerImportService(deps: { ledger: Ledger; clock: Clock; bus: EventBus }): CustomerImportService {
  const { sqlite } = deps.ledger;

  function summarize(plan: CustomerImportPreview, applied: boolean, rows: ImportResultRow[]): CustomerImportResult {
    return {
      applied,
      delimiter: plan.delimiter,
      columns: plan.columns,
      mapping: plan.mapping,
      missingFields: plan.missingFields,
      rows,
      counts: { rows: plan.counts.rows, created: plan.counts.create, updated: plan.counts.update, skipped: plan.counts.skip, errors: plan.counts.error },
    };
  }

  return {
    preview: (input) => planImport(sqlite, input),

    import(input) {
      if (input.dryRun) {
        const plan = planImport(sqlite, input);
        return summarize(plan, false, plan.rows.map((r) => resultRow(r, r.status === 'create' ? null : r.existingCustomerId)));
      }
      const now = deps.clock.now();
      // Planned inside the write transaction: no other write can slip between the checks and the inserts.
      const { plan, rows } = sqlite.transaction(() => {
        const plan = planImport(sqlite, input);
        const rows = plan.rows.map((row) => {
          const values = row.fields;
          if (row.status === 'create' && values) return resultRow(row, createCustomer(sqlite, values, now).id);
          if (row.status === 'update' && values && row.existingCustomerId) {
            return resultRow(row, updateCustomer(sqlite, { ...values, id: row.existingCustomerId }, now).id);
          }
          return resultRow(row, row.existingCustomerId);
        });
        return { plan, rows };
      }).immediate();
      const written = plan.counts.create + plan.counts.update;
      if (written > 0) deps.bus.emit('event:customers-bulk-changed', { reason: 'import', count: written });
      return summarize(plan, true, rows);
    },
  };
}
