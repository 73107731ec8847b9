import { BrowserWindow } from 'electron';
import type { AppPage } from './app-page';
import { secureWebPreferences } from './web-preferences';

export interface MainWindowOptions {
  page: AppPage;
  preloadPath: string;
  iconPath: string;
  /** Start hidden (launched with --hidden into the tray). */
  show: boolean;
  /** A renderer route to open on ("/alerts"); the renderer routes with the URL hash. */
  route?: string;
}

/**
 * The app's one window, on the hardened webPreferences, showing the app's own page and
 * nothing else (the guards applied on 'web-contents-created' keep it there).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Reseller Desk',
    icon: options.iconPath,
    backgroundColor: '#0f172a',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  if (options.show) window.once('ready-to-show', () => window.show());
  const hash = options.route && options.route !== '/' ? options.route : undefined;
  if (options.page.kind === 'dev') void window.loadURL(hash ? `${options.page.url.split('#')[0]}#${hash}` : options.page.url);
  else void window.loadFile(options.page.filePath, hash ? { hash } : {});
  return window;
}

/** Shows, restores and focuses the window. */
export function revealWindow(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
