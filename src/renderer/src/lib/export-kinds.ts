import type { ExportKind } from '../../../shared/contract/exports';

/** Each export in the reseller's words ("Export statement (CSV)", "Export: customers"). */
export const EXPORT_KIND_LABEL: Record<ExportKind, string> = {
  journal: 'journal',
  sales: 'sales',
  payments: 'payments',
  statements: 'statement',
  customers: 'customers',
  inventory: 'inventory',
};
