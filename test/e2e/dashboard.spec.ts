import { recordSale } from '../../src/main/services/money/sales';
import { expect, test } from './harness/fixtures';

test('an empty business: the dashboard says what to do first', async ({ desk }) => {
  await desk.open('/');
  await expect(desk.page.getByTestId('month-revenue')).toHaveText('$0.00');
  await expect(desk.page.getByRole('heading', { name: 'No upstream account yet' })).toBeVisible();
  await expect(desk.page.getByText('Start here')).toBeVisible();
  await desk.screenshots('dashboard-empty');
});

test('the dashboard shows balances, this month against last, and the seed sale in the chart', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.call('sync:run', { accountId: account.id });
  const customer = await desk.call('customers:create', { name: 'Ada Lovelace', email: 'ada@example.com' });
  await desk.call('payments:record', { customerId: customer.id, amount: 10_000, method: 'bank' });
  // The seed's port sale: $2.00/day × 30 days at 25 % → cost $60.00, price $75.00 (a real ledger posting).
  recordSale(desk.app.ctx.ledger.sqlite, { customerId: customer.id, accountId: account.id, product: 'port', country: 'US', quantity: 30, unit: 'day', cost: 6000, price: 7500 }, desk.app.clock.now());

  await desk.open('/');
  await expect(page.getByTestId('month-revenue')).toHaveText('$75.00');
  await expect(page.getByTestId('month-cost')).toHaveText('$60.00');
  await expect(page.getByTestId('month-profit')).toHaveText('$15.00');
  await expect(page.getByTestId('customer-credit')).toHaveText('$25.00');
  const balances = page.getByRole('table', { name: 'Upstream balances' });
  await expect(balances.getByRole('row', { name: /Main Whozex/ })).toContainText('$90.00'); // $150.00 − $60.00
  await expect(page.getByRole('img', { name: /\$75\.00 revenue, \$15\.00 profit/ })).toBeVisible();
  await desk.screenshots('dashboard');

  // A payment recorded elsewhere is pushed to the open dashboard.
  await desk.call('payments:record', { customerId: customer.id, amount: 2_550, method: 'cash' });
  await expect(page.getByTestId('customer-credit')).toHaveText('$50.50');
});
