import type { CustomerImportField, ImportFieldError, ImportValues } from '../../../shared/contract/customer-bulk';
import { customerCreateSchema } from '../../../shared/contract/customers';

/**
 * One CSV record → the values a customer would get, validated with the create form's
 * own schema, so an import accepts exactly what the form accepts. An empty cell means
 * "not given": the create default, or for an update the value the customer already has.
 */

export interface RowCheck {
  raw: Partial<Record<CustomerImportField, string>>;
  values: ImportValues | null;
  errors: ImportFieldError[];
}

const WHOLE = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.\d*|\.\d+)$/;
const TAG_SEPARATORS = /[,;|]/;

function toNumber(text: string): number | string {
  const t = text.trim();
  if (WHOLE.test(t) || DECIMAL.test(t)) return Number(t);
  return t;
}

const splitTags = (text: string): string[] =>
  text
    .split(TAG_SEPARATORS)
    .map((t) => t.trim())
    .filter((t) => t !== '');

export function checkRow(cells: string[], index: Partial<Record<CustomerImportField, number>>, headerLength: number): RowCheck {
  const raw: Partial<Record<CustomerImportField, string>> = {};
  const errors: ImportFieldError[] = [];
  const input: Record<string, unknown> = {};
  for (const [field, i] of Object.entries(index) as [CustomerImportField, number][]) {
    const cell = cells[i];
    if (cell === undefined) continue;
    raw[field] = cell;
    if (cell.trim() === '') continue;
    if (field === 'tags') input.tags = splitTags(cell);
    else if (field === 'portSlotQuota' || field === 'trafficGbAllocation') {
      const n = toNumber(cell);
      if (typeof n === 'string') errors.push({ field, message: `must be a whole number, not "${n.slice(0, 40)}"` });
      else input[field] = n;
    } else input[field] = cell;
  }
  // Cells past the header are data the file meant for a column it does not name; refused rather than dropped.
  if (cells.length > headerLength && cells.slice(headerLength).some((c) => c.trim() !== '')) {
    errors.push({ field: 'row', message: `has ${cells.length} cells but the header names ${headerLength} columns; check the delimiter and quotes` });
  }
  for (const field of ['email', 'name'] as const) {
    if (input[field] === undefined) errors.push({ field, message: 'is required' });
  }
  const parsed = customerCreateSchema.safeParse(input);
  if (!parsed.success) {
    const seen = new Set(errors.map((e) => e.field));
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'row') as CustomerImportField | 'row';
      if (seen.has(field)) continue; // one message per field
      seen.add(field);
      errors.push({ field, message: issue.message });
    }
  }
  if (errors.length > 0 || !parsed.success) return { raw, values: null, errors };
  const values: ImportValues = { email: parsed.data.email, name: parsed.data.name };
  for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) (values as unknown as Record<string, unknown>)[k] = v;
  return { raw, values, errors };
}
