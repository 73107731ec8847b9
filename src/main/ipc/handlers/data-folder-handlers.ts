import type { dataFolderChannels, DataFolderView } from '../../../shared/contract/data-folder';
import { AppError } from '../../../shared/errors';
import type { AppContext, DesktopHooks } from '../../app-context';
import { cancelDataFolderMove, pendingDataFolderMove, stageDataFolderMove } from '../../data-location';
import type { Handlers } from '../dispatcher';

export function createDataFolderHandlers(ctx: AppContext): Pick<Handlers, keyof typeof dataFolderChannels> {
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
      return path ? { path } : null;
    },
    'data-folder:move': ({ path }) => {
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
