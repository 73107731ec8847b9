import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { FollowingClock } from '../../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { startAppServices } from '../../../src/main/services/app-services';
import type { DemoJobProgress, DemoJobResult, SandboxResetView } from '../../../src/shared/contract/sandbox';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

const DAY = 86_400_000;

describe('sandbox reset and demo data from the window', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A first run: the embedded sandbox and its two accounts, as the app starts them. */
  async function firstRun(): Promise<{ ctx: AppContext; dispatch: Dispatch; clock: FollowingClock; secrets: MemorySecretStore }> {
    const temp = makeTempDir();
    const clock = new FollowingClock();
    const secrets = new MemorySecretStore();
    const ctx = await createAppContext({ dataDir: temp.dir, secrets, version: 'test', clock, embeddedSandbox: { tickMs: 0 } });
    const stop = await startAppServices(ctx, { backupCheckMs: 0, events: { listenerPort: 0, poller: false } });
    cleanups.push(temp.cleanup, () => ctx.close(), stop);
    return { ctx, dispatch: createDispatcher(createHandlers(ctx)), clock, secrets };
  }

  async function ok<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
    const result = await promise;
    if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
    return result.value as T;
  }

  it('starts the sandbox over: fresh accounts on a wiped upstream, old services marked gone, time kept, history kept', async () => {
    const { ctx, dispatch, secrets } = await firstRun();
    const before = ctx.accounts.list().filter((a) => a.isSandbox);
    const psx = before.find((a) => a.provider === 'proxies-sx')!;
    // A customer with a port bought on the sandbox's Proxies.sx account.
    const customer = ctx.customers.create({ email: 'ada@example.com', name: 'Ada Novak', portSlotQuota: 2 });
    ctx.money.recordPayment({ customerId: customer.id, amount: 50_000, method: 'card' });
    const port = await ctx.proxies.create({ accountId: psx.id, customerId: customer.id, country: 'US', days: 30, exclusive: false, isPrivate: false, confirmBelowCost: false });
    await ctx.sandbox.advance(2 * DAY);
    const timeBefore = ctx.sandbox.running()!.clock.now();
    const salesBefore = ctx.ledger.sqlite.prepare('SELECT count(*) FROM sales').pluck().get();

    // Without the confirmation nothing happens.
    expect(await dispatch('sandbox:reset', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'confirm' } });
    expect(ctx.accounts.list().filter((a) => a.isSandbox).map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());

    const reset = await ok<SandboxResetView>(dispatch('sandbox:reset', { confirm: true }));
    expect(reset.running).toBe(true);
    expect(reset.servicesEnded).toBe(1);
    expect(reset.accounts.map((a) => a.name).sort()).toEqual(['Sandbox · Proxies.sx', 'Sandbox · Whozex']);
    // Fresh accounts replace the old ones, which are gone from the list and from the keychain.
    const after = ctx.accounts.list().filter((a) => a.isSandbox);
    expect(after).toHaveLength(2);
    for (const old of before) expect(after.some((a) => a.id === old.id)).toBe(false);
    expect((await secrets.list()).length).toBe(2);
    // Sandbox time never runs backwards: the books are dated by it.
    expect(ctx.sandbox.running()!.clock.now()).toBeGreaterThanOrEqual(timeBefore);
    // The wiped upstream has no ports; the app's port is marked gone, with the reason on record.
    const freshPsx = after.find((a) => a.provider === 'proxies-sx')!;
    const upstreamPorts = await ctx.providers.forAccount(freshPsx.id).listPorts({ limit: 50 });
    expect(upstreamPorts.items).toHaveLength(0);
    const service = ctx.ledger.sqlite.prepare('SELECT status FROM services WHERE id = ?').get(port.port.serviceId) as { status: string };
    expect(service.status).toBe('missing_upstream');
    const events = ctx.ledger.sqlite.prepare("SELECT account_id, details FROM sync_events WHERE kind = 'sandbox_reset'").all() as { account_id: string; details: string }[];
    expect(events.map((e) => e.account_id).sort()).toEqual(before.map((a) => a.id).sort());
    // History stays: the sale and the customer's money are untouched.
    expect(ctx.ledger.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(salesBefore);
    // The fresh accounts work against the fresh upstream.
    const account = await ctx.providers.forAccount(freshPsx.id).getAccount();
    expect(account.balance).toBeGreaterThan(0);
  });

  it('fills empty books with a demo business over past months, with progress, then follows today again', async () => {
    const { ctx, dispatch } = await firstRun();
    const progress: DemoJobProgress[] = [];
    const unsubscribe = ctx.bus.subscribe((name, payload) => {
      if (name === 'event:demo-progress') progress.push(payload as DemoJobProgress);
    });
    cleanups.push(unsubscribe);
    const started = Date.now();
    const result = await ok<DemoJobResult>(dispatch('demo:start', { customers: 6, months: 1, jobId: 'demo-1' }));
    expect(result.state).toBe('done');
    expect(result.customers).toBe(6);
    expect(result.sales).toBeGreaterThan(0);
    expect(result.revenue).toBeGreaterThan(0);
    expect(result.operations.pending).toBe(0);
    // The history starts a month back and the books were dated inside it.
    expect(Date.parse(result.from)).toBeLessThan(started - 25 * DAY);
    const oldest = ctx.ledger.sqlite.prepare('SELECT min(occurred_at) FROM transactions').pluck().get() as string;
    expect(Date.parse(oldest)).toBeLessThan(started - 25 * DAY);
    // Afterwards the sandbox and the app's clock are back on today.
    expect(Math.abs(ctx.clock.now().getTime() - Date.now())).toBeLessThan(DAY);
    expect(ctx.sandbox.running()!.clock.now()).toBeGreaterThanOrEqual(started);
    // Progress went up step by step to the end.
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((p) => p.jobId === 'demo-1')).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    expect(progress.at(-1)).toMatchObject({ state: 'done' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    // The books now hold customers: a second demo is refused and changes nothing.
    const count = ctx.ledger.sqlite.prepare('SELECT count(*) FROM transactions').pluck().get();
    expect(await dispatch('demo:start', { customers: 3, months: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ctx.ledger.sqlite.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(count);
  });

  it('stops a demo on cancel, keeps what it made, refuses clock moves meanwhile and releases time', async () => {
    const { ctx, dispatch } = await firstRun();
    let cancelAnswer: unknown;
    let advanceAnswer: unknown;
    const unsubscribe = ctx.bus.subscribe((name, payload) => {
      const p = payload as DemoJobProgress;
      if (name === 'event:demo-progress' && p.state === 'running' && p.done === 4 && cancelAnswer === undefined) {
        cancelAnswer = 'pending';
        void dispatch('sandbox:advance-clock', { days: 1 }).then((r) => (advanceAnswer = r));
        void dispatch('demo:cancel', { jobId: 'demo-2' }).then((r) => (cancelAnswer = r));
      }
    });
    cleanups.push(unsubscribe);
    const result = await ok<DemoJobResult>(dispatch('demo:start', { customers: 5, months: 2, jobId: 'demo-2' }));
    expect(cancelAnswer).toEqual({ ok: true, value: { cancelled: true } });
    expect(advanceAnswer).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(result.state).toBe('cancelled');
    expect(result.customers).toBe(5);
    expect(result.operations.pending).toBe(0);
    expect(Math.abs(ctx.clock.now().getTime() - Date.now())).toBeLessThan(DAY);
    // Nothing is running any more: cancelling again does nothing.
    expect(await dispatch('demo:cancel', { jobId: 'demo-2' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
