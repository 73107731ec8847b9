import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAppContext, type AppContext } from '../app-context';
import { FollowingClock } from '../clock';
import { defaultDataDir, ensureDataDir, resolveDataDir } from '../data-dir';
import { applyPendingDataFolderMove, readDataLocation } from '../data-location';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { selectNativeBinding } from '../ledger/native-binding';
import { useSqliteBinding } from '../sqlite/open-sqlite';
import { KeychainSecretStore } from '../secrets/keychain-store';
import type { SecretStore } from '../secrets/secret-store';
import { AppError } from '../../shared/errors';
import { resolveAppPage, type AppPage } from './app-page';
import { startBackgroundServices, type BackgroundServices } from './background-services';
import { installCloseToTray } from './close-to-tray';
import { openExternalSafely } from './external-links';
import { forwardEvents, registerIpcBridge } from './ipc-bridge';
import { createMainWindow, revealWindow } from './main-window';
import { createDesktopHooks } from './desktop-hooks';
import { createSaveDialog } from './save-dialog';
import { appIconPath, resolveResourcesDir } from './resources-dir';
import { guardSession } from './session-guards';
import { acquireSingleInstance } from './single-instance';
import { guardWebContents } from './web-contents-guards';

export interface DesktopAppOptions {
  env?: NodeJS.ProcessEnv;
  argv?: string[];
  /** Tests pass an in-memory store; the app uses the OS keychain. */
  secrets?: SecretStore;
  /**
   * Run minimized to tray: whether closing the window hides it. LEAD: wire this to the
   * settings flag once it exists (e.g. `() => ctx.settings.get().minimizeToTray`).
   */
  closeToTray?: (ctx: AppContext) => boolean;
  /** Quit cleanly on SIGINT/SIGTERM (default true; tests turn it off). */
  handleSignals?: boolean;
}

export interface DesktopApp {
  readonly page: AppPage;
  readonly dataDir: string;
  /** Resolves when the window is up (or rejects when start-up failed). */
  readonly ready: Promise<void>;
}

/**
 * The desktop app's life: data folder and single-instance lock before `ready`; hardening
 * of every session and webContents; the ledger (with the Electron build of SQLite), the
 * IPC bridge, the window and the background services after it; and an orderly shutdown
 * that closes the ledger before the process ends. Returns undefined in a second instance.
 */
export function startDesktopApp(options: DesktopAppOptions = {}): DesktopApp | undefined {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv;
  const dataDirFromEnv = Boolean(env.RESELLER_DESK_DATA_DIR?.trim());
  let dataDir = resolveDataDir(env);
  // A folder chosen in Settings that is not there (a drive not connected) must not be
  // silently replaced by empty books: say so and stop.
  const recorded = dataDirFromEnv ? null : readDataLocation(defaultDataDir(env));
  if (recorded && !existsSync(recorded)) {
    void app.whenReady().then(() => {
      dialog.showErrorBox(
        'Reseller Desk cannot find its data',
        `The data folder ${recorded} (chosen in Settings) is not available. Connect the drive it is on and start again, or start with RESELLER_DESK_DATA_DIR set to another folder.`,
      );
      app.exit(1);
    });
    return undefined;
  }
  // A move staged in Settings is carried out now, before anything opens the folder.
  let moveError: string | null = null;
  try {
    dataDir = applyPendingDataFolderMove(dataDir, defaultDataDir(env), new Date());
  } catch (error) {
    moveError = error instanceof Error ? error.message : String(error);
  }
  try {
    ensureDataDir(dataDir); // the lock file below lives in it
  } catch {
    // Reported with a dialog when the ledger cannot be opened there, once the app is ready.
  }
  // The single-instance lock and Chromium's own files live under userData: one app per data folder.
  app.setPath('userData', dataDir);
  app.setPath('sessionData', join(dataDir, 'session'));

  let window: BrowserWindow | undefined;
  let ctx: AppContext | undefined;
  if (!acquireSingleInstance(app, () => revealWindow(window))) return undefined;

  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId('com.resellerdesk.app');

  const appPath = app.getAppPath();
  const page = resolveAppPage({
    isPackaged: app.isPackaged,
    devServerUrl: env.ELECTRON_RENDERER_URL,
    rendererIndexFile: join(appPath, 'out', 'renderer', 'index.html'),
  });
  const resourcesDir = resolveResourcesDir({ isPackaged: app.isPackaged, appPath, resourcesPath: process.resourcesPath });

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents);
    guardSession(contents.session, page);
  });

  let services: BackgroundServices | undefined;
  let quitting = false;
  let shutDown = false;
  let shutdown: Promise<void> | undefined;
  let startup: Promise<void> = Promise.resolve();
  const cleanups: (() => void)[] = [];

  const openWindow = (show: boolean, route?: string) => {
    window = createMainWindow({
      page,
      preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
      iconPath: appIconPath(resourcesDir),
      show,
      ...(route ? { route } : {}),
    });
    const shown = window;
    installCloseToTray(shown, {
      isQuitting: () => quitting,
      shouldHide: () => services?.tray !== undefined && ctx !== undefined && (options.closeToTray?.(ctx) ?? false),
    });
    shown.on('closed', () => {
      if (window === shown) window = undefined;
    });
    return shown;
  };

  const openPage = (route: string) => {
    if (!window || window.isDestroyed()) {
      openWindow(true, route);
      return;
    }
    ctx?.bus.emit('event:navigate', { page: route });
    revealWindow(window);
  };

  const quit = () => {
    quitting = true;
    app.quit();
  };

  app.on('before-quit', (event) => {
    quitting = true;
    if (shutDown) return;
    event.preventDefault();
    shutdown ??= (async () => {
      await startup.catch(() => {}); // a quit during start-up waits for the ledger to be open, then closes it
      for (const cleanup of cleanups.reverse()) cleanup();
      await services?.stop();
      await ctx?.close();
    })()
      .catch((error: unknown) => {
        ctx?.log.error('Error while shutting down', { error: error instanceof Error ? error.message : String(error) });
        console.error('Reseller Desk: error while shutting down:', error);
      })
      .finally(() => {
        shutDown = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock without a window; elsewhere the last window ends the app.
    if (process.platform !== 'darwin') quit();
  });
  app.on('activate', () => {
    if (!ctx) return; // still starting: the window comes when the ledger is open
    if (!window || window.isDestroyed()) openWindow(true);
    else revealWindow(window);
  });
  if (options.handleSignals !== false) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, quit);
  }

  const ready = (startup = (async () => {
    await app.whenReady();
    guardSession(session.defaultSession, page);
    // Chosen before anything opens a SQLite file (the ledger, a staged restore, the sandbox).
    useSqliteBinding(
      selectNativeBinding({
        versions: process.versions,
        platform: process.platform,
        arch: process.arch,
        appRoot: appPath,
        resourcesPath: app.isPackaged ? process.resourcesPath : undefined,
      }),
    );
    ctx = await createAppContext({
      dataDir,
      secrets: options.secrets ?? new KeychainSecretStore(),
      version: app.getVersion(),
      fileLogs: true,
      // Follows the embedded sandbox's time while it runs (demo mode can move it forward).
      clock: new FollowingClock(),
      openExternal: async (url) => {
        if (!(await openExternalSafely(url))) {
          throw new AppError('INVALID_INPUT', 'url: only http and https links can be opened', { field: 'url' });
        }
      },
      chooseSavePath: createSaveDialog(() => window),
      desktop: createDesktopHooks(
        () => window,
        () => {
          app.relaunch();
          quit();
        },
      ),
      dataDirFromEnv,
    });
    if (moveError) ctx.log.error('The staged data folder move failed; the data stays where it was', { error: moveError });
    if (quitting) return; // quit while the ledger was opening: the shutdown (waiting on us) closes it
    const log = ctx.log;
    const dispatch = createDispatcher(createHandlers(ctx), {
      onUnexpectedError: (channel, error) =>
        log.error('Unexpected error in an IPC handler', { channel, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    });
    cleanups.push(registerIpcBridge(ipcMain, dispatch, page));
    cleanups.push(forwardEvents(ctx.bus, () => window?.webContents, page));
    services = await startBackgroundServices(ctx, { openPage, quit, resourcesDir });
    const startHidden = argv.includes('--hidden') && services.tray !== undefined;
    openWindow(!startHidden);
    if (moveError) {
      void dialog.showMessageBox({
        type: 'warning',
        message: 'Your data could not be moved',
        detail: `${moveError}\n\nNothing was lost: Reseller Desk is using ${dataDir} as before. Free some space or choose another folder in Settings, then restart.`,
      });
    }
  })());

  ready.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error('Reseller Desk could not start:', error);
    dialog.showErrorBox('Reseller Desk could not start', `${message}\n\nData folder: ${dataDir}`);
    shutDown = true;
    // The ledger is closed (its WAL folded in) before the process ends, never cut off.
    void (async () => {
      for (const cleanup of cleanups.reverse()) cleanup();
      await services?.stop().catch(() => {});
      await ctx?.close().catch(() => {});
      app.exit(1);
    })();
  });

  return { page, dataDir, ready };
}
