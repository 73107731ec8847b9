import { ensureSandboxAccounts } from '../../src/main/services/accounts/sandbox-accounts';
import { recordSale } from '../../src/main/services/money/sales';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';

const DAY = 86_400_000;

/** Every amount on the chart's money axis, as drawn. */
async function axisTicks(page: Page): Promise<string[]> {
  const ticks = page.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks.first()).toBeVisible();
  return ticks.allTextContents();
}

test('only sandbox sales: the chart shows them badged as sandbox, the real figures stay $0.00', async ({ desk, sandbox }) => {
  const { page } = desk;
  const [demo] = await ensureSandboxAccounts({ ledger: desk.app.ctx.ledger, clock: desk.app.ctx.clock, accounts: desk.app.ctx.accounts }, sandbox);
  const customer = await desk.call('customers:create', { name: 'Test Buyer', email: 'buyer@example.com' });
  await desk.call('payments:record', { customerId: customer.id, amount: 20_000, method: 'bank' });
  const now = desk.app.clock.now();
  // The seed's port sale through a sandbox account, this month and about two months ago.
  const sale = { customerId: customer.id, accountId: demo!.id, product: 'port', country: 'US', quantity: 30, unit: 'day' as const, cost: 6000, price: 7500 };
  recordSale(desk.app.ctx.ledger.sqlite, sale, now);
  recordSale(desk.app.ctx.ledger.sqlite, { ...sale, cost: 2000, price: 2500, quantity: 10 }, new Date(now.getTime() - 60 * DAY));

  await desk.open('/');
  await expect(page.getByTestId('month-revenue')).toHaveText('$0.00');
  await expect(page.getByTestId('month-cost')).toHaveText('$0.00');
  await expect(page.getByTestId('month-profit')).toHaveText('$0.00');
  const chart = page.getByRole('region', { name: /Sales and profit/ });
  await expect(chart.getByRole('heading', { name: /Sales and profit, last 6 months/ }).getByText('Sandbox')).toBeVisible();
  await expect(chart.getByText('No sale yet')).toHaveCount(0);
  await expect(chart.getByTestId('chart-sandbox-only')).toHaveText(/Only sandbox sales so far: test money, in none of your figures/);
  const drawn = chart.getByRole('img', { name: /^Sandbox sales per month \(test money, not in your figures\)/ });
  await expect(drawn).toHaveAttribute('aria-label', /\$75\.00 revenue, \$15\.00 profit/);
  await expect(drawn).toHaveAttribute('aria-label', /\$25\.00 revenue, \$5\.00 profit/);
  // The legend names sandbox series only: nothing reads as real revenue.
  await expect(chart.getByText('Sandbox revenue')).toBeVisible();
  await expect(chart.getByText('Sandbox profit')).toBeVisible();
  await expect(chart.getByText('Revenue', { exact: true })).toHaveCount(0);
  // Money on the axis too: currency and two decimals.
  const ticks = await axisTicks(page);
  expect(ticks.length).toBeGreaterThan(1);
  for (const t of ticks) expect(t).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d\d$/);
  expect(ticks).toContain('$0.00');
  await desk.screenshots('dashboard-sandbox');
});

test('real and sandbox sales: real figures are the chart, sandbox is shown apart on request', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.call('sync:run', { accountId: account.id });
  const [demo] = await ensureSandboxAccounts({ ledger: desk.app.ctx.ledger, clock: desk.app.ctx.clock, accounts: desk.app.ctx.accounts }, sandbox);
  const customer = await desk.call('customers:create', { name: 'Ada Lovelace', email: 'ada@example.com' });
  await desk.call('payments:record', { customerId: customer.id, amount: 20_000, method: 'bank' });
  const sale = { customerId: customer.id, product: 'port', country: 'US', quantity: 30, unit: 'day' as const };
  recordSale(desk.app.ctx.ledger.sqlite, { ...sale, accountId: account.id, cost: 6000, price: 7500 }, desk.app.clock.now());
  recordSale(desk.app.ctx.ledger.sqlite, { ...sale, accountId: demo!.id, cost: 1000, price: 4000 }, desk.app.clock.now());

  await desk.open('/');
  await expect(page.getByTestId('month-revenue')).toHaveText('$75.00');
  await expect(page.getByTestId('sandbox-month')).toContainText('sandbox sales this month $40.00');
  const chart = page.getByRole('region', { name: /Sales and profit/ });
  const drawn = chart.getByRole('img', { name: /^Revenue, cost and profit per month/ });
  await expect(drawn).toHaveAttribute('aria-label', /\$75\.00 revenue, \$15\.00 profit$/);
  await expect(chart.getByText('Revenue', { exact: true })).toBeVisible();
  await expect(chart.getByText('Sandbox revenue')).toHaveCount(0);

  await chart.getByLabel(/Show sandbox sales/).check();
  await expect(chart.getByText('Sandbox revenue')).toBeVisible();
  await expect(chart.getByText('Revenue', { exact: true })).toBeVisible();
  // Side by side, never added up: the real month still says $75.00, the sandbox one $40.00.
  await expect(drawn).toHaveAttribute('aria-label', /\$75\.00 revenue, \$15\.00 profit\. Sandbox, apart: .*\$40\.00 revenue, \$30\.00 profit$/);
  for (const t of await axisTicks(page)) expect(t).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d\d$/);
  await chart.scrollIntoViewIfNeeded();
  await desk.screenshots('dashboard-sandbox-both');
});
