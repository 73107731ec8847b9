import { afterEach, describe, expect, it } from 'vitest';
import type { BalanceMoveResult, OperationPage } from '../../../src/shared/contract/operations';
import type { PortResult, ProxyQuote } from '../../../src/shared/contract/proxies';
import { createOpsHarness, ledgerAccounts as A, psxResellerBalance, type OpsHarness } from './harness';

let h: OpsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe("the seed's money flow through the services (real HTTP to the sandbox)", () => {
  it('balance 500 → top-up 100 → 400 → 30-day $2 port at 25 % → 340; cost 60.00, price 75.00, profit 15.00', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    await h.call('pricing:update', { mode: 'margin', port: { marginPercent: '25' } });
    const ann = await h.customer({ email: 'ann@example.com', name: 'Ann', portSlotQuota: 3 });
    expect(h.ledger(A.upstream(psx.id))).toBe(50_000);

    const top = await h.call<BalanceMoveResult>('money:top-up', { customerId: ann.id, accountId: psx.id, amount: 10_000, recordAsPayment: true, method: 'bank' });
    expect(top.upstreamResellerBalance).toBe(40_000);
    expect(top.upstreamCustomerBalance).toBe(10_000);
    expect(h.ledger(A.upstream(psx.id))).toBe(40_000);
    expect(h.ledger(A.upstreamSub(psx.id, ann.id))).toBe(10_000);
    expect(psxResellerBalance(h.sandbox)).toBe(40_000);
    // Recorded as a payment received: the customer has $100 of credit with the reseller.
    expect(top.customer.credit).toBe(10_000);
    expect(top.paymentTransactionId).toBeTruthy();

    const quote = await h.call<ProxyQuote>('proxies:quote', { country: 'DE', days: 30, customerId: ann.id });
    expect(quote).toMatchObject({ cost: 6_000, price: 7_500, margin: 1_500, baseRateMicros: 2_000_000, quota: { used: 0, allocated: 3 } });

    const created = await h.call<PortResult>('proxies:create', { accountId: psx.id, customerId: ann.id, country: 'DE', city: 'Berlin', days: 30 });
    expect(created.sale).toMatchObject({ cost: 6_000, price: 7_500, margin: 1_500, fromCredit: 7_500, toReceivable: 0 });
    expect(created.port).toMatchObject({ status: 'active', country: 'DE', city: 'Berlin', isPrivate: false, daysLeft: expect.any(Number) });
    expect(created.port.connection.host).toBeTruthy();
    expect(h.ledger(A.upstream(psx.id))).toBe(34_000);
    expect(psxResellerBalance(h.sandbox)).toBe(34_000);
    expect(h.ledger(A.cost(psx.id))).toBe(6_000);
    expect(-h.ledger(A.revenue)).toBe(7_500);
    expect(-h.ledger(A.revenue) - h.ledger(A.cost(psx.id))).toBe(1_500);

    // One sales row with the numbers a profit report reads.
    const sale = h.ctx.ledger.sqlite.prepare('SELECT product, country, quantity, unit, cost, price, service_id FROM sales').all();
    expect(sale).toEqual([{ product: 'port:shared', country: 'DE', quantity: 30, unit: 'day', cost: 6_000, price: 7_500, service_id: created.port.serviceId }]);
    // Nothing left pending; the link to the upstream customer was made on first use.
    const ops = await h.call<OperationPage>('operations:list', { status: 'completed' });
    expect(ops.items.map((o) => o.kind).sort()).toEqual(['balance.top-up', 'customer.create', 'port.create']);
    expect((await h.call<OperationPage>('operations:list')).total).toBe(0);
    // The event inbox has the fact, under the key a webhook for the same port would carry.
    const inbox = h.ctx.ledger.sqlite.prepare("SELECT source, type, subject FROM event_inbox WHERE type = 'port.created'").all();
    expect(inbox).toEqual([{ source: 'local', type: 'port.created', subject: `port:${created.port.upstreamId}` }]);
  });

  it('refuses a port beyond the quota before any upstream request, with the numbers', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const bob = await h.customer({ email: 'bob@example.com', name: 'Bob', portSlotQuota: 1 });
    await h.call('proxies:create', { accountId: psx.id, customerId: bob.id, country: 'US', days: 1 });
    const before = h.requests.count;
    const error = await h.refuse('proxies:create', { accountId: psx.id, customerId: bob.id, country: 'US', days: 1 });
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.details).toMatchObject({ used: 1, allocated: 1, requested: 1 });
    expect(error.message).toMatch(/1 of 1 port slots/);
    expect(h.requests.count).toBe(before);
    // A customer with no quota at all is refused the same way.
    const carl = await h.customer({ email: 'carl@example.com', name: 'Carl' });
    expect((await h.refuse('proxies:create', { accountId: psx.id, customerId: carl.id, country: 'US', days: 1 })).code).toBe('QUOTA_EXCEEDED');
    expect(h.requests.count).toBe(before);
  });

  it('refuses a sale below cost unless confirmed, before any upstream request', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    await h.call('pricing:update', { mode: 'fixed', port: { fixedPriceMicros: 1_500_000 }, traffic: { fixedPriceMicros: 1_000_000 } });
    const dan = await h.customer({ email: 'dan@example.com', name: 'Dan', portSlotQuota: 2 });
    const before = h.requests.count;
    const error = await h.refuse('proxies:create', { accountId: psx.id, customerId: dan.id, country: 'US', days: 10 });
    expect(error.code).toBe('BELOW_COST');
    expect(error.details).toMatchObject({ cost: 2_000, price: 1_500 });
    expect(h.requests.count).toBe(before);
    const sold = await h.call<PortResult>('proxies:create', { accountId: psx.id, customerId: dan.id, country: 'US', days: 10, confirmBelowCost: true });
    expect(sold.sale).toMatchObject({ cost: 2_000, price: 1_500, margin: -500, toReceivable: 1_500 });
  });

  it('extends (a sale too) and rotates a port; Whozex-only deduct is refused for Proxies.sx', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const eve = await h.customer({ email: 'eve@example.com', name: 'Eve', portSlotQuota: 1 });
    const created = await h.call<PortResult>('proxies:create', { accountId: psx.id, customerId: eve.id, country: 'GB', days: 7, isPrivate: true });
    expect(created.sale).toMatchObject({ cost: 2_100 });
    const expires = Date.parse(created.port.expiresAt!);
    const extended = await h.call<PortResult>('proxies:extend', { serviceId: created.port.serviceId, days: 3 });
    expect(Date.parse(extended.port.expiresAt!) - expires).toBe(3 * 86_400_000);
    expect(extended.sale).toMatchObject({ cost: 900 });
    expect(h.ledger(A.upstream(psx.id))).toBe(50_000 - 2_100 - 900);
    expect(psxResellerBalance(h.sandbox)).toBe(50_000 - 2_100 - 900);
    const rotated = await h.call<PortResult>('proxies:rotate', { serviceId: created.port.serviceId });
    expect(rotated.sale).toBeNull();
    expect(h.ctx.ledger.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(2);
    const deduct = await h.refuse('money:deduct', { customerId: eve.id, accountId: psx.id, amount: 100 });
    expect(deduct.code).toBe('UNSUPPORTED');
  });
});
