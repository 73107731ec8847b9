import type { exportsChannels } from '../../../shared/contract/exports';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

/**
 * `exports:run` resolves when the file is complete; progress arrives meanwhile as
 * `event:export-progress` (through ctx.bus). The page passes its own `jobId` so it can
 * call `exports:cancel` while the run is still pending. The path must come from the
 * shell's save dialog, which calls `ctx.exports.grantPath(chosen)`.
 */
export function createExportsHandlers(ctx: AppContext): Pick<Handlers, keyof typeof exportsChannels> {
  return {
    'exports:run': (request) => {
      // Only where the user chose in the save dialog (the shell grants it): a page must
      // not be able to overwrite any file it names.
      if (!ctx.exports.isGranted(request.path)) {
        throw new AppError('FORBIDDEN', 'Choose where to save the export in the Save dialog first.', { field: 'path' });
      }
      return ctx.exports.run(request);
    },
    'exports:cancel': ({ jobId }) => ({ cancelled: ctx.exports.cancel(jobId) }),
    'exports:last-folder': () => ({ folder: ctx.exports.lastFolder() }),
  };
}
