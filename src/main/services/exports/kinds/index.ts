import type { ExportKind } from '../../../../shared/contract/exports';
import type { ExportSpec } from '../export-spec';
import { customersExport } from './customers';
import { inventoryExport } from './inventory';
import { journalExport } from './journal';
import { paymentsExport } from './payments';
import { salesExport } from './sales';
import { statementsExport } from './statements';

export const exportSpecs: Record<ExportKind, ExportSpec> = {
  journal: journalExport,
  sales: salesExport,
  payments: paymentsExport,
  statements: statementsExport,
  customers: customersExport,
  inventory: inventoryExport,
};
