import type { syncChannels } from '../../../shared/contract/sync';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createSyncHandlers(ctx: AppContext): Pick<Handlers, keyof typeof syncChannels> {
  return {
    'sync:run': (input) => ctx.sync.run({ accountId: input?.accountId, full: input?.full }),
    'sync:status': () => ctx.sync.status(),
    'sync:cancel': (input) => ({ cancelled: ctx.sync.cancel(input?.accountId) }),
    'sync:events': (input) => ctx.sync.events(input ?? {}),
    'sync:acknowledge': ({ id }) => ctx.sync.acknowledge(id),
  };
}
