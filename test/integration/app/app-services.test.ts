import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { FollowingClock } from '../../../src/main/clock';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { startAppServices } from '../../../src/main/services/app-services';
import { listBackups } from '../../../src/main/services/backup/backup-service';
import { MemorySecretStore } from '../../support/memory-secrets';
import { AppError } from '../../../src/shared/errors';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import { makeTempDir } from '../../support/temp-dir';

describe('app background services', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(dataDir: string, secrets: SecretStore): Promise<{ ctx: AppContext; stop: () => Promise<void> | void; clock: FollowingClock }> {
    const clock = new FollowingClock();
    const ctx = await createAppContext({ dataDir, secrets, version: 'test', clock, embeddedSandbox: { tickMs: 0 } });
    const stop = await startAppServices(ctx, { backupCheckMs: 0, events: { listenerPort: 0, poller: false } });
    return { ctx, stop, clock };
  }

  it('on first run starts the embedded sandbox and adds the two sandbox accounts, usable at once', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const secrets = new MemorySecretStore();
    const { ctx, stop } = await start(temp.dir, secrets);
    cleanups.push(async () => {
      await stop();
      await ctx.close();
    });
    const dispatch = createDispatcher(createHandlers(ctx));
    const list = await dispatch('accounts:list', {});
    expect(list.ok).toBe(true);
    const accounts = (list as { value: { name: string; isSandbox: boolean }[] }).value;
    expect(accounts.map((a) => a.name).sort()).toEqual(['Sandbox · Proxies.sx', 'Sandbox · Whozex']);
    expect(accounts.every((a) => a.isSandbox)).toBe(true);
    // The keys went to the secret store, not the ledger.
    expect((await secrets.list()).length).toBe(2);
    const status = await dispatch('sandbox:status', undefined);
    expect(status).toMatchObject({ ok: true, value: { running: true } });
    // A daily backup was taken at start.
    expect(listBackups(temp.dir).some((b) => b.reason === 'daily')).toBe(true);
  });

  it('moves the app clock with the sandbox clock in demo mode', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const { ctx, stop, clock } = await start(temp.dir, new MemorySecretStore());
    cleanups.push(async () => {
      await stop();
      await ctx.close();
    });
    const dispatch = createDispatcher(createHandlers(ctx));
    const before = clock.now().getTime();
    expect(Math.abs(before - Date.now())).toBeLessThan(60_000); // sandbox time caught up with the wall clock
    const moved = await dispatch('sandbox:advance-clock', { days: 3 });
    expect(moved.ok).toBe(true);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(3 * 24 * 3600 * 1000);
    expect(await dispatch('sandbox:advance-clock', { days: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('does not bring back sandbox accounts the reseller removed, nor start the sandbox for them', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const secrets = new MemorySecretStore();
    let run = await start(temp.dir, secrets);
    const dispatch = createDispatcher(createHandlers(run.ctx));
    const accounts = (await dispatch('accounts:list', {})) as { ok: true; value: { id: string }[] };
    for (const a of accounts.value) expect(await dispatch('accounts:remove', { id: a.id })).toMatchObject({ ok: true });
    await run.stop();
    await run.ctx.close();

    run = await start(temp.dir, secrets);
    cleanups.push(async () => {
      await run.stop();
      await run.ctx.close();
    });
    expect(run.ctx.sandbox.running()).toBeNull();
    const again = (await createDispatcher(createHandlers(run.ctx))('accounts:list', {})) as { ok: true; value: unknown[] };
    expect(again.value).toEqual([]);
  });

  it('starts and works on the sandbox without a system keychain, and refuses a real key with the reason', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const { ctx, stop } = await start(temp.dir, new NoKeychain());
    cleanups.push(async () => {
      await stop();
      await ctx.close();
    });
    const dispatch = createDispatcher(createHandlers(ctx));
    const info = await dispatch('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { keychainAvailable: false } });
    const accounts = (await dispatch('accounts:list', {})) as { ok: true; value: { id: string; name: string }[] };
    expect(accounts.value.map((a) => a.name).sort()).toEqual(['Sandbox · Proxies.sx', 'Sandbox · Whozex']);
    // The sandbox accounts really talk to the sandbox with their (public) keys.
    for (const account of accounts.value) expect(await dispatch('accounts:test', { id: account.id })).toMatchObject({ ok: true });
    // A real account's key has nowhere safe to go: refused, nothing stored.
    // (A key minted by signing in is a new, private key: it is not the sandbox's published one.)
    const psx = ctx.sandbox.running()!.proxiesSx;
    const real = await dispatch('accounts:login-proxies-sx', { email: psx.email, password: psx.password, name: 'Minted key', baseUrl: psx.baseUrl });
    expect(real).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    const after = (await dispatch('accounts:list', {})) as { ok: true; value: unknown[] };
    expect(after.value).toHaveLength(2);
  });

  it('after a restart without a keychain, the sandbox accounts get their keys from the sandbox again', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const first = await start(temp.dir, new NoKeychain());
    await first.stop();
    await first.ctx.close();
    const { ctx, stop } = await start(temp.dir, new NoKeychain());
    cleanups.push(async () => {
      await stop();
      await ctx.close();
    });
    const dispatch = createDispatcher(createHandlers(ctx));
    const accounts = (await dispatch('accounts:list', {})) as { ok: true; value: { id: string }[] };
    expect(accounts.value).toHaveLength(2);
    for (const account of accounts.value) expect(await dispatch('accounts:test', { id: account.id })).toMatchObject({ ok: true });
  });
});

/** A desktop with no usable Secret Service: every keychain call fails as the real store's do. */
class NoKeychain implements SecretStore {
  private fail(): never {
    throw new AppError('KEYCHAIN_UNAVAILABLE', 'The system keychain is not available.');
  }
  async set(): Promise<void> {
    this.fail();
  }
  async get(): Promise<string | null> {
    this.fail();
  }
  async delete(): Promise<boolean> {
    this.fail();
  }
  async list(): Promise<string[]> {
    this.fail();
  }
}
