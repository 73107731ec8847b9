import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type DesktopHooks } from '../../../src/main/app-context';
import { resolveDataDir } from '../../../src/main/data-dir';
import { applyPendingDataFolderMove, pendingDataFolderMove } from '../../../src/main/data-location';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

/** Linux layout: the default data folder is $XDG_CONFIG_HOME/Reseller Desk. */
function layout() {
  const temp = makeTempDir();
  const env = { XDG_CONFIG_HOME: join(temp.dir, 'config') } as NodeJS.ProcessEnv;
  const defaultDir = join(temp.dir, 'config', 'Reseller Desk');
  return { temp, env, defaultDir };
}

/** The shell's folder dialog, answering `answer` (what the reseller picks). */
function fakeDesktop() {
  const picker = { answer: null as string | null };
  const desktop: DesktopHooks = { openFolder: async () => {}, chooseFolder: async () => picker.answer, relaunch: () => {} };
  return { picker, desktop };
}

describe('moving the data folder from Settings', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('stages the move, carries it out at the next start, and the books open from the new folder', async () => {
    const { temp, env, defaultDir } = layout();
    cleanups.push(temp.cleanup);
    const secrets = new MemorySecretStore();
    const first = resolveDataDir(env, 'linux', temp.dir);
    expect(first).toBe(defaultDir);
    const { picker, desktop } = fakeDesktop();
    const ctx = await createAppContext({ dataDir: first, secrets, version: 'test', desktop });
    const dispatch = createDispatcher(createHandlers(ctx));
    const ada = ctx.customers.create({ email: 'ada@example.com', name: 'Ada Novak' });
    ctx.money.recordPayment({ customerId: ada.id, amount: 12_345, method: 'card' });
    mkdirSync(join(first, 'session'), { recursive: true });
    writeFileSync(join(first, 'session', 'Cookies'), 'chromium');
    const target = join(temp.dir, 'encrypted-disk', 'Reseller Desk');
    mkdirSync(join(temp.dir, 'encrypted-disk'));

    picker.answer = target;
    expect(await dispatch('data-folder:choose', undefined)).toMatchObject({ ok: true, value: { path: target } });
    const staged = await dispatch('data-folder:move', { path: target, confirm: true });
    expect(staged).toMatchObject({ ok: true, value: { dataDir: first, pendingMove: { target } } });
    // Nothing moves while the app runs: the ledger is still written where it was.
    expect(readdirSync(target)).toEqual([]);
    await ctx.close();

    // The next start.
    const dataDir = applyPendingDataFolderMove(resolveDataDir(env, 'linux', temp.dir), defaultDir, new Date());
    expect(dataDir).toBe(target);
    expect(resolveDataDir(env, 'linux', temp.dir)).toBe(target);
    expect(pendingDataFolderMove(first)).toBeNull();
    expect(existsSync(join(target, 'session'))).toBe(false); // Chromium's profile is recreated, not copied
    // The old ledger stays as a copy under a name nothing opens.
    expect(existsSync(join(first, 'ledger.sqlite3'))).toBe(false);
    expect(readdirSync(first).some((n) => n.startsWith('ledger.sqlite3.moved-'))).toBe(true);

    const moved = await createAppContext({ dataDir, secrets, version: 'test' });
    cleanups.push(() => moved.close());
    expect(moved.customers.get(ada.id).name).toBe('Ada Novak');
    const balance = moved.ledger.sqlite.prepare('SELECT credit FROM customer_balances WHERE customer_id = ?').pluck().get(ada.id);
    expect(balance).toBe(12_345);
    // RESELLER_DESK_DATA_DIR still wins over the recorded folder.
    expect(resolveDataDir({ ...env, RESELLER_DESK_DATA_DIR: '/elsewhere' }, 'linux', temp.dir)).toBe('/elsewhere');
  });

  it('refuses folders that cannot take the data, and stages nothing', async () => {
    const { temp, defaultDir } = layout();
    cleanups.push(temp.cleanup);
    const { picker, desktop } = fakeDesktop();
    const ctx = await createAppContext({ dataDir: defaultDir, secrets: new MemorySecretStore(), version: 'test', desktop });
    cleanups.push(() => ctx.close());
    const dispatch = createDispatcher(createHandlers(ctx));
    const full = join(temp.dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'holiday.jpg'), 'x');
    const cases: [string, RegExp][] = [
      [defaultDir, /already the data folder/],
      [join(defaultDir, 'inside'), /outside the current data folder/],
      [full, /not empty/],
      [join(full, 'holiday.jpg'), /is a file/],
      [join(temp.dir, 'no', 'such', 'parent'), /does not exist/],
    ];
    for (const [path, message] of cases) {
      picker.answer = path;
      await dispatch('data-folder:choose', undefined);
      const result = await dispatch('data-folder:move', { path, confirm: true });
      expect(result, path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'path' } });
      expect((result as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(await dispatch('data-folder:move', { path: join(temp.dir, 'new') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'confirm' } });
    expect(pendingDataFolderMove(defaultDir)).toBeNull();

    // A path the reseller did not pick in the folder dialog is refused, however valid.
    const typed = await dispatch('data-folder:move', { path: join(temp.dir, 'new'), confirm: true });
    expect(typed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'path', message: expect.stringContaining('folder dialog') } });
    expect(pendingDataFolderMove(defaultDir)).toBeNull();
    expect(existsSync(join(temp.dir, 'new'))).toBe(false);

    // A staged move can be called off before the restart.
    picker.answer = join(temp.dir, 'new');
    await dispatch('data-folder:choose', undefined);
    expect(await dispatch('data-folder:move', { path: join(temp.dir, 'new'), confirm: true })).toMatchObject({ ok: true });
    expect(await dispatch('data-folder:cancel-move', undefined)).toMatchObject({ ok: true, value: { pendingMove: null } });
    expect(applyPendingDataFolderMove(defaultDir, defaultDir, new Date())).toBe(defaultDir);
  });

  it('without the desktop shell there is no picker, so no move either, said plainly', async () => {
    const { temp, defaultDir } = layout();
    cleanups.push(temp.cleanup);
    const ctx = await createAppContext({ dataDir: defaultDir, secrets: new MemorySecretStore(), version: 'test' });
    cleanups.push(() => ctx.close());
    const dispatch = createDispatcher(createHandlers(ctx));
    expect(await dispatch('data-folder:choose', undefined)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await dispatch('data-folder:move', { path: join(temp.dir, 'new'), confirm: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch('data-folder:move', { path: 'relative/folder', confirm: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(pendingDataFolderMove(defaultDir)).toBeNull();
  });

  it('cannot be moved from the window when RESELLER_DESK_DATA_DIR sets the folder', async () => {
    const { temp, defaultDir } = layout();
    cleanups.push(temp.cleanup);
    const ctx = await createAppContext({ dataDir: defaultDir, secrets: new MemorySecretStore(), version: 'test', dataDirFromEnv: true });
    cleanups.push(() => ctx.close());
    const result = await createDispatcher(createHandlers(ctx))('data-folder:move', { path: join(temp.dir, 'new'), confirm: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('RESELLER_DESK_DATA_DIR') } });
  });
});
