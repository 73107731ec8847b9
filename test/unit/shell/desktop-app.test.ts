import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { MemorySecretStore } from '../../support/memory-secrets';

/** A fake Electron main process: enough of app, BrowserWindow, ipcMain, session, Tray, Menu. */
const electron = vi.hoisted(() => {
  type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, l: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
      return this;
    }
    once(name: string, l: Listener) {
      return this.on(name, l);
    }
    emit(name: string, ...args: unknown[]) {
      return (this.listeners.get(name) ?? []).map((l) => l(...args));
    }
  }
  const state = {
    gotLock: true,
    paths: {} as Record<string, string>,
    appPath: '',
    windows: [] as any[], // eslint-disable-line @typescript-eslint/no-explicit-any
    ipcHandlers: new Map<string, Listener>(),
    trays: [] as any[], // eslint-disable-line @typescript-eslint/no-explicit-any
    errors: [] as string[][],
  };
  class FakeApp extends Emitter {
    isPackaged = false;
    setPath = vi.fn((name: string, value: string) => {
      state.paths[name] = value;
    });
    requestSingleInstanceLock = vi.fn(() => state.gotLock);
    quit = vi.fn();
    exit = vi.fn();
    enableSandbox = vi.fn();
    setAppUserModelId = vi.fn();
    getAppPath = () => state.appPath;
    getVersion = () => '0.1.0-test';
    whenReady = () => Promise.resolve();
  }
  class WebContents extends Emitter {
    url = '';
    sent: unknown[][] = [];
    session = { id: 'window-session' };
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    isDestroyed = () => false;
    getURL = () => this.url;
    setWindowOpenHandler = vi.fn();
  }
  class BrowserWindow extends Emitter {
    webContents = new WebContents();
    visible = false;
    loaded: { file?: string; url?: string; options?: unknown } = {};
    constructor(public readonly options: any) { // eslint-disable-line @typescript-eslint/no-explicit-any
      super();
      state.windows.push(this);
    }
    loadFile(file: string, options: unknown) {
      this.loaded = { file, options };
      this.webContents.url = `file://${file}`;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = { url };
      this.webContents.url = url;
      return Promise.resolve();
    }
    show = vi.fn(() => {
      this.visible = true;
    });
    hide = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isDestroyed = () => false;
  }
  const makeSession = () => ({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    on: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
  });
  class Tray extends Emitter {
    constructor(public icon: unknown) {
      super();
      state.trays.push(this);
    }
    setImage = vi.fn();
    setToolTip = vi.fn();
    setContextMenu = vi.fn();
    destroy = vi.fn();
  }
  const module = {
    app: new FakeApp(),
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, l: Listener) => state.ipcHandlers.set(channel, l),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    session: { defaultSession: makeSession() },
    dialog: { showErrorBox: vi.fn((title: string, message: string) => state.errors.push([title, message])) },
    shell: { openExternal: vi.fn(async () => {}) },
    Tray,
    Menu: { buildFromTemplate: (items: unknown) => items },
    Notification: Object.assign(vi.fn(), { isSupported: () => false }),
    nativeImage: { createFromPath: (path: string) => ({ path }) },
  };
  return { state, module, reset() {
    state.gotLock = true;
    state.paths = {};
    state.windows = [];
    state.ipcHandlers.clear();
    state.trays = [];
    state.errors = [];
    module.app = new FakeApp();
    module.session.defaultSession = makeSession();
  } };
});

vi.mock('electron', () => ({
  get app() {
    return electron.module.app;
  },
  get session() {
    return electron.module.session;
  },
  BrowserWindow: electron.module.BrowserWindow,
  ipcMain: electron.module.ipcMain,
  dialog: electron.module.dialog,
  shell: electron.module.shell,
  Tray: electron.module.Tray,
  Menu: electron.module.Menu,
  Notification: electron.module.Notification,
  nativeImage: electron.module.nativeImage,
}));

const { startDesktopApp } = await import('../../../src/main/shell/desktop-app');
const { INVOKE_CHANNEL, EVENT_CHANNEL } = await import('../../../src/main/shell/ipc-bridge');

describe('startDesktopApp', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const cleanups: (() => unknown)[] = [];

  beforeEach(() => {
    electron.reset();
    temp = makeTempDir();
    electron.state.appPath = process.cwd();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    temp.cleanup();
  });

  async function start(env: Record<string, string> = {}) {
    const dataDir = join(temp.dir, 'data');
    const desktop = startDesktopApp({ env: { RESELLER_DESK_DATA_DIR: dataDir, ...env }, argv: [], secrets: new MemorySecretStore(), handleSignals: false });
    return { desktop, dataDir };
  }

  async function quitAndWait() {
    const app = electron.module.app;
    const event = { defaultPrevented: false, preventDefault() { event.defaultPrevented = true; } };
    app.emit('before-quit', event);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    return event;
  }

  const invoke = (channel: string, input?: unknown) => {
    const window = electron.state.windows[0];
    const handler = electron.state.ipcHandlers.get(INVOKE_CHANNEL);
    if (!handler) throw new Error('no IPC handler registered');
    return handler({ senderFrame: { url: window.webContents.getURL(), parent: null } }, channel, input) as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('puts userData (and the single-instance lock) in the data folder from RESELLER_DESK_DATA_DIR', async () => {
    const { desktop, dataDir } = await start();
    cleanups.push(quitAndWait);
    await desktop!.ready;
    expect(electron.state.paths.userData).toBe(dataDir);
    expect(electron.module.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(electron.module.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
    expect(electron.module.app.enableSandbox).toHaveBeenCalled();
  });

  it('quits a second instance before opening anything', async () => {
    electron.state.gotLock = false;
    const { desktop } = await start();
    expect(desktop).toBeUndefined();
    expect(electron.module.app.quit).toHaveBeenCalledOnce();
    expect(electron.state.windows).toHaveLength(0);
    expect(electron.state.ipcHandlers.size).toBe(0);
  });

  it('focuses the first window when a second launch happens', async () => {
    const { desktop } = await start();
    cleanups.push(quitAndWait);
    await desktop!.ready;
    electron.module.app.emit('second-instance', {}, [], '/');
    expect(electron.state.windows[0].show).toHaveBeenCalled();
    expect(electron.state.windows[0].focus).toHaveBeenCalled();
  });

  it('opens one hardened window on the built page with the CJS preload', async () => {
    const { desktop } = await start();
    cleanups.push(quitAndWait);
    await desktop!.ready;
    expect(electron.state.windows).toHaveLength(1);
    const window = electron.state.windows[0];
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(process.cwd(), 'out', 'preload', 'index.cjs'),
    });
    expect(window.loaded.file).toBe(join(process.cwd(), 'out', 'renderer', 'index.html'));
    expect(desktop!.page.kind).toBe('file');
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('hardens the default session and every webContents created', async () => {
    const { desktop } = await start();
    cleanups.push(quitAndWait);
    await desktop!.ready;
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.module.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), session: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn(), on: vi.fn(), webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() } } };
    electron.module.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    expect(contents.session.setPermissionCheckHandler).toHaveBeenCalled();
  });

  it('serves the contract over the IPC bridge on the real ledger and forwards bus events to the window', async () => {
    const { desktop, dataDir } = await start();
    cleanups.push(quitAndWait);
    await desktop!.ready;
    const info = await invoke('app:info');
    expect(info).toMatchObject({ ok: true, value: { dataDir, version: '0.1.0-test' } });
    const updated = await invoke('settings:update', { theme: 'dark' });
    expect(updated.ok).toBe(true);
    const window = electron.state.windows[0];
    expect(window.webContents.sent).toContainEqual([EVENT_CHANNEL, 'event:settings-changed', expect.objectContaining({ theme: 'dark' })]);
  });

  it('opens links only through the audited helper', async () => {
    const { desktop } = await start();
    cleanups.push(quitAndWait);
    await desktop!.ready;
    expect((await invoke('app:open-external', { url: 'https://proxies.sx/' })).ok).toBe(true);
    expect(electron.module.shell.openExternal).toHaveBeenCalledWith('https://proxies.sx/');
  });

  it('starts the tray as a background service', async () => {
    const { desktop } = await start();
    cleanups.push(quitAndWait);
    await desktop!.ready;
    expect(electron.state.trays).toHaveLength(1);
  });

  it('on quit, stops the services, unregisters IPC and closes the ledger before quitting for real', async () => {
    const { desktop, dataDir } = await start();
    await desktop!.ready;
    await invoke('settings:update', { theme: 'light' });
    // WAL mode keeps a -wal file while the ledger is open; closing the last connection removes it.
    const wal = join(dataDir, 'ledger.sqlite3-wal');
    expect(existsSync(wal)).toBe(true);
    const event = await quitAndWait();
    expect(existsSync(wal)).toBe(false);
    expect(event.defaultPrevented).toBe(true);
    expect(electron.state.ipcHandlers.size).toBe(0);
    expect(electron.state.trays[0].destroy).toHaveBeenCalled();
    // The second before-quit (from app.quit) goes through.
    const again = { defaultPrevented: false, preventDefault() { again.defaultPrevented = true; } };
    electron.module.app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });

  it('a quit during start-up waits for the ledger, closes it and opens no window', async () => {
    const { desktop, dataDir } = await start();
    await quitAndWait();
    await desktop!.ready;
    expect(electron.state.windows).toHaveLength(0);
    expect(electron.state.ipcHandlers.size).toBe(0);
    expect(existsSync(join(dataDir, 'ledger.sqlite3'))).toBe(true);
    expect(existsSync(join(dataDir, 'ledger.sqlite3-wal'))).toBe(false);
  });

  it('shows a clear error and exits when the ledger cannot be opened', async () => {
    const blocker = join(temp.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const desktop = startDesktopApp({ env: { RESELLER_DESK_DATA_DIR: join(blocker, 'data') }, argv: [], secrets: new MemorySecretStore(), handleSignals: false });
    await expect(desktop!.ready).rejects.toThrow();
    await vi.waitFor(() => expect(electron.module.app.exit).toHaveBeenCalledWith(1));
    expect(electron.state.errors[0]?.[0]).toBe('Reseller Desk could not start');
    expect(electron.state.windows).toHaveLength(0);
  });
});
