// A stand-in for the `electron` module under which the production main bundle runs in
// plain Node (the Electron binary cannot be installed on the test machines). It records
// what the app asks of Electron and reports it to the test over the fork IPC channel, and
// it behaves like Electron where the app's correctness depends on it:
//   - app.quit(): 'before-quit' (preventable) → windows closed → 'will-quit' → 'quit' → the
//     process ends, whatever is still open (so a server left listening or a ledger left
//     open is seen in the final report, not hidden by a process that never exits);
//   - closing the last window emits 'window-all-closed', and with no listener quits;
//   - ipcMain.handle twice on one channel throws; an invoke carries the sender frame;
//   - the single-instance lock is per userData folder, with 'second-instance' in the first;
//   - loadFile of a missing file fails; a tray icon that cannot be loaded is reported;
//   - the preload runs as a sandboxed preload does: a CommonJS function with a require()
//     that knows only 'electron' (renderer side), 'events', 'timers' and 'url'.
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as timers from 'node:timers';
import * as url from 'node:url';
import vm from 'node:vm';
import { report } from './channel.mjs';

const env = process.env;

function event(fields = {}) {
  const e = { ...fields, defaultPrevented: false, preventDefault() { e.defaultPrevented = true; } };
  return e;
}

const plain = (value) => JSON.parse(JSON.stringify(value ?? null));

// ─── app ────────────────────────────────────────────────────────────────────────────────

const windows = new Set();
let lockServer = null;
let quitting = false;

class App extends EventEmitter {
  paths = new Map();
  isPackaged = env.STANDIN_PACKAGED === '1';
  #ready = false;
  #readyPromise = new Promise((resolve) => {
    setImmediate(() => {
      this.#ready = true;
      report('ready');
      this.emit('ready');
      resolve();
    });
  });

  getAppPath() {
    return env.STANDIN_APP_PATH;
  }
  getVersion() {
    return JSON.parse(readFileSync(join(this.getAppPath(), 'package.json'), 'utf8')).version;
  }
  getName() {
    return 'Reseller Desk';
  }
  setPath(name, path) {
    this.paths.set(name, path);
    report('set-path', { name, path });
  }
  getPath(name) {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  whenReady() {
    return this.#readyPromise;
  }
  isReady() {
    return this.#ready;
  }
  enableSandbox() {
    if (this.#ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
    report('sandbox-enabled');
  }
  setAppUserModelId() {}
  relaunch() {
    report('relaunch');
  }

  /** Electron's lock lives in userData: a socket there that a second launch connects to. */
  requestSingleInstanceLock() {
    const dir = this.paths.get('userData');
    if (!dir) throw new Error('requestSingleInstanceLock needs userData');
    const socket = join(dir, 'SingletonSocket');
    const argv = JSON.stringify(process.argv);
    // Synchronous in Electron: ask with a child that tries to connect.
    const probe = spawnConnect(socket, argv);
    if (probe === 'taken') {
      report('single-instance', { primary: false });
      return false;
    }
    rmSync(socket, { force: true });
    lockServer = createServer((conn) => {
      let data = '';
      conn.on('data', (chunk) => (data += chunk));
      conn.on('end', () => {
        report('second-instance');
        this.emit('second-instance', event(), data ? JSON.parse(data) : [], dir);
      });
    });
    lockServer.listen(socket);
    lockServer.unref();
    report('single-instance', { primary: true });
    return true;
  }

  quit() {
    report('app-quit-called');
    const before = event();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    quitting = true;
    for (const w of [...windows]) {
      w.close();
      if (!w.isDestroyed()) {
        quitting = false; // a window refused to close: the quit is cancelled
        return;
      }
    }
    const will = event();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.emit('quit', event(), 0);
    finish(0);
  }

  exit(code = 0) {
    report('app-exit-called', { code });
    finish(code);
  }
}

/**
 * Whether another instance holds the lock: a connect to its socket, made synchronous the
 * way Electron's answer is (a worker connects while this thread waits), handing our argv over.
 */
function spawnConnect(socket, argv) {
  if (!existsSync(socket)) return 'free';
  const shared = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { connect } = require('node:net'); const { workerData } = require('node:worker_threads');
     const done = (v) => { Atomics.store(workerData.shared, 0, v); Atomics.notify(workerData.shared, 0); };
     const s = connect(workerData.socket, () => s.end(workerData.argv, () => done(1)));
     s.on('error', () => done(2));`,
    { eval: true, workerData: { socket, argv, shared } },
  );
  Atomics.wait(shared, 0, 0, 5000);
  void worker.terminate();
  return Atomics.load(shared, 0) === 1 ? 'taken' : 'free';
}

/** The process ends as Electron's does; first the test hears what was still open. */
function finish(code) {
  lockServer?.close();
  const userData = app.paths.get('userData');
  report('exit', {
    code,
    // Servers still listening and TCP connections still open, by address: a closed server
    // whose handle libuv has not released yet is no longer listening and does not count.
    listening: process
      ._getActiveHandles()
      .filter((h) => h?.listening === true)
      .map((h) => JSON.stringify(h.address())),
    connected: process
      ._getActiveHandles()
      .filter((h) => typeof h?.remoteAddress === 'string' && !h.destroyed)
      .map((h) => `${h.localAddress}:${h.localPort} → ${h.remoteAddress}:${h.remotePort}`),
    walFiles: userData ? findFiles(userData, (name) => name.endsWith('-wal')) : [],
  });
  setImmediate(() => process.exit(code));
}

function findFiles(dir, match) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory() && name !== 'session') found.push(...findFiles(path, match));
    else if (match(name)) found.push(path);
  }
  return found;
}

export const app = new App();

// ─── sessions, web contents, windows ────────────────────────────────────────────────────

class Session extends EventEmitter {
  handlers = {};
  webRequest = {
    onBeforeRequest: (...args) => (this.handlers.beforeRequest = args.at(-1)),
    onHeadersReceived: (...args) => (this.handlers.headersReceived = args.at(-1)),
  };
  setPermissionRequestHandler(h) {
    this.handlers.permissionRequest = h;
  }
  setPermissionCheckHandler(h) {
    this.handlers.permissionCheck = h;
  }
  setDevicePermissionHandler(h) {
    this.handlers.devicePermission = h;
  }
}

const defaultSession = new Session();
export const session = { defaultSession, fromPartition: () => defaultSession };

let nextContentsId = 1;
class WebContents extends EventEmitter {
  id = nextContentsId++;
  session = defaultSession;
  url = '';
  destroyed = false;
  sent = [];
  rendererListeners = new Map();
  constructor(preferences) {
    super();
    this.preferences = preferences;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  get mainFrame() {
    return { url: this.url, parent: null };
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, ...args) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: null }, ...plain(args));
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [...windows];
  }
  #destroyed = false;
  visible = false;
  constructor(options = {}) {
    super();
    this.options = options;
    this.webContents = new WebContents(options.webPreferences ?? {});
    windows.add(this);
    report('window-created', { options: plain(options) });
    app.emit('browser-window-created', event(), this);
    app.emit('web-contents-created', event(), this.webContents);
  }
  async loadFile(file, options = {}) {
    if (!existsSync(file)) {
      report('load-failed', { file });
      throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${pathToFileURL(file).href}'`);
    }
    return this.#load(pathToFileURL(file).href + (options.hash ? `#${options.hash}` : ''));
  }
  async loadURL(url) {
    return this.#load(url);
  }
  #load(url) {
    const navigate = event({ url });
    this.webContents.emit('will-navigate', navigate, url);
    if (navigate.defaultPrevented && this.webContents.url) return;
    this.webContents.url = url;
    report('load', { url });
    setImmediate(() => {
      if (!this.#destroyed) this.emit('ready-to-show');
    });
  }
  show() {
    this.visible = true;
    report('window-show');
  }
  hide() {
    this.visible = false;
    report('window-hide');
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.#destroyed;
  }
  close() {
    if (this.#destroyed) return;
    const close = event();
    this.emit('close', close);
    if (close.defaultPrevented) {
      report('window-close-prevented');
      return;
    }
    this.destroy();
  }
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.webContents.destroyed = true;
    windows.delete(this);
    report('window-closed');
    this.emit('closed');
    if (windows.size === 0 && !quitting) {
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
      else app.quit();
    }
  }
}

// ─── IPC ────────────────────────────────────────────────────────────────────────────────

const invokeHandlers = new Map();
export const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel, handler) {
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, handler);
    report('ipc-handle', { channel });
  },
  removeHandler(channel) {
    invokeHandlers.delete(channel);
    report('ipc-remove-handler', { channel });
  },
});

/** ipcRenderer.invoke as main receives it: structured-clone copies, the sender's frame. */
async function invokeMain(contents, frame, channel, args) {
  const handler = invokeHandlers.get(channel);
  if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
  const e = { sender: contents, senderFrame: frame, processId: 1, frameId: 1 };
  return structuredClone(await handler(e, ...structuredClone(args)));
}

// ─── dialogs, shell, tray, notifications ────────────────────────────────────────────────

export const dialog = {
  showErrorBox(title, content) {
    report('error-box', { title, content });
    console.error(`[error box] ${title}: ${content}`);
  },
  async showMessageBox(...args) {
    report('message-box', { options: plain(args.at(-1)) });
    return { response: 0, checkboxChecked: false };
  },
  async showSaveDialog() {
    return { canceled: true };
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
};

export const shell = {
  async openExternal(url) {
    report('open-external', { url });
  },
  async openPath(path) {
    report('open-path', { path });
    return '';
  },
};

export const nativeImage = {
  createFromPath(path) {
    const exists = existsSync(path);
    return { path, isEmpty: () => !exists };
  },
};

export const Menu = {
  buildFromTemplate(template) {
    return { items: template };
  },
  setApplicationMenu() {},
};

const trays = new Set();
export class Tray extends EventEmitter {
  /** Electron shows an empty image as an invisible tray icon: the test checks the file was there. */
  constructor(image) {
    super();
    this.image = image;
    trays.add(this);
    report('tray-created', { icon: image.path, iconLoaded: !image.isEmpty() });
  }
  setToolTip(text) {
    this.toolTip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
    report('tray-menu', { labels: menu.items.filter((i) => i.label).map((i) => i.label) });
  }
  setImage(image) {
    this.image = image;
  }
  destroy() {
    trays.delete(this);
    report('tray-destroyed');
  }
}

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    report('notification', { title: this.options.title });
  }
}

// ─── the renderer side, for the preload ─────────────────────────────────────────────────

/**
 * Runs the window's preload file as Electron runs a sandboxed preload: one CommonJS
 * function whose require() knows only the renderer's electron modules, 'events',
 * 'timers' and 'url'; no Node builtins, no file system. Returns what it exposed.
 */
function runSandboxedPreload(win) {
  const prefs = win.webContents.preferences;
  if (!prefs.sandbox || !prefs.contextIsolation) throw new Error('The stand-in only runs sandboxed, context-isolated preloads');
  const exposed = {};
  const contents = win.webContents;
  const electronRenderer = {
    contextBridge: {
      exposeInMainWorld(key, value) {
        if (key in exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        exposed[key] = value;
      },
    },
    ipcRenderer: {
      invoke: (channel, ...args) => invokeMain(contents, contents.mainFrame, channel, args),
      on(channel, listener) {
        const set = contents.rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        contents.rendererListeners.set(channel, set);
        return this;
      },
      removeListener(channel, listener) {
        contents.rendererListeners.get(channel)?.delete(listener);
        return this;
      },
    },
  };
  const allowed = { electron: electronRenderer, events: { EventEmitter, default: EventEmitter }, timers, url };
  const sandboxRequire = (name) => {
    if (!(name in allowed)) throw new Error(`module not found: ${name}`);
    return allowed[name];
  };
  const source = readFileSync(prefs.preload, 'utf8');
  const context = vm.createContext({ console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, Promise, structuredClone });
  const wrapper = vm.runInContext(`(function (exports, require, module, process, Buffer, global, setImmediate, clearImmediate) {${source}\n})`, context, {
    filename: prefs.preload,
  });
  const module = { exports: {} };
  const sandboxProcess = { platform: process.platform, type: 'renderer', versions: { ...process.versions }, env: {}, argv: [] };
  wrapper(module.exports, sandboxRequire, module, sandboxProcess, Buffer, context, setImmediate, clearImmediate);
  return { exposed, invokeFromSubFrame: (channel, ...args) => invokeMain(contents, { url: contents.url, parent: {} }, channel, args) };
}

// ─── commands from the test ─────────────────────────────────────────────────────────────

const mainWindow = () => [...windows][0];

async function command(message) {
  switch (message.cmd) {
    case 'invoke': {
      const win = mainWindow();
      if (!win) throw new Error('no window');
      return invokeMain(win.webContents, win.webContents.mainFrame, 'rd:invoke', [message.channel, message.input]);
    }
    case 'preload': {
      const win = mainWindow();
      const { exposed, invokeFromSubFrame } = runSandboxedPreload(win);
      const api = exposed.api;
      const names = Object.keys(api ?? {}).sort();
      const results = {};
      for (const name of names) {
        if (name === 'onEvent') continue;
        results[name] = await api[name]({ __probe__: 1 });
      }
      const info = await api['app:info']();
      const created = await api['customers:create']({ email: 'preload@example.com', name: 'Through the preload' });
      const subFrame = await invokeFromSubFrame('rd:invoke', 'app:info', undefined);
      const events = [];
      const unsubscribe = api.onEvent('event:customer-changed', (payload) => events.push(payload));
      await api['customers:update']({ id: created.value.id, name: 'Renamed through the preload' });
      await new Promise((r) => setTimeout(r, 50));
      unsubscribe();
      return { exposedKeys: Object.keys(exposed), names, results, info, created, subFrame, events };
    }
    case 'guards': {
      const h = defaultSession.handlers;
      const win = mainWindow();
      const cancel = (url) => new Promise((resolve) => h.beforeRequest({ url, resourceType: 'mainFrame' }, (r) => resolve(r?.cancel === true)));
      const open = win?.webContents.windowOpenHandler?.({ url: 'https://example.com/' });
      const nav = event({ url: 'https://example.com/' });
      win?.webContents.emit('will-navigate', nav, 'https://example.com/');
      return {
        remoteCancelled: await cancel('https://example.com/x.js'),
        ownPageCancelled: await cancel(win.webContents.url),
        permissionCheck: h.permissionCheck?.(null, 'notifications', 'file:///', {}),
        permissionRequest: await new Promise((resolve) => h.permissionRequest?.(null, 'media', resolve, {})),
        windowOpen: open ?? null,
        navigationBlocked: nav.defaultPrevented,
      };
    }
    case 'tray-click': {
      const item = [...trays].at(-1)?.menu?.items.find((i) => i.label === message.label);
      if (!item?.click) throw new Error(`no tray item ${message.label}`);
      item.click();
      return null;
    }
    case 'close-window':
      mainWindow()?.close();
      return null;
    case 'quit':
      app.quit();
      return null;
    default:
      throw new Error(`unknown command ${message.cmd}`);
  }
}

process.on('message', (message) => {
  if (!message || typeof message.cmd !== 'string') return;
  command(message).then(
    (value) => report('reply', { id: message.id, value: value ?? null }),
    (error) => report('reply', { id: message.id, error: String(error?.stack ?? error) }),
  );
});

// The test's IPC channel must not keep an app alive that Electron would have ended.
process.channel?.unref();

export const contextBridge = undefined; // renderer-only in Electron; main cannot use it
export const ipcRenderer = undefined;
export default { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, session, shell, Tray };
