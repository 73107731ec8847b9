import type { AppContext } from '../app-context';
import type { Handlers } from './dispatcher';
import { createAppHandlers } from './handlers/app-handlers';
import { createMaintenanceHandlers } from './handlers/maintenance-handlers';

/**
 * The one handler table: the shell registers it on ipcMain, the e2e harness serves it
 * to Chromium, the IPC tests call it directly. Each domain adds its slice here.
 */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...createAppHandlers(ctx),
    ...createMaintenanceHandlers(ctx),
  } satisfies Handlers;
}
