import { expect, test } from './harness/fixtures';

test('quote and create a port, copy its credentials, rotate and extend it', async ({ desk, sandbox, context }) => {
  const { page } = desk;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com', portSlotQuota: 2 });
  await desk.call('payments:record', { customerId: ann.id, amount: 20_000, method: 'bank' });

  await desk.open('/proxies');
  await expect(page.getByRole('heading', { name: 'No port yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Create a port' }).click();
  const panel = page.getByRole('dialog', { name: 'New port' });
  await panel.getByLabel('Customer').fill('Ann');
  await panel.getByRole('option', { name: /Ann Example/ }).click();
  await panel.getByLabel('Country').fill('US');
  await panel.getByLabel('Days').fill('30');
  // The live quote from the pricebook (default 20 % margin on $2.00/day).
  await expect(panel.getByTestId('quote-cost')).toHaveText('$60.00');
  await expect(panel.getByTestId('quote-price')).toHaveText('$72.00');
  await expect(panel.getByTestId('quote-margin')).toContainText('$12.00');
  await expect(panel.getByText('0 of 2 used')).toBeVisible();
  await desk.screenshots('proxies-create-port');
  await panel.getByRole('button', { name: 'Create port for $72.00' }).click();
  await expect(page.getByText('Port created for Ann Example: charged $72.00.')).toBeVisible();

  const ports = page.getByRole('table', { name: 'Ports' });
  const row = ports.getByRole('row').filter({ hasText: 'Ann Example' });
  await expect(row).toContainText('active');
  await expect(row).toContainText('US');
  expect((await desk.call('customers:get', { id: ann.id })).credit).toBe(20_000 - 7_200);

  await row.getByRole('button', { name: 'Copy' }).click();
  const creds = page.getByRole('dialog', { name: /Credentials/ });
  await creds.getByLabel('Format').selectOption('curl');
  await expect(creds.getByLabel('Credentials text')).toHaveValue(/^curl -x 'http:\/\/[^:]+:[^@]+@[\d.]+:\d+'/);
  await desk.screenshots('proxies-credentials');
  await creds.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('Copied the credentials (curl command).')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^curl -x /);

  await row.getByRole('button', { name: 'Rotate' }).click();
  await expect(page.getByText(/New IP requested for/)).toBeVisible();

  await row.getByRole('button', { name: 'Extend…' }).click();
  const extend = page.getByRole('dialog', { name: /Extend/ });
  await extend.getByLabel('Days to add').fill('10');
  // The price of the added days, quoted by main before confirming.
  await expect(extend.getByTestId('quote-cost')).toHaveText('$20.00');
  await expect(extend.getByTestId('quote-price')).toHaveText('$24.00');
  await extend.getByRole('button', { name: 'Extend' }).click();
  await expect(page.getByText(/^Extended to /)).toBeVisible();
  await expect(row).toContainText('39 days left');
  await desk.screenshots('proxies-ports');
});

test('create a package with a live quote, add GB and see its usage', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  const bob = await desk.call('customers:create', { name: 'Bob Builder', email: 'bob@example.com' });
  await desk.call('payments:record', { customerId: bob.id, amount: 5_000, method: 'card' });

  await desk.open('/proxies/packages');
  await expect(page.getByRole('heading', { name: 'No package yet' })).toBeVisible();
  await page.getByRole('button', { name: 'New package' }).click();
  const panel = page.getByRole('dialog', { name: 'New package' });
  await panel.getByLabel('Customer').fill('bob');
  await panel.getByRole('option', { name: /Bob Builder/ }).click();
  await panel.getByLabel('GB').fill('5');
  await expect(panel.getByTestId('quote-price')).toHaveText('$5.40');
  await expect(panel.getByRole('list', { name: 'Rules applied' })).toContainText('Margin: +20%');
  await desk.screenshots('proxies-create-package');
  await panel.getByRole('button', { name: 'Create package for $5.40' }).click();
  await expect(page.getByText('Package created for Bob Builder: charged $5.40.')).toBeVisible();

  const packages = page.getByRole('table', { name: 'Packages' });
  const row = packages.getByRole('row').filter({ hasText: 'Bob Builder' });
  await expect(row).toContainText('5 GB left of 5 GB');
  await row.getByRole('button', { name: 'Add GB…' }).click();
  const add = page.getByRole('dialog', { name: /Add GB/ });
  await add.getByLabel('GB to add').fill('2');
  await expect(add.getByTestId('quote-price')).toHaveText('$2.16');
  await expect(add.getByRole('list', { name: 'Rules applied' })).toContainText('Margin: +20%');
  await add.getByRole('button', { name: 'Add GB' }).click();
  await expect(page.getByText('Added 2 GB: 7 GB left.')).toBeVisible();
  await expect(row).toContainText('7 GB left of 7 GB');

  await row.getByRole('button', { name: 'Usage' }).click();
  await expect(page.getByRole('img', { name: /Usage over \d+ days/ }).or(page.getByText('No usage recorded yet.'))).toBeVisible();
  await desk.screenshots('proxies-packages');
});
