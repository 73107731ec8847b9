import { expect, test, type Desk } from './harness/fixtures';
import type { RunningSandbox } from '../../src/main/sandbox';

/**
 * Issue 15, item 6: the upstreams' documented reads on screen. Whozex's /account/stats
 * and /analytics/overview as a Dashboard card; each account's synced statement beside the
 * books, reached from the card, from Settings and from the palette, and filtered.
 */

async function whozexBusiness(desk: Desk, sandbox: RunningSandbox) {
  const account = await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.call('pricing:update', { mode: 'margin', traffic: { marginPercent: '50' } });
  const fay = await desk.call('customers:create', { name: 'Fay Fields', email: 'fay@example.com' });
  const bought = await desk.call('packages:create', { accountId: account.id, customerId: fay.id, gb: 20 });
  await desk.call('packages:add-gb', { serviceId: bought.package.serviceId, gb: 10 });
  await desk.call('sync:run', { accountId: account.id });
  // Then, outside the app (the upstream's own dashboard), $50.00 to Fay: the books never saw it.
  const headers = { authorization: `Bearer ${sandbox.whozex.apiKey}`, 'content-type': 'application/json' };
  const users = (await (await fetch(`${sandbox.whozex.baseUrl}/users?search=fay`, { headers })).json()) as { data: { users: { id: string }[] } };
  await fetch(`${sandbox.whozex.baseUrl}/users/${users.data.users[0]!.id}/balance`, { method: 'POST', headers, body: JSON.stringify({ action: 'add', amount: 50 }) });
  await desk.call('sync:run', { accountId: account.id });
  return account;
}

test('the Dashboard shows Whozex’s own figures; its statement sits beside the books and filters', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await whozexBusiness(desk, sandbox);

  await desk.open('/');
  const card = page.getByTestId(`insights-${account.id}`);
  await expect(card.getByRole('heading', { name: /Main Whozex as Whozex reports it/ })).toBeVisible();
  const spending = card.getByTestId('insights-spending');
  // $0.90/GB: 20 GB $18.00 + 10 GB $9.00.
  await expect(spending.getByText('Total spent').locator('..')).toContainText('$27.00');
  await expect(spending.getByText('GB added to packages').locator('..')).toContainText('$9.00');
  await expect(card.getByRole('table', { name: 'GB by proxy type' }).getByRole('row', { name: /residential/ })).toContainText('30 GB');
  await expect(card.getByTestId('insights-overview')).toContainText('1 sub-user');
  await expect(card.getByRole('img', { name: /spending per day over the last 30 days.*\$27\.00/ })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await desk.screenshots('dashboard-whozex-insights');

  await card.getByRole('link', { name: 'Upstream transactions' }).click();
  await expect(page.getByRole('heading', { name: 'Upstream transactions', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Upstream transactions' });
  await expect(table.getByRole('row')).toHaveCount(1 + 6);
  // Newest first: the top-up made outside the app, which the books never saw.
  await expect(table.getByRole('row').nth(1)).toContainText('$50.00');
  await expect(table.getByRole('row', { name: /Balance to a sub-user.*\$50\.00/ })).toContainText('Not in your books');
  await expect(table.getByRole('row', { name: /Package purchase/ })).toContainText('Sale');
  await expect(table.getByRole('row', { name: /Package purchase/ })).toContainText('Fay Fields');
  // The upstream's opening deposit predates these books: it is inside their opening balance.
  await expect(table.getByRole('row', { name: /Deposit/ })).toContainText('Before your books began');
  await desk.screenshots('upstream-transactions');

  await page.getByRole('combobox', { name: 'Type' }).selectOption('add_gb');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row', { name: /GB added/ })).toContainText('$9.00');
  // A date range with nothing in it: an honest empty answer, and the filters clear.
  await page.getByRole('combobox', { name: 'Type' }).selectOption('');
  await page.getByLabel('To', { exact: true }).fill('2020-01-01');
  await expect(page.getByText('No upstream transaction matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table.getByRole('row')).toHaveCount(1 + 6);
});

test('reached from Settings and the palette; Proxies.sx says it documents no statement; an unreachable Whozex is said plainly', async ({ desk, sandbox }) => {
  const { page } = desk;
  const wzx = await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const fromPalette = async (words: string, label: string) => {
    await page.keyboard.press('Control+K');
    await palette.getByRole('combobox', { name: 'Command' }).fill(words);
    await expect(palette.getByRole('option').first()).toContainText(label);
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
  };

  // Settings → Upstream accounts: each account links to its statement.
  await desk.open('/settings');
  await page.getByRole('listitem', { name: 'Main Proxies' }).getByRole('link', { name: 'Upstream transactions' }).click();
  await expect(page.getByTestId('statement-notice')).toContainText('Proxies.sx does not document a statement API');
  await expect(page.getByRole('table', { name: 'Upstream transactions' })).toHaveCount(0);
  await desk.screenshots('upstream-transactions-proxies-sx');

  // The palette, while Settings is open: the account's own command.
  await desk.open('/settings');
  await fromPalette('upstream transactions of main whozex', 'Upstream transactions of Main Whozex');
  await expect(page.getByRole('combobox', { name: 'Upstream account' })).toHaveValue(wzx.id);
  await expect(page.getByTestId('statement-notice')).toContainText('sync this account');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('table', { name: 'Upstream transactions' }).getByRole('row', { name: /Deposit/ })).toBeVisible();

  // From anywhere: the global command opens the screen.
  await desk.open('/');
  await fromPalette('upstream transactions', 'Upstream transactions');
  await expect(page.getByRole('heading', { name: 'Upstream transactions', level: 1 })).toBeVisible();

  await sandbox.close();
  await desk.open('/');
  await expect(page.getByTestId(`insights-${wzx.id}`).getByTestId('insights-unreachable')).toContainText('Whozex could not be reached');
  await page.getByTestId(`insights-${wzx.id}`).scrollIntoViewIfNeeded();
  await desk.screenshots('dashboard-whozex-unreachable');
});
