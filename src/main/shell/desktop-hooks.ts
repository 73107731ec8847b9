import { dialog, shell, type BrowserWindow } from 'electron';
import { statSync } from 'node:fs';
import type { DesktopHooks } from '../app-context';
import { AppError } from '../../shared/errors';

/** Settings → Your data: the file manager, the folder picker and a restart, from Electron. */
export function createDesktopHooks(getWindow: () => BrowserWindow | undefined, restart: () => void): DesktopHooks {
  return {
    async openFolder(path) {
      // openPath would also launch a program: only ever a folder here (the data folder,
      // chosen by main, never a path from the page).
      if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new AppError('NOT_FOUND', `The folder ${path} does not exist.`);
      const error = await shell.openPath(path);
      if (error) throw new AppError('UNSUPPORTED', `The folder could not be opened: ${error}`);
    },
    async chooseFolder(defaultPath) {
      const window = getWindow();
      const options = {
        title: 'Choose an empty folder for your Reseller Desk data',
        defaultPath,
        buttonLabel: 'Use this folder',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'] as ('openDirectory' | 'createDirectory' | 'promptToCreate')[],
      };
      const result = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    relaunch: restart,
  };
}
