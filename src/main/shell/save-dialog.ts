import { dialog, type BrowserWindow } from 'electron';
import type { SaveDialog } from '../app-context';

/** The native save dialog, attached to the app window when there is one. */
export function createSaveDialog(getWindow: () => BrowserWindow | undefined): SaveDialog {
  return async ({ defaultPath, filters }) => {
    const window = getWindow();
    const options = { defaultPath, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
    const result = window && !window.isDestroyed() ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
