import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { exportsChannels } from '../../../shared/contract/exports';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

/**
 * `exports:run` resolves when the file is complete; progress arrives meanwhile as
 * `event:export-progress` (through ctx.bus). The page passes its own `jobId` so it can
 * call `exports:cancel` while the run is still pending. The shell's save dialog grants
 * the chosen path (`ctx.exports.grantPath`); see checkPageMayWrite for other paths.
 */
const EXPORT_EXTENSION = /\.(csv|ssv|tsv|txt)$/i;

/**
 * The page names the file, so a compromised page must not be able to overwrite any file
 * it likes (a shell profile, an autostart entry). A path the user chose in the shell's
 * Save dialog (`ctx.exports.grantPath`) is written as chosen; any other path only as a
 * new file with a spreadsheet extension.
 */
export function checkPageMayWrite(ctx: AppContext, path: string): void {
  if (ctx.exports.isGranted(path)) return;
  if (!EXPORT_EXTENSION.test(path)) {
    throw new AppError('FORBIDDEN', 'An export is saved as a .csv file. Choose a name ending in .csv.', { field: 'path' });
  }
  if (existsSync(path)) {
    throw new AppError('FORBIDDEN', `${basename(path)} already exists. Choose it in the Save dialog to replace it, or pick another name.`, { field: 'path' });
  }
}

export function createExportsHandlers(ctx: AppContext): Pick<Handlers, keyof typeof exportsChannels> {
  return {
    'exports:run': (request) => {
      checkPageMayWrite(ctx, request.path);
      return ctx.exports.run(request);
    },
    'exports:cancel': ({ jobId }) => ({ cancelled: ctx.exports.cancel(jobId) }),
    'exports:last-folder': () => ({ folder: ctx.exports.lastFolder() }),
  };
}
