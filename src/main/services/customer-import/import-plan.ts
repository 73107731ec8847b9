import type Database from 'better-sqlite3';
import type {
  CustomerImportPreview,
  CustomerImportPreviewInput,
  ImportCounts,
  ImportPreviewRow,
  ImportValues,
} from '../../../shared/contract/customer-bulk';
import type { CustomersTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import { toCustomer } from '../customers';
import { mapColumns } from './column-mapping';
import { readCsv } from './csv-read';
import { checkRow } from './row-values';

/**
 * What an import would do, row by row, read from the ledger but writing nothing: the
 * preview shows it, and the import recomputes it inside its write transaction so what is
 * applied matches the ledger at that moment.
 */

/** SQLite's NOCASE folds ASCII letters only; the file's duplicates are found the same way. */
const emailKey = (email: string): string => email.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** As the customer store keeps tags: the first of each case-insensitive spelling. */
function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => !seen.has(t.toLowerCase()) && Boolean(seen.add(t.toLowerCase())));
}

/** True when applying `values` to `existing` would change nothing (empty cells keep what is there). */
function unchanged(existing: CustomersTable, values: ImportValues): boolean {
  const current = toCustomer(existing);
  const same = <T>(next: T | undefined, now: T) => next === undefined || next === now;
  const tagsSame = values.tags === undefined || JSON.stringify(uniqueTags(values.tags)) === JSON.stringify(current.tags);
  return (
    values.email === current.email &&
    values.name === current.name &&
    same(values.company, current.company) &&
    same(values.externalId, current.externalId) &&
    same(values.notes, current.notes) &&
    same(values.portSlotQuota, current.portSlotQuota) &&
    same(values.trafficGbAllocation, current.trafficGbAllocation) &&
    tagsSame
  );
}

export function planImport(sqlite: Database.Database, input: CustomerImportPreviewInput): CustomerImportPreview {
  const table = readCsv(input.csv, input.delimiter);
  const { columns, index, mapping, missingFields } = mapColumns(table.header, input.mapping);
  const findByEmail = prepare(sqlite, 'SELECT * FROM customers WHERE email = ?');
  const firstLine = new Map<string, number>();
  const rows: ImportPreviewRow[] = [];
  const counts: ImportCounts = { rows: 0, create: 0, update: 0, skip: 0, error: 0 };

  for (const record of table.records) {
    const check = checkRow(record.cells, index, table.header.length);
    const row: ImportPreviewRow = { line: record.line, status: 'error', raw: check.raw, fields: check.values, errors: check.errors, existingCustomerId: null, reason: null };
    const values = check.values;
    if (values) {
      const key = emailKey(values.email);
      const earlier = firstLine.get(key);
      const existing = findByEmail.get(values.email) as CustomersTable | undefined;
      row.existingCustomerId = existing?.id ?? null;
      if (earlier !== undefined) {
        row.fields = null;
        row.errors = [{ field: 'email', message: `is the same as on line ${earlier}; only the first row with an email is imported` }];
      } else if (!existing) {
        row.status = 'create';
      } else if (!input.updateExisting) {
        row.status = 'skip';
        row.reason = `${existing.name} <${existing.email}> is already a customer; turn on "update existing" to update them`;
      } else if (unchanged(existing, values)) {
        row.status = 'skip';
        row.reason = 'no changes: the customer already has these values';
      } else {
        row.status = 'update';
      }
      if (earlier === undefined) firstLine.set(key, record.line);
    }
    counts.rows++;
    counts[row.status]++;
    rows.push(row);
  }
  return { delimiter: table.delimiter, columns, mapping, missingFields, rows, counts };
}
