import { ensureSandboxAccounts } from '../../src/main/services/accounts/sandbox-accounts';
import { advanceTime, expect, test } from './harness/fixtures';

const DAY = 86_400_000;

test('see an alert after the sandbox clock moves: a port near its end shows on Events and the Dashboard, then is acknowledged', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com', portSlotQuota: 2 });
  await desk.call('payments:record', { customerId: ann.id, amount: 20_000, method: 'bank' });
  await desk.call('sync:run', { accountId: account.id });
  await desk.call('proxies:create', { accountId: account.id, customerId: ann.id, country: 'US', days: 5 });
  await desk.call('poller:run-now');

  await desk.open('/events');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts.getByText(/^No alert\./)).toBeVisible();

  // Three days later (upstream and app), the port has two days left: inside the 3-day rule.
  advanceTime(desk, sandbox, 3 * DAY + 60_000);
  await desk.open('/settings');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByText(/^Checked 1 account/)).toBeVisible();
  await expect(page.getByTestId('upstream-status')).toContainText('Main Proxies.sx: Connected');

  await desk.open('/events');
  const list = alerts.getByRole('list', { name: 'Active alerts' });
  const item = list.getByRole('listitem').filter({ hasText: "Ann Example's proxy expires in" });
  await expect(item).toBeVisible();
  await expect(item).toContainText(/expires in (47|48) hours|expires in 2 days/);
  await desk.screenshots('events-alert');

  await desk.open('/');
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention.getByTestId('open-alerts')).toContainText('1 open alert');
  await expect(attention.getByRole('list', { name: 'Open alerts' })).toContainText("Ann Example's proxy expires in");
  const expiring = attention.getByRole('table', { name: 'Expiring soon' });
  await expect(expiring.getByRole('row', { name: /Ann Example/ })).toContainText(/in (47|48) hours/);
  await desk.screenshots('dashboard-alert');

  // The expiring row leads to the customer.
  await expiring.getByRole('link', { name: 'Ann Example' }).click();
  await expect(page.getByRole('heading', { name: 'Ann Example', level: 1 })).toBeVisible();
  // Her timeline: what the upstream reported about her port, and her money, newest first.
  const timeline = page.getByRole('list', { name: 'Customer timeline' });
  await expect(timeline.getByRole('listitem').first()).toContainText(/expir/i);
  await expect(timeline).toContainText('+$200.00');
  await expect(timeline).toContainText('-$12.00');
  await page.getByRole('heading', { name: 'Timeline' }).scrollIntoViewIfNeeded();
  await desk.screenshots('customer-timeline');

  await desk.open('/events');
  await item.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(item.getByRole('button', { name: 'Acknowledge' })).toBeHidden();
  const [acknowledged] = await desk.call('alerts:list', { status: 'acknowledged' });
  expect(acknowledged?.kind).toBe('proxy_expiring');

  await desk.open('/');
  await expect(attention.getByTestId('open-alerts')).toHaveText('No open alert.');
});

test('the dashboard keeps a sandbox account apart and shows each balance with its runway', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  await desk.call('sync:run', { accountId: account.id });
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com', portSlotQuota: 2 });
  await desk.call('payments:record', { customerId: ann.id, amount: 20_000, method: 'bank' });
  // A 30-day port at $2.00/day: $60.00 of upstream spend in the last 30 days → $2.00/day.
  await desk.call('proxies:create', { accountId: account.id, customerId: ann.id, country: 'US', days: 30 });
  const summary = await desk.call('dashboard:summary');
  const main = summary.accounts.find((a) => a.accountId === account.id)!;
  expect(main.burnPerDay).toBe(200);
  expect(main.runwayDays).toBe(Math.floor(main.balance / 200));

  // The first-run sandbox accounts (is_sandbox), one with money: listed with a badge, totalled apart.
  const [demo] = await ensureSandboxAccounts({ ledger: desk.app.ctx.ledger, clock: desk.app.ctx.clock, accounts: desk.app.ctx.accounts }, sandbox);
  await desk.call('money:deposit', { accountId: demo!.id, amount: 12_345 });

  await desk.open('/');
  const balances = page.getByRole('table', { name: 'Upstream balances' });
  const row = balances.getByRole('row', { name: /Main Proxies\.sx/ });
  await expect(row).toContainText('$2.00/day');
  await expect(row).toContainText(`${main.runwayDays} days`);
  await expect(row.getByText('sandbox')).toHaveCount(0);
  const demoRow = balances.getByRole('row', { name: new RegExp(demo!.name) });
  await expect(demoRow).toContainText('sandbox');
  await expect(demoRow).toContainText('$123.45');
  await expect(balances.getByRole('row', { name: /Sandbox total/ })).toContainText('$123.45');
  // Only one real account: no real total row, and the sandbox money is in no real figure.
  await expect(balances.getByRole('row', { name: /^Total/ })).toHaveCount(0);
  await expect(page.getByText('sandbox accounts shown apart')).toBeVisible();
  await desk.screenshots('dashboard-runway');
});

test('alert rules per customer (on the customer page) and per account (Settings → Alerts)', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com' });
  await desk.call('payments:record', { customerId: ann.id, amount: 2_000, method: 'bank' });

  // Ann's own threshold: $25.00, above her $20.00 credit → an alert for her.
  await desk.open(`/customers/${ann.id}`);
  const rule = page.getByRole('group', { name: 'Alert me when their credit is low' });
  await expect(page.getByTestId('credit-rule-source')).toHaveText('Following the default in Settings → Alerts.');
  await rule.getByLabel('below $').fill('25');
  await rule.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('credit-rule-source')).toHaveText('Their own threshold.');
  await expect(rule).toContainText('Now: below $25.00');
  await expect.poll(async () => (await desk.call('alerts:list')).map((a) => a.title)).toContain("Ann Example's credit is low: $20.00");
  await page.getByRole('heading', { name: 'Alerts' }).scrollIntoViewIfNeeded();
  await desk.screenshots('customer-alert-rule');

  // Settings lists her override and adds one for the account.
  await desk.open('/settings');
  const overrides = page.getByRole('region', { name: 'For one account or customer' });
  await expect(overrides.getByRole('group', { name: 'Customer credit low for Ann Example' })).toContainText('below $25.00');
  await overrides.getByRole('button', { name: 'Add an override' }).click();
  const form = overrides.getByRole('group', { name: 'New override' });
  await form.getByLabel('Rule').selectOption('balance_low');
  await form.getByLabel('Account').selectOption(account.id);
  const accountRule = form.getByRole('group', { name: 'Upstream balance low for Main Proxies.sx' });
  await accountRule.getByLabel('below $').fill('900');
  await accountRule.getByRole('button', { name: 'Save' }).click();
  const saved = overrides.getByRole('group', { name: 'Upstream balance low for Main Proxies.sx' });
  await expect(saved).toContainText('Now: below $900.00');
  const rules = await desk.call('alert-rules:list');
  expect(rules.find((r) => r.kind === 'balance_low' && r.scope === 'account')).toMatchObject({ scopeId: account.id, params: { belowAmount: 90_000 } });
  expect(rules.find((r) => r.kind === 'balance_low' && r.scope === 'default')?.params).toMatchObject({ belowAmount: 5_000 });
  await overrides.scrollIntoViewIfNeeded();
  await desk.screenshots('settings-alert-overrides');

  await saved.getByRole('button', { name: 'Remove override' }).click();
  await expect(saved).toBeHidden();
  expect((await desk.call('alert-rules:list')).some((r) => r.kind === 'balance_low' && r.scope === 'account')).toBe(false);
});
