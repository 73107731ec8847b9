import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { FollowingClock } from '../../../src/main/clock';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { startAppServices } from '../../../src/main/services/app-services';
import { listBackups } from '../../../src/main/services/backup/backup-service';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

describe('app background services', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(dataDir: string, secrets: MemorySecretStore): Promise<{ ctx: AppContext; stop: () => Promise<void> | void; clock: FollowingClock }> {
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
});
