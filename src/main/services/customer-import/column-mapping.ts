import {
  CUSTOMER_IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type CustomerImportField,
  type ImportColumn,
} from '../../../shared/contract/customer-bulk';
import { AppError } from '../../../shared/errors';

/**
 * Which column fills which field: the request's mapping first, then the header's own
 * name against common synonyms (our own export's headers included, so an exported file
 * imports back).
 */

/** Lower case, letters and digits only: "E-mail", "e_mail" and "EMail" are one key. */
export const headerKey = (header: string): string => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const SYNONYMS: Record<CustomerImportField, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'mailaddress'],
  name: ['name', 'fullname', 'customername', 'customer', 'contactname', 'contact', 'clientname'],
  company: ['company', 'companyname', 'organization', 'organisation', 'org', 'business'],
  externalId: ['externalid', 'crmid', 'crm', 'externalref', 'externalreference', 'extid', 'clientid'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks'],
  tags: ['tags', 'tag', 'labels', 'label', 'groups'],
  portSlotQuota: ['portslots', 'portslotquota', 'portslot', 'ports', 'portquota', 'slots'],
  trafficGbAllocation: ['trafficgb', 'trafficgballocation', 'traffic', 'gb', 'trafficallocation', 'trafficgbs', 'trafficquota'],
};

const BY_KEY = new Map<string, CustomerImportField>(
  CUSTOMER_IMPORT_FIELDS.flatMap((field) => SYNONYMS[field].map((key) => [key, field] as const)),
);

export interface ColumnMapping {
  columns: ImportColumn[];
  /** field → column index. */
  index: Partial<Record<CustomerImportField, number>>;
  /** field → header text. */
  mapping: Partial<Record<CustomerImportField, string>>;
  missingFields: CustomerImportField[];
}

export function mapColumns(header: string[], requested: Record<string, CustomerImportField | null> | undefined): ColumnMapping {
  const chosen = new Map<string, CustomerImportField | null>();
  for (const [name, field] of Object.entries(requested ?? {})) chosen.set(name.trim().toLowerCase(), field);
  const known = new Set(header.map((h) => h.toLowerCase()));
  for (const name of chosen.keys()) {
    if (!known.has(name)) {
      throw new AppError('INVALID_INPUT', `mapping: the file has no column named "${name.slice(0, 80)}". Its columns are: ${header.join(', ').slice(0, 300)}.`, {
        field: 'mapping',
      });
    }
  }

  const columns: ImportColumn[] = header.map((h, index) => {
    const key = h.toLowerCase();
    if (chosen.has(key)) return { index, header: h, field: chosen.get(key) ?? null, source: 'mapping' };
    const field = BY_KEY.get(headerKey(h)) ?? null;
    return { index, header: h, field, source: field ? 'auto' : 'none' };
  });

  // A field filled by two columns: a column the request mapped wins over a guess; two guesses or two mappings are refused.
  const index: Partial<Record<CustomerImportField, number>> = {};
  for (const col of columns) {
    if (!col.field) continue;
    const prior = index[col.field];
    if (prior === undefined) {
      index[col.field] = col.index;
      continue;
    }
    const other = columns[prior]!;
    if (other.source === 'auto' && col.source === 'mapping') {
      other.field = null;
      other.source = 'none';
      index[col.field] = col.index;
    } else if (other.source === 'mapping' && col.source === 'auto') {
      col.field = null;
      col.source = 'none';
    } else {
      throw new AppError('INVALID_INPUT', `mapping: the columns "${other.header}" and "${col.header}" both fill ${col.field}. Choose one of them in the mapping and ignore the other.`, {
        field: 'mapping',
      });
    }
  }
  const mapping: Partial<Record<CustomerImportField, string>> = {};
  for (const field of CUSTOMER_IMPORT_FIELDS) {
    const i = index[field];
    if (i !== undefined) mapping[field] = columns[i]!.header;
  }
  const missingFields = REQUIRED_IMPORT_FIELDS.filter((f) => index[f] === undefined);
  return { columns, index, mapping, missingFields };
}
