import type { operationsChannels } from '../../../shared/contract/operations';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createOperationsHandlers(ctx: AppContext): Pick<Handlers, keyof typeof operationsChannels> {
  return {
    'operations:list': (input) => ctx.operations.list(input ?? { limit: 50, offset: 0 }),
    'operations:reconcile': async (input) => {
      if (!input?.operationId) return ctx.operations.reconcilePending({ includeReview: true });
      const status = await ctx.operations.reconcileOne(input.operationId);
      return { checked: 1, completed: status === 'completed' ? 1 : 0, failed: status === 'failed' ? 1 : 0, stillPending: status === 'pending' ? 1 : 0 };
    },
    'operations:settle': async (input) => ({ operationId: input.operationId, status: await ctx.operations.settle(input) }),
    'money:top-up': (input) => ctx.topUps.topUp(input),
    'money:deduct': (input) => ctx.topUps.deduct(input),
    'pricing:push-upstream': (input) => ctx.operations.pushPricebook(input?.accountId),
  };
}
