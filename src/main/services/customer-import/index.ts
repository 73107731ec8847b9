/** CSV import of customers: preview (writes nothing) and apply (one transaction). */
export { createCustomerImportService, type CustomerImportService } from './customer-import-service';
export { planImport } from './import-plan';
export { detectDelimiter, readCsv } from './csv-read';
