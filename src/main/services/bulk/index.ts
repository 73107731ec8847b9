/** Bulk actions on a selection of customers: status, upstream top-up (a cancellable job). */
export { createBulkService, type BulkService } from './bulk-service';
export { bulkSetStatus } from './bulk-status';
export { runBulkTopUp } from './bulk-top-up';
