import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../src/main/providers';
import type { Provider } from '../../../src/main/providers/types';
import { insertPending } from '../../../src/main/services/operations/operation-store';
import { topUpKind } from '../../../src/main/services/topups/balance-kinds';
import { AppError } from '../../../src/shared/errors';
import type { OperationPage } from '../../../src/shared/contract/operations';
import type { PortResult } from '../../../src/shared/contract/proxies';
import { createOpsHarness, ledgerAccounts as A, psxPortIds, psxResellerBalance, type OpsHarness } from './harness';

let h: OpsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const topUps = (x: OpsHarness) => x.sandbox.proxiesSx.db.prepare("SELECT count(*) FROM psx_transactions WHERE type = 'topup'").pluck().get() as number;

describe('the operations journal', () => {
  it('settles a lost answer from the customer list, without a resend the upstream might have refused or doubled', async () => {
    // The first top-up reaches the upstream but its answer is "lost"; a resend would be rate-limited.
    let calls = 0;
    const factory = (kind: 'proxies-sx' | 'whozex', options: Parameters<typeof createProvider>[1]): Provider => {
      const real = createProvider(kind, options);
      return new Proxy(real, {
        get(target, prop, receiver) {
          if (prop !== 'topUpCustomer') return Reflect.get(target, prop, receiver);
          return async (...args: Parameters<Provider['topUpCustomer']>) => {
            calls++;
            if (calls === 2) {
              await target.topUpCustomer(...args);
              throw new AppError('UPSTREAM_OUTCOME_UNKNOWN', 'the connection dropped');
            }
            if (calls === 3) throw new AppError('RATE_LIMITED', 'slow down', { details: { status: 429 } });
            return target.topUpCustomer(...args);
          };
        },
      });
    };
    h = await createOpsHarness({ providerFactory: factory });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const kim = await h.customer({ email: 'kim@example.com', name: 'Kim' });
    await h.call('money:top-up', { customerId: kim.id, accountId: psx.id, amount: 500 });
    await h.call('money:top-up', { customerId: kim.id, accountId: psx.id, amount: 2_500 });
    // Looked up, not resent: one top-up upstream, posted once.
    expect(calls).toBe(2);
    expect(topUps(h)).toBe(2);
    expect(h.ledger(A.upstream(psx.id))).toBe(47_000);
    expect(psxResellerBalance(h.sandbox)).toBe(47_000);
    expect(h.ledger(A.upstreamSub(psx.id, kim.id))).toBe(3_000);
    expect((await h.call<OperationPage>('operations:list', { status: 'pending' })).total).toBe(0);
  });

  it('fails an operation the upstream refuses, posting nothing', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const lee = await h.customer({ email: 'lee@example.com', name: 'Lee' });
    const error = await h.refuse('money:top-up', { customerId: lee.id, accountId: psx.id, amount: 1_000_000 });
    expect(error.code).toBe('INSUFFICIENT_BALANCE');
    const failed = await h.call<OperationPage>('operations:list', { status: 'failed' });
    expect(failed.items).toMatchObject([{ kind: 'balance.top-up', errorCode: 'INSUFFICIENT_BALANCE' }]);
    expect(h.ctx.ledger.sqlite.prepare("SELECT count(*) FROM transactions WHERE kind = 'topup'").pluck().get()).toBe(0);
  });

  it('at start-up completes an operation a crashed process had sent, found in the port list, with no second port', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const mia = await h.customer({ email: 'mia@example.com', name: 'Mia', portSlotQuota: 2 });
    // A first port links Mia upstream; then a "crashed" process leaves a pending creation that reached the upstream.
    const first = await h.call<PortResult>('proxies:create', { accountId: psx.id, customerId: mia.id, country: 'DE', days: 5 });
    const link = h.ctx.ledger.sqlite.prepare('SELECT upstream_id FROM customer_links WHERE customer_id = ?').pluck().get(mia.id) as string;
    const countryId = JSON.parse(h.ctx.ledger.sqlite.prepare('SELECT details FROM services WHERE id = ?').pluck().get(first.port.serviceId) as string).countryId as string;
    const request = {
      upstreamCustomerId: link,
      countryId,
      cityId: null,
      carrierId: null,
      days: 10,
      exclusive: false,
      isPrivate: false,
      country: 'DE',
      city: null,
      carrier: null,
      agreed: { product: 'port', saleProduct: 'port:shared', quantity: 10, country: 'DE', quotedCost: 2_000, quotedPrice: 2_400 },
    };
    const op = insertPending(h.ctx.ledger.sqlite, { kind: 'port.create', accountId: psx.id, customerId: mia.id, request }, h.clock.now());
    await h.ctx.providers
      .forAccount(psx.id)
      .createPort({ customerId: link, countryId, days: 10, exclusive: false, isPrivate: false }, { idempotencyKey: op.idempotencyKey });
    expect(psxPortIds(h.sandbox)).toHaveLength(2);
    expect(h.ledger(A.upstream(psx.id))).toBe(50_000 - 1_000);

    const summary = await h.ctx.operations.reconcilePending();
    expect(summary).toEqual({ checked: 1, completed: 1, failed: 0, stillPending: 0 });
    expect(psxPortIds(h.sandbox)).toHaveLength(2);
    expect(h.ctx.ledger.sqlite.prepare("SELECT upstream_id FROM services WHERE kind = 'port' ORDER BY upstream_id").pluck().all()).toEqual(psxPortIds(h.sandbox));
    expect(h.ledger(A.upstream(psx.id))).toBe(psxResellerBalance(h.sandbox));
    expect(h.ctx.ledger.sqlite.prepare('SELECT price FROM sales ORDER BY occurred_at DESC, rowid DESC LIMIT 1').pluck().get()).toBe(2_400);
  });

  it('a pending top-up with nothing to compare against (no balance read before it) waits for review; the reseller settles each', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const ned = await h.customer({ email: 'ned@example.com', name: 'Ned' });
    await h.call('money:top-up', { customerId: ned.id, accountId: psx.id, amount: 100 });
    const upstreamId = h.ctx.ledger.sqlite.prepare('SELECT upstream_id FROM customer_links WHERE customer_id = ?').pluck().get(ned.id) as string;
    const request = { upstreamCustomerId: upstreamId, amount: 700, note: null, recordAsPayment: false, method: null, reference: null };
    // Rows as a version before issue 15 left them (no baseline): one sent, one lost before sending.
    const sent = insertPending(h.ctx.ledger.sqlite, { kind: 'balance.top-up', accountId: psx.id, customerId: ned.id, request }, h.clock.now());
    const lost = insertPending(h.ctx.ledger.sqlite, { kind: 'balance.top-up', accountId: psx.id, customerId: ned.id, request: { ...request, amount: 900 } }, h.clock.now());
    await topUpKind.execute(h.ctx.providers.forAccount(psx.id), request, { idempotencyKey: sent.idempotencyKey });
    const summary = await h.ctx.operations.reconcilePending();
    // Never resent on a guess: both wait for the reseller.
    expect(summary).toEqual({ checked: 2, completed: 0, failed: 0, stillPending: 2 });
    expect(topUps(h)).toBe(2);
    const review = await h.call<OperationPage>('operations:list', { status: 'pending' });
    expect(review.items.map((o) => o.errorCode)).toEqual(['NEEDS_REVIEW', 'NEEDS_REVIEW']);
    // A sweep leaves them alone; the reseller settles them.
    expect(await h.ctx.operations.reconcilePending()).toEqual({ checked: 0, completed: 0, failed: 0, stillPending: 0 });
    await h.call('operations:settle', { operationId: sent.id, landed: true });
    await h.call('operations:settle', { operationId: lost.id, landed: false });
    expect(h.ctx.ledger.sqlite.prepare('SELECT status FROM operations WHERE id = ?').pluck().get(sent.id)).toBe('completed');
    expect(h.ctx.ledger.sqlite.prepare('SELECT status FROM operations WHERE id = ?').pluck().get(lost.id)).toBe('failed');
    expect(topUps(h)).toBe(2);
    expect(h.ledger(A.upstream(psx.id))).toBe(psxResellerBalance(h.sandbox));
    expect(h.ledger(A.upstreamSub(psx.id, ned.id))).toBe(800);
  });
});
