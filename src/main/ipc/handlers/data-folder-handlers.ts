import { isAbsolute, resolve } from 'node:path';
import type { dataFolderChannels, DataFolderView } from '../../../shared/contract/data-folder';
import { AppError } from '../../../shared/errors';
import type { AppContext, DesktopHooks } from '../../app-context';
import { cancelDataFolderMove, pendingDataFolderMove, stageDataFolderMove } from '../../data-location';
import type { Handlers } from '../dispatcher';

/**
 * A move copies the whole books to a folder and points every later start there, so a
 * compromised page must not be able to pick that folder itself (a shared or synced place).
 * Like exports (`exports:choose-path`), the target must be one the reseller picked in the
 * shell's folder dialog (`data-folder:choose`); main remembers those picks (never persisted)
 * and refuses any other path.
 */
export function createDataFolderHandlers(ctx: AppContext): Pick<Handlers, keyof typeof dataFolderChannels> {
  const chosen = new Set<string>();
  const wasChosen = (path: string) => isAbsolute(path) && chosen.has(resolve(path));
  const view = (): DataFolderView => ({
    dataDir: ctx.dataDir,
    ledgerFile: ctx.ledger.file,
    fromEnv: ctx.dataDirFromEnv,
    pendingMove: pendingDataFolderMove(ctx.dataDir),
    desktop: ctx.desktop !== null,
  });
  const desktop = (what: string): DesktopHooks => {
    if (!ctx.desktop) throw new AppError('UNSUPPORTED', `${what} needs the desktop app; here, use the folder shown.`);
    return ctx.desktop;
  };
  return {
    'data-folder:get': view,
    'data-folder:open': () => desktop('Opening the folder').openFolder(ctx.dataDir),
    'data-folder:choose': async () => {
      const path = await desktop('Choosing a folder').chooseFolder(ctx.dataDir);
      if (!path) return null;
      chosen.add(resolve(path));
      return { path };
    },
    'data-folder:move': ({ path }) => {
      // RESELLER_DESK_DATA_DIR is the clearer reason when it applies (stageDataFolderMove says it).
      if (!ctx.dataDirFromEnv && !wasChosen(path)) {
        throw new AppError('FORBIDDEN', 'Choose the new folder with "Move to another folder…" (the folder dialog); a typed path is not accepted.', { field: 'path' });
      }
      stageDataFolderMove(ctx.dataDir, path, ctx.clock.now(), ctx.dataDirFromEnv);
      ctx.log.info('Data folder move staged', { target: path });
      return view();
    },
    'data-folder:cancel-move': () => {
      cancelDataFolderMove(ctx.dataDir);
      return view();
    },
    'app:relaunch': () => desktop('Restarting').relaunch(),
  };
}
