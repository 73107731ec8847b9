import { afterEach, describe, expect, it } from 'vitest';
import type { PackageResult } from '../../../src/shared/contract/packages';
import type { StatementPage, WhozexInsights } from '../../../src/shared/contract/upstream-reports';
import { startSandbox } from '../../../src/main/sandbox';
import { createOpsHarness, type OpsHarness } from '../operations/harness';

/**
 * The upstreams' documented reads beside the books (issue 15, item 6): Whozex account
 * stats and analytics read live, and each account's synced statement with the journal
 * transaction each line matches. Real HTTP to the sandbox, real SQLite.
 */

let h: OpsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const DAY = 86_400_000;

async function wzx(x: OpsHarness, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${x.sandbox.whozex.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${x.sandbox.whozex.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { data: Record<string, unknown> };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

/** A Whozex business: a package bought, three days later 10 GB added. */
async function whozexBusiness(x: OpsHarness) {
  const account = await x.addAccount('whozex', { deposit: 15_000 });
  await x.call('pricing:update', { mode: 'margin', traffic: { marginPercent: '50' } });
  const fay = await x.customer({ email: 'fay@example.com', name: 'Fay' });
  const bought = await x.call<PackageResult>('packages:create', { accountId: account.id, customerId: fay.id, gb: 20 });
  const firstDay = x.clock.now().toISOString().slice(0, 10);
  x.advance(3 * DAY);
  await x.call<PackageResult>('packages:add-gb', { serviceId: bought.package.serviceId, gb: 10 });
  return { account, fay, firstDay };
}

/** After a first sync, $50.00 given to Fay outside the app (the upstream's own dashboard); then a sync reads it. */
async function outsideTopUp(x: OpsHarness, accountId: string): Promise<void> {
  await x.call('sync:run', { accountId });
  x.advance(60_000);
  const found = (await wzx(x, 'GET', '/users?search=fay')) as { users: { id: string }[] };
  await wzx(x, 'POST', `/users/${found.users[0]!.id}/balance`, { action: 'add', amount: 50 });
  await x.call('sync:run', { accountId });
}

describe('upstream statement beside the books', () => {
  it('lists the synced Whozex statement newest first, each line with its journal transaction or "not in your books"', async () => {
    h = await createOpsHarness();
    const { account, fay } = await whozexBusiness(h);

    const before = await h.call<StatementPage>('upstream-reports:statement', { accountId: account.id });
    expect(before).toMatchObject({ availability: 'never-synced', documented: true, items: [], total: 0 });
    expect(before.notice).toMatch(/sync this account/i);

    await outsideTopUp(h, account.id);
    const page = await h.call<StatementPage>('upstream-reports:statement', { accountId: account.id });
    expect(page).toMatchObject({ availability: 'synced', documented: true, notice: null, total: 6 });
    expect(page.lastSyncedAt).not.toBeNull();
    expect(page.types).toEqual(expect.arrayContaining(['deposit', 'purchase', 'add_gb', 'balance_add']));
    const lines = page.items.map((l) => ({ type: l.type, amount: l.amount, books: l.books.status, kind: l.books.status === 'matched' ? l.books.kind : null }));
    expect(lines).toEqual([
      { type: 'balance_add', amount: 5_000, books: 'missing', kind: null }, // made outside the app
      { type: 'add_gb', amount: 900, books: 'matched', kind: 'sale' },
      { type: 'balance_add', amount: 900, books: 'matched', kind: 'topup' },
      { type: 'purchase', amount: 1_800, books: 'matched', kind: 'sale' },
      { type: 'balance_add', amount: 1_800, books: 'matched', kind: 'topup' },
      { type: 'deposit', amount: 15_000, books: 'matched', kind: 'deposit' },
    ]);
    // Each journal transaction answers for one line only.
    const matched = page.items.flatMap((l) => (l.books.status === 'matched' ? [l.books.transactionId] : []));
    expect(new Set(matched).size).toBe(matched.length);
    // The purchase's sale is the package.create one, not the add-GB sale of the same customer.
    const purchase = page.items.find((l) => l.type === 'purchase')!;
    const sale = h.ctx.ledger.sqlite
      .prepare("SELECT t.id FROM transactions t JOIN operations o ON o.id = t.operation_id WHERE o.kind = 'package.create' AND t.kind = 'sale'")
      .pluck()
      .get();
    expect(purchase.books).toMatchObject({ status: 'matched', transactionId: sale });
    expect(purchase.customer).toEqual({ id: fay.id, name: 'Fay' });
  });

  it('filters by type and by date range, and pages', async () => {
    h = await createOpsHarness();
    const { account, firstDay } = await whozexBusiness(h);
    await outsideTopUp(h, account.id);
    const q = (extra: Record<string, unknown>) => h!.call<StatementPage>('upstream-reports:statement', { accountId: account.id, ...extra });

    const purchases = await q({ type: 'purchase' });
    expect(purchases.total).toBe(1);
    expect(purchases.items.map((l) => l.type)).toEqual(['purchase']);
    expect((await q({ type: 'add_gb' })).items.map((l) => l.amount)).toEqual([900]);

    // The first day only: the deposit, the first top-up and the purchase (the rest came three days later).
    const firstDayOnly = await q({ from: firstDay, to: firstDay });
    expect(firstDayOnly.items.map((l) => l.type)).toEqual(['purchase', 'balance_add', 'deposit']);
    const later = await q({ from: new Date(Date.parse(firstDay) + DAY).toISOString().slice(0, 10) });
    expect(later.total).toBe(3);

    const second = await q({ limit: 2, offset: 2 });
    expect(second).toMatchObject({ total: 6, limit: 2, offset: 2 });
    expect(second.items.map((l) => l.type)).toEqual(['balance_add', 'purchase']);

    const bad = await h.refuse('upstream-reports:statement', { accountId: account.id, from: '2026-02-10', to: '2026-02-01' });
    expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
    expect(bad.message).toMatch(/"from" date is after/);
    const unknown = await h.refuse('upstream-reports:statement', { accountId: 'no-such-account' });
    expect(unknown.code).toBe('NOT_FOUND');
  });

  it('says Proxies.sx documents no statement API when none was synced', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx');
    const page = await h.call<StatementPage>('upstream-reports:statement', { accountId: psx.id });
    expect(page).toMatchObject({ provider: 'proxies-sx', availability: 'not-documented', documented: false, items: [], total: 0 });
    expect(page.notice).toMatch(/^Proxies\.sx does not document a statement API/);
  });
});

describe('Whozex account statistics and analytics', () => {
  it('reads /account/stats and /analytics/overview with exact cents and milli-GB', async () => {
    h = await createOpsHarness();
    const { account } = await whozexBusiness(h);
    const r = await h.call<WhozexInsights>('upstream-reports:whozex-insights', { accountId: account.id });
    expect(r.accountName).toBe(account.name);
    if (r.stats.status !== 'ok' || r.overview.status !== 'ok') throw new Error(`reports not read: ${JSON.stringify(r)}`);
    const spent = Object.fromEntries(r.stats.value.spending.map((s) => [s.key, s.amount]));
    expect(spent).toMatchObject({ total_spent: 2_700, packages: 1_800, add_gb: 900 });
    expect(r.stats.value.spending.find((s) => s.key === 'total_spent')?.label).toBe('Total spent');
    const residential = r.stats.value.gbByProxyType.find((g) => g.proxyType === 'residential');
    expect(residential).toMatchObject({ packages: 1, totalGbMilli: 30_000 });
    expect(r.stats.value.chart).toHaveLength(30);
    expect(r.stats.value.chart.reduce((sum, d) => sum + (d.spent ?? 0), 0)).toBe(2_700);
    expect(r.stats.value.balance).toBe(15_000 - 2_700);

    expect(r.overview.value.users.total).toBe(1);
    expect(r.overview.value.packages.total).toBe(1);
    expect(r.overview.value.spending.find((s) => s.key === 'total')?.amount).toBe(2_700);
    expect(r.overview.value.chart).toHaveLength(30);
  });

  it('says the upstream is unreachable when it does not answer, and refuses a Proxies.sx account', async () => {
    const sandbox = await startSandbox({ autoDeliverWebhooks: false, rateLimit: { perSecond: 10_000, burst: 10_000 } });
    h = await createOpsHarness({ sandboxInstance: sandbox, retries: 0 });
    const account = await h.addAccount('whozex');
    const psx = await h.addAccount('proxies-sx');
    await sandbox.close();
    const r = await h.call<WhozexInsights>('upstream-reports:whozex-insights', { accountId: account.id });
    expect(r.stats).toMatchObject({ status: 'unreachable' });
    expect(r.overview).toMatchObject({ status: 'unreachable' });
    if (r.stats.status === 'unreachable') expect(r.stats.message).toMatch(/could not be reached/);

    const refused = await h.refuse('upstream-reports:whozex-insights', { accountId: psx.id });
    expect(refused.code).toBe('UNSUPPORTED');
  });
});
