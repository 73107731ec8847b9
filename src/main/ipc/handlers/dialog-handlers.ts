import { homedir } from 'node:os';
import { join } from 'node:path';
import type { dialogChannels } from '../../../shared/contract/dialogs';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createDialogHandlers(ctx: AppContext): Pick<Handlers, keyof typeof dialogChannels> {
  return {
    'exports:choose-path': async ({ suggestedName }) => {
      if (!ctx.chooseSavePath) {
        throw new AppError('UNSUPPORTED', 'There is no save dialog here; pass an output path instead.');
      }
      const folder = ctx.exports.lastFolder() ?? join(homedir(), 'Documents');
      const chosen = await ctx.chooseSavePath({
        defaultPath: join(folder, suggestedName),
        filters: [{ name: 'CSV', extensions: ['csv', 'ssv', 'tsv', 'txt'] }],
      });
      if (!chosen) return null;
      ctx.exports.grantPath(chosen);
      return { path: chosen };
    },
  };
}
