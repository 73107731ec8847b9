import { afterEach, describe, expect, it } from 'vitest';
import type { BalanceMoveResult } from '../../../src/shared/contract/operations';
import type { PackagePage, PackageQuote, PackageResult, PackageView, UsageSeries } from '../../../src/shared/contract/packages';
import type { FormattedCredentials } from '../../../src/shared/contract/proxies';
import { createOpsHarness, ledgerAccounts as A, type OpsHarness } from '../operations/harness';

let h: OpsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const wzxReseller = (x: OpsHarness) => x.sandbox.whozex.db.prepare('SELECT balance_cents FROM wzx_resellers LIMIT 1').pluck().get() as number;
const wzxUser = (x: OpsHarness, email: string) => x.sandbox.whozex.db.prepare('SELECT balance_cents FROM wzx_users WHERE email = ?').pluck().get(email) as number;

describe('Whozex packages through the operations journal', () => {
  it('quotes, tops the sub-user up, buys, adds GB, and posts cost and sale for each', async () => {
    h = await createOpsHarness();
    const wzx = await h.addAccount('whozex', { deposit: 15_000 });
    await h.call('pricing:update', { mode: 'margin', traffic: { marginPercent: '50' } });
    const fay = await h.customer({ email: 'fay@example.com', name: 'Fay' });

    const q = await h.call<PackageQuote>('packages:quote', { accountId: wzx.id, gb: 20, customerId: fay.id });
    // VIP custom price $0.90/GB: 20 GB cost $18.00; +50 % → $27.00.
    expect(q).toMatchObject({ cost: 1_800, price: 2_700, margin: 900, upstreamRateMicros: 900_000, subBalance: null, topUpNeeded: 1_800 });

    const bought = await h.call<PackageResult>('packages:create', { accountId: wzx.id, customerId: fay.id, gb: 20 });
    expect(bought.topUp).toMatchObject({ amount: 1_800 });
    expect(bought.sale).toMatchObject({ cost: 1_800, price: 2_700, margin: 900, toReceivable: 2_700 });
    expect(bought.package).toMatchObject({ totalGbMilli: 20_000, usedGbMilli: 0, proxyType: 'residential', status: 'active' });
    expect(h.ledger(A.upstream(wzx.id))).toBe(13_200);
    expect(wzxReseller(h)).toBe(13_200);
    expect(h.ledger(A.upstreamSub(wzx.id, fay.id))).toBe(0);
    expect(wzxUser(h, 'fay@example.com')).toBe(0);
    expect(h.ledger(A.cost(wzx.id))).toBe(1_800);

    const more = await h.call<PackageResult>('packages:add-gb', { serviceId: bought.package.serviceId, gb: 10 });
    expect(more.topUp).toMatchObject({ amount: 900 });
    expect(more.sale).toMatchObject({ cost: 900, price: 1_350 });
    expect(more.package.totalGbMilli).toBe(30_000);
    expect(h.ledger(A.upstream(wzx.id))).toBe(12_300);
    expect(wzxReseller(h)).toBe(12_300);
    expect(h.ledger(A.cost(wzx.id))).toBe(2_700);
    expect(-h.ledger(A.revenue)).toBe(4_050);
    const sales = h.ctx.ledger.sqlite.prepare('SELECT product, quantity, unit, cost, price FROM sales ORDER BY occurred_at, rowid').all();
    expect(sales).toEqual([
      { product: 'package:residential', quantity: 20, unit: 'GB', cost: 1_800, price: 2_700 },
      { product: 'package:residential', quantity: 10, unit: 'GB', cost: 900, price: 1_350 },
    ]);

    // Live GB after two days of simulated use; usage history for charts.
    h.advance(2 * 86_400_000);
    const live = await h.call<PackageView>('packages:refresh', { serviceId: bought.package.serviceId });
    expect(live.usedGbMilli).toBeGreaterThan(0);
    expect(live.remainingGbMilli).toBe(30_000 - live.usedGbMilli);
    const usage = await h.call<UsageSeries>('packages:usage', { serviceId: bought.package.serviceId, duration: '7d', granularity: 'day' });
    expect(usage.points.length).toBeGreaterThan(0);

    const creds = await h.call<FormattedCredentials>('credentials:format', { serviceIds: [bought.package.serviceId], format: 'http-url', country: 'TR', city: 'Istanbul' });
    expect(creds.text).toMatch(/^http:\/\/[^:]+:[^@]+country-TR[^@]*@rp\.evomi\.com:1000$/);

    const list = await h.call<PackagePage>('packages:list', { customerId: fay.id });
    expect(list.total).toBe(1);
  });

  it('refuses without a top-up when asked not to top up, before buying; top-up and deduct move the sub-balance', async () => {
    h = await createOpsHarness();
    const wzx = await h.addAccount('whozex', { deposit: 15_000 });
    const gus = await h.customer({ email: 'gus@example.com', name: 'Gus' });
    const added = await h.call<BalanceMoveResult>('money:top-up', { customerId: gus.id, accountId: wzx.id, amount: 5_000 });
    expect(added).toMatchObject({ upstreamCustomerBalance: 5_000, upstreamResellerBalance: 10_000, ledgerSubBalance: 5_000 });
    const back = await h.call<BalanceMoveResult>('money:deduct', { customerId: gus.id, accountId: wzx.id, amount: 2_000 });
    expect(back).toMatchObject({ upstreamCustomerBalance: 3_000, upstreamResellerBalance: 12_000, ledgerSubBalance: 3_000 });
    expect(h.ledger(A.upstream(wzx.id))).toBe(12_000);
    expect(wzxUser(h, 'gus@example.com')).toBe(3_000);

    const purchases = () => h!.sandbox.whozex.db.prepare("SELECT count(*) FROM wzx_transactions WHERE type = 'purchase'").pluck().get() as number;
    const error = await h.refuse('packages:create', { accountId: wzx.id, customerId: gus.id, gb: 50, topUpIfNeeded: false });
    expect(error.code).toBe('INSUFFICIENT_BALANCE');
    expect(error.details).toMatchObject({ balance: 3_000, required: 4_500, shortfall: 1_500 });
    expect(purchases()).toBe(0);
    expect((await h.refuse('money:deduct', { customerId: gus.id, accountId: wzx.id, amount: 5_000 })).code).toBe('INSUFFICIENT_BALANCE');
  });
});
