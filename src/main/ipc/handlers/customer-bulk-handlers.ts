import type { customerBulkChannels } from '../../../shared/contract/customer-bulk';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';
import { checkPageMayWrite } from './exports-handlers';

/**
 * Customers page, many at once. The bulk top-up resolves when the job ends; the page
 * passes its own `jobId` to cancel it meanwhile (`bulk:cancel`) and follows
 * `event:bulk-progress`. The selection's export follows the same path rules as
 * `exports:run` (a path from the Save dialog, or a new .csv file).
 */
export function createCustomerBulkHandlers(ctx: AppContext): Pick<Handlers, keyof typeof customerBulkChannels> {
  return {
    'customers:import-preview': (input) => ctx.customerImport.preview(input),
    'customers:import': (input) => ctx.customerImport.import(input),
    'customers:bulk-set-status': ({ ids, status }) => ctx.bulk.setStatus(ids, status),
    'money:bulk-top-up': (input) => ctx.bulk.topUp(input),
    'bulk:cancel': ({ jobId }) => ({ cancelled: ctx.bulk.cancel(jobId) }),
    'customers:export-selection': async ({ ids, ...options }) => {
      checkPageMayWrite(ctx, options.path);
      const customerIds = [...new Set(ids)];
      const result = await ctx.exports.run({ kind: 'customers', customerIds, ...options });
      return { ...result, requested: customerIds.length };
    },
  };
}
