import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../../src/shared/contract';
import { launchBundle, makeLayout, type AppLayout, type Report, type RunningBundle } from '../../support/electron-stand-in/launch';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The production main bundle (out/main/index.js, as `npm run build` makes it) started the
 * way Electron starts it, under a stand-in for the `electron` module
 * (test/support/electron-stand-in) that simulates Electron's native-module ABI: any SQLite
 * open that does not pass the Electron build of better-sqlite3 fails, as it does in the
 * real app. Real data folders, the real keychain, the real embedded sandbox.
 */

const HARDENED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
};

type Window = { options: { icon: string; webPreferences: Record<string, unknown> & { preload: string } } };
type Result<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const running: RunningBundle[] = [];
const temps: { cleanup(): void }[] = [];

afterEach(async () => {
  for (const app of running.splice(0)) {
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    await app.exited;
  }
  for (const t of temps.splice(0)) t.cleanup();
});

function setUp(kind: 'dev' | 'packaged'): { layout: AppLayout; dataDir: string } {
  const temp = makeTempDir();
  temps.push(temp);
  return { layout: makeLayout(join(temp.dir, 'layout'), kind), dataDir: join(temp.dir, 'data') };
}

function start(layout: AppLayout, dataDir: string, env: NodeJS.ProcessEnv = {}): RunningBundle {
  const app = launchBundle(layout, { dataDir, env });
  running.push(app);
  return app;
}

/** The window is up once the page is loading: start-up got through the ledger, services and IPC. */
async function windowUp(app: RunningBundle): Promise<Window> {
  const created = (await app.waitFor('window-created', undefined, 60_000)) as Report & Window;
  await app.waitFor('load');
  return created;
}

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The process ended by itself, cleanly: ledger and sandbox closed (no WAL left), no server left listening. */
async function endedCleanly(app: RunningBundle): Promise<void> {
  const exit = (await app.waitFor('exit', undefined, 60_000)) as Report & { code: number; walFiles: string[]; listening: string[]; connected: string[] };
  expect(exit.code, app.output()).toBe(0);
  expect(exit.walFiles).toEqual([]);
  expect(exit.listening).toEqual([]);
  expect(exit.connected).toEqual([]);
  expect((await app.exited).code).toBe(0);
}

describe('the production bundle under Electron (stand-in, Electron ABI simulated)', () => {
  it('starts on an empty data folder: hardened window, real files, ledger, sandbox, listener, tray; the sandboxed preload reaches every channel; quits from the tray', async () => {
    const { layout, dataDir } = setUp('dev');
    const app = start(layout, dataDir);
    const window = await windowUp(app);
    expect(app.reports.some((r) => r.kind === 'error-box'), app.output()).toBe(false);
    expect(app.reports.some((r) => r.kind === 'sqlite-refused')).toBe(false);
    expect(app.reports.some((r) => r.kind === 'sandbox-enabled')).toBe(true);

    expect(window.options.webPreferences).toMatchObject(HARDENED);
    expect(window.options.webPreferences.preload).toBe(join(layout.appPath, 'out', 'preload', 'index.cjs'));
    expect(existsSync(window.options.webPreferences.preload)).toBe(true);
    expect(existsSync(window.options.icon)).toBe(true);
    const load = (await app.waitFor('load')) as Report & { url: string };
    expect(load.url).toBe(`file://${join(layout.appPath, 'out', 'renderer', 'index.html')}`);
    const tray = (await app.waitFor('tray-created')) as Report & { icon: string; iconLoaded: boolean };
    expect(tray.icon.startsWith(join(layout.appPath, 'resources', 'tray'))).toBe(true);
    expect(tray.iconLoaded).toBe(true);

    // The ledger, the embedded sandbox with its two accounts, and the webhook listener.
    const info = ok(await app.invoke<{ ledgerFile: string; dataDir: string }>('app:info'));
    expect(info.ledgerFile).toBe(join(dataDir, 'ledger.sqlite3'));
    expect(ok(await app.invoke<{ running: boolean }>('sandbox:status')).running).toBe(true);
    const accounts = ok(await app.invoke<{ id: string; name: string }[]>('accounts:list', {}));
    expect(accounts.map((a) => a.name).sort()).toEqual(['Sandbox · Proxies.sx', 'Sandbox · Whozex']);
    for (const account of accounts) ok(await app.invoke('accounts:test', { id: account.id }));
    const hooks = ok(await app.invoke<{ listener: { running: boolean; localUrl: string } }>('webhooks:status'));
    expect(hooks.listener.running).toBe(true);

    // The session and web-contents guards are in place.
    const guards = await app.command<Record<string, unknown>>('guards');
    expect(guards).toMatchObject({ remoteCancelled: true, ownPageCancelled: false, permissionCheck: false, permissionRequest: false, navigationBlocked: true, windowOpen: { action: 'deny' } });

    // The real preload bundle, run as a sandboxed preload: window.api only, every channel reaches main's dispatcher.
    const preload = await app.command<{
      exposedKeys: string[];
      names: string[];
      results: Record<string, Result>;
      info: Result;
      created: Result<{ id: string }>;
      subFrame: Result;
      events: { customerId: string }[];
    }>('preload');
    expect(preload.exposedKeys).toEqual(['api']);
    expect(preload.names).toEqual([...channelNames, 'onEvent'].sort());
    for (const name of channelNames) expect(preload.results[name], name).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(preload.info).toMatchObject({ ok: true });
    expect(preload.created).toMatchObject({ ok: true, value: { id: expect.any(String) } });
    expect(preload.events.map((e) => e.customerId)).toContain((preload.created as { value: { id: string } }).value.id);
    expect(preload.subFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });

    await app.command('tray-click', { label: 'Quit' });
    await endedCleanly(app);
  });

  it('runs from the packaged layout: page and preload inside app.asar, SQLite from resources/native, icons from resources/icons; quits when the window closes', async () => {
    const { layout, dataDir } = setUp('packaged');
    const app = start(layout, dataDir);
    const window = await windowUp(app);
    expect(window.options.webPreferences.preload).toBe(join(layout.resourcesPath, 'app.asar', 'out', 'preload', 'index.cjs'));
    expect(window.options.icon).toBe(join(layout.resourcesPath, 'icons', 'icon.png'));
    expect(existsSync(window.options.icon)).toBe(true);
    const tray = (await app.waitFor('tray-created')) as Report & { icon: string; iconLoaded: boolean };
    expect(tray.icon.startsWith(join(layout.resourcesPath, 'icons', 'tray'))).toBe(true);
    expect(tray.iconLoaded).toBe(true);
    expect(ok(await app.invoke<{ running: boolean }>('sandbox:status')).running).toBe(true);
    const customer = ok(await app.invoke<{ id: string }>('customers:create', { email: 'ada@example.com', name: 'Ada' }));
    expect(customer.id).toEqual(expect.any(String));
    await app.command('close-window');
    await endedCleanly(app);
  });

  it('starts without a usable keychain: works on the sandbox and says real keys need one; SIGTERM quits cleanly', async () => {
    const { layout, dataDir } = setUp('dev');
    const app = start(layout, dataDir, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/reseller-desk-bus' });
    await windowUp(app);
    expect(app.reports.some((r) => r.kind === 'error-box'), app.output()).toBe(false);
    expect(ok(await app.invoke<{ keychainAvailable: boolean | null }>('app:info')).keychainAvailable).toBe(false);
    const accounts = ok(await app.invoke<{ id: string }[]>('accounts:list', {}));
    expect(accounts).toHaveLength(2);
    for (const account of accounts) ok(await app.invoke('accounts:test', { id: account.id }));
    app.child.kill('SIGTERM');
    await endedCleanly(app);
  });

  it('applies a restore staged in Settings at the next start', async () => {
    const { layout, dataDir } = setUp('dev');
    const first = start(layout, dataDir);
    await windowUp(first);
    ok(await first.invoke('customers:create', { email: 'kept@example.com', name: 'In the backup' }));
    const backup = ok(await first.invoke<{ name: string }>('backups:create'));
    ok(await first.invoke('customers:create', { email: 'later@example.com', name: 'After the backup' }));
    ok(await first.invoke('backups:restore', { name: backup.name, confirm: true }));
    await first.command('quit');
    await endedCleanly(first);

    const second = start(layout, dataDir);
    await windowUp(second);
    expect(second.reports.some((r) => r.kind === 'error-box'), second.output()).toBe(false);
    const list = ok(await second.invoke<{ items: { email: string }[] }>('customers:list', {}));
    expect(list.items.map((c) => c.email)).toEqual(['kept@example.com']);
    expect(existsSync(join(dataDir, 'restore-pending.json'))).toBe(false);
    expect(readdirSync(join(dataDir, 'backups')).filter((n) => /-(wal|shm)$/.test(n))).toEqual([]);
    await second.command('quit');
    await endedCleanly(second);
  });

  it('a second launch on the same data folder hands over to the first and ends', async () => {
    const { layout, dataDir } = setUp('dev');
    const first = start(layout, dataDir);
    await windowUp(first);
    const second = start(layout, dataDir);
    expect((await second.exited).code).toBe(0);
    expect(second.reports.some((r) => r.kind === 'window-created')).toBe(false);
    expect(second.reports.some((r) => r.kind === 'sqlite-opened')).toBe(false);
    await first.waitFor('second-instance');
    await first.waitFor('window-show');
    await first.command('quit');
    await endedCleanly(first);
  });
});
