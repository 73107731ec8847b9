import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { FollowingClock } from '../../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { startSandbox } from '../../../src/main/sandbox';
import { secretNames } from '../../../src/main/secrets/secret-store';
import { startAppServices } from '../../../src/main/services/app-services';
import { insertPending } from '../../../src/main/services/operations/operation-store';
import { insertRegistration } from '../../../src/main/webhooks/endpoints';
import { signProxiesSx } from '../../../src/main/webhooks/signatures';
import type { AccountView } from '../../../src/shared/contract/accounts';
import type { MoneyResult } from '../../../src/shared/contract/money';
import type { SandboxStatus } from '../../../src/shared/contract/sandbox';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';
import { rawRequest } from '../webhooks/support';

const DAY = 86_400_000;
const MINUTE = 60_000;
const SECRET = 'whsec_sandbox_time_test_secret';

/**
 * Sandbox time is a demo tool for books that hold only sandbox accounts. A real account
 * beside the sandbox ones must never see a moved sandbox clock: not in its bookings, not
 * in its webhook signature window, not across a restart (the offset is saved).
 */
describe('sandbox time and a real account side by side', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function open(dataDir: string, secrets: MemorySecretStore): Promise<{ ctx: AppContext; dispatch: Dispatch; clock: FollowingClock; close: () => Promise<void> }> {
    const clock = new FollowingClock();
    const ctx = await createAppContext({ dataDir, secrets, version: 'test', clock, embeddedSandbox: { tickMs: 0 } });
    const stop = await startAppServices(ctx, { backupCheckMs: 0, events: { listenerPort: 0, poller: false } });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await stop();
      await ctx.close();
    };
    cleanups.push(close);
    return { ctx, dispatch: createDispatcher(createHandlers(ctx)), clock, close };
  }

  async function ok<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
    const result = await promise;
    if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
    return result.value as T;
  }

  const nearWall = (iso: string) => Math.abs(Date.parse(iso) - Date.now()) < 5 * MINUTE;

  function occurredAt(ctx: AppContext, transactionId: string): string {
    return ctx.ledger.sqlite.prepare('SELECT occurred_at FROM transactions WHERE id = ?').pluck().get(transactionId) as string;
  }

  /** A Proxies.sx webhook "registered" locally for the account (row + secret), no upstream call. */
  async function withWebhook(ctx: AppContext, accountId: string): Promise<string> {
    await ctx.secrets.set(secretNames.webhookSecret(accountId, 'WH-1'), SECRET);
    insertRegistration(ctx.ledger.sqlite, { account_id: accountId, upstream_id: 'WH-1', url: 'http://127.0.0.1/hooks', events: '[]', created_at: new Date().toISOString() });
    return ctx.webhooks.endpointUrl(accountId)!;
  }

  function delivery(id: string, atMs: number) {
    const body = JSON.stringify({ id, event: 'port.rotated', createdAt: new Date(atMs).toISOString(), data: { port: { _id: 'P1' }, newIp: '2.2.2.2' } });
    return { body, headers: { 'content-type': 'application/json', 'x-proxies-event-id': id, ...signProxiesSx(body, SECRET, Math.floor(atMs / 1000)) } };
  }

  it('books, verifies and keeps a real account on the wall clock after sandbox time was moved, across a restart', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const secrets = new MemorySecretStore();
    let app = await open(temp.dir, secrets);

    // Sandbox-only books: time travel works as before and the app follows it.
    await ok(app.dispatch('sandbox:advance-clock', { days: 30 }));
    expect(app.clock.now().getTime() - Date.now()).toBeGreaterThan(29 * DAY);
    const sandboxPsx = app.ctx.accounts.list().find((a) => a.isSandbox && a.provider === 'proxies-sx')!;

    // A real account: another upstream server, added as the reseller adds one (not a sandbox account).
    const upstream = await startSandbox({ autoDeliverWebhooks: false });
    cleanups.push(() => upstream.close());
    const real = await ok<AccountView>(
      app.dispatch('accounts:add', { provider: 'proxies-sx', name: 'My Proxies.sx', baseUrl: upstream.proxiesSx.baseUrl, apiKey: upstream.proxiesSx.apiKey }),
    );
    expect(real.isSandbox).toBe(false);
    const createdAt = app.ctx.ledger.sqlite.prepare('SELECT created_at FROM provider_accounts WHERE id = ?').pluck().get(real.id) as string;
    expect(nearWall(createdAt)).toBe(true);

    // Its deposit is dated by the wall clock, not 30 days ahead.
    const deposit = await ok<MoneyResult>(app.dispatch('money:deposit', { accountId: real.id, amount: 50_00 }));
    expect(nearWall(occurredAt(app.ctx, deposit.transactionId))).toBe(true);
    // The demo (which starts the sandbox months back) is refused too, before it changes anything.
    const sandboxNow = app.ctx.sandbox.running()!.clock.now();
    const demo = await app.dispatch('demo:start', { customers: 2, months: 1 });
    expect(demo).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(demo)).toContain('My Proxies.sx');
    expect(app.ctx.sandbox.running()!.clock.now()).toBe(sandboxNow);
    expect(app.ctx.accounts.list().filter((a) => a.isSandbox).map((a) => a.id)).toContain(sandboxPsx.id);
    // So is a customer payment (tied to no account) and anything else read from the app clock
    // (operation retry windows, Retry-After, pruning, alerts).
    const customer = await ok<{ id: string }>(app.dispatch('customers:create', { name: 'Real customer', email: 'real.customer@example.com' }));
    const payment = await ok<MoneyResult>(app.dispatch('payments:record', { customerId: customer.id, amount: 20_00, method: 'cash' }));
    expect(nearWall(occurredAt(app.ctx, payment.transactionId))).toBe(true);
    expect(nearWall(app.ctx.clock.now().toISOString())).toBe(true);

    // A real pending operation written a moment ago (wall clock) is inside its retry window:
    // it is tried again with its key, not aged into "needs review" by the moved sandbox clock.
    const realWzx = await ok<AccountView>(
      app.dispatch('accounts:add', { provider: 'whozex', name: 'My Whozex', baseUrl: upstream.whozex.baseUrl, apiKey: upstream.whozex.apiKey }),
    );
    const op = insertPending(
      app.ctx.ledger.sqlite,
      { kind: 'package.create', accountId: realWzx.id, customerId: null, request: { upstreamCustomerId: 'no-such-customer', gb: 1, proxyType: 'residential', agreed: {} } },
      new Date(),
    );
    await app.ctx.operations.reconcileOne(op.id);
    const after = app.ctx.ledger.sqlite.prepare('SELECT status, attempts, error_code FROM operations WHERE id = ?').get(op.id) as { status: string; attempts: number; error_code: string | null };
    expect(after.error_code).not.toBe('NEEDS_REVIEW');

    // A genuine delivery for the real account, signed now, is inside its 5-minute window.
    const realUrl = await withWebhook(app.ctx, real.id);
    const fresh = delivery('evt_real_now', Date.now());
    expect((await rawRequest(realUrl, { headers: fresh.headers, body: fresh.body })).status).toBe(200);
    // The sandbox account keeps its moved time for what its simulated upstream signs.
    const sandboxUrl = await withWebhook(app.ctx, sandboxPsx.id);
    const status = await ok<SandboxStatus>(app.dispatch('sandbox:status', undefined));
    expect(Date.parse(status.now!) - Date.now()).toBeGreaterThan(29 * DAY);
    const simulated = delivery('evt_sandbox_moved', Date.parse(status.now!));
    expect((await rawRequest(sandboxUrl, { headers: simulated.headers, body: simulated.body })).status).toBe(200);

    // Time travel is refused now, with the reason, and changes nothing.
    const refused = await app.dispatch('sandbox:advance-clock', { days: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(refused)).toContain('My Proxies.sx');
    expect((await ok<SandboxStatus>(app.dispatch('sandbox:status', undefined))).now).toBe(status.now);

    // The saved offset does not come back after a restart.
    await app.close();
    app = await open(temp.dir, secrets);
    expect(app.ctx.sandbox.running()).not.toBeNull();
    expect(nearWall(app.clock.now().toISOString())).toBe(true);
    const again = await ok<MoneyResult>(app.dispatch('money:deposit', { accountId: real.id, amount: 10_00 }));
    expect(nearWall(occurredAt(app.ctx, again.transactionId))).toBe(true);

    // "Start the sandbox over" realigns the sandbox with the wall clock (the offset is dropped).
    await ok(app.dispatch('sandbox:reset', { confirm: true }));
    const reset = await ok<SandboxStatus>(app.dispatch('sandbox:status', undefined));
    expect(nearWall(reset.now!)).toBe(true);
  });
});
