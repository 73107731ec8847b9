import type { AppContext } from '../app-context';
import type { Handlers } from './dispatcher';
import { createAppHandlers } from './handlers/app-handlers';
import { createAccountsHandlers } from './handlers/accounts-handlers';
import { createSyncHandlers } from './handlers/sync-handlers';
import { createCustomersHandlers } from './handlers/customers-handlers';
import { createMoneyHandlers } from './handlers/money-handlers';
import { createPricingHandlers } from './handlers/pricing-handlers';
import { createExportsHandlers } from './handlers/exports-handlers';
import { createMaintenanceHandlers } from './handlers/maintenance-handlers';
import { createSandboxHandlers } from './handlers/sandbox-handlers';
import { createDialogHandlers } from './handlers/dialog-handlers';
import { createOperationsHandlers } from './handlers/operations-handlers';
import { createProxiesHandlers } from './handlers/proxies-handlers';
import { createPackagesHandlers } from './handlers/packages-handlers';
import { createEventsHandlers } from './handlers/events-handlers';
import { createCustomerBulkHandlers } from './handlers/customer-bulk-handlers';
import { createDashboardHandlers } from './handlers/dashboard-handlers';
import { createDataFolderHandlers } from './handlers/data-folder-handlers';
import { createUpstreamReportsHandlers } from './handlers/upstream-reports-handlers';

/**
 * The one handler table: the shell registers it on ipcMain, the e2e harness serves it
 * to Chromium, the IPC tests call it directly. Each domain adds its slice here.
 */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...createAppHandlers(ctx),
    ...createAccountsHandlers(ctx),
    ...createSyncHandlers(ctx),
    ...createCustomersHandlers(ctx),
    ...createMoneyHandlers(ctx),
    ...createPricingHandlers(ctx),
    ...createExportsHandlers(ctx),
    ...createMaintenanceHandlers(ctx),
    ...createSandboxHandlers(ctx),
    ...createDialogHandlers(ctx),
    ...createOperationsHandlers(ctx),
    ...createProxiesHandlers(ctx),
    ...createPackagesHandlers(ctx),
    ...createEventsHandlers(ctx),
    ...createCustomerBulkHandlers(ctx),
    ...createDashboardHandlers(ctx),
    ...createDataFolderHandlers(ctx),
    ...createUpstreamReportsHandlers(ctx),
  } satisfies Handlers;
}
