import type { exportsChannels } from '../../../shared/contract/exports';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

/**
 * `exports:run` resolves when the file is complete; progress arrives meanwhile as
 * `event:export-progress` (through ctx.bus). The page passes its own `jobId` so it can
 * call `exports:cancel` while the run is still pending.
 */
export function createExportsHandlers(ctx: AppContext): Pick<Handlers, keyof typeof exportsChannels> {
  return {
    'exports:run': (request) => ctx.exports.run(request),
    'exports:cancel': ({ jobId }) => ({ cancelled: ctx.exports.cancel(jobId) }),
    'exports:last-folder': () => ({ folder: ctx.exports.lastFolder() }),
  };
}
