import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './harness/fixtures';

test('create a customer from the empty state, with the form checked by the contract schema', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/customers');
  await expect(page.getByRole('heading', { name: 'No customers yet' })).toBeVisible();
  await desk.screenshots('customers-empty');

  await page.getByRole('button', { name: 'Add your first customer' }).click();
  const panel = page.getByRole('dialog', { name: 'New customer' });
  await expect(panel).toBeVisible();
  await panel.getByLabel('Email').fill('not-an-email');
  await panel.getByRole('button', { name: 'Add customer' }).click();
  await expect(panel.getByText('Name is required')).toBeVisible();
  await expect(panel.getByText('Email is not a valid email address')).toBeVisible();
  await desk.screenshots('customer-form-errors');

  await panel.getByLabel('Name').fill('Ada Lovelace');
  await panel.getByLabel('Email').fill('ada@example.com');
  await panel.getByLabel('Company').fill('Analytical Engines Ltd');
  await panel.getByLabel('Tags').fill('vip, mobile');
  await panel.getByLabel('Port slots').fill('5');
  await panel.getByRole('button', { name: 'Add customer' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByTestId('customer-balance')).toHaveText('$0.00');
  const stored = await desk.call('customers:list', { search: 'ada' });
  expect(stored.items.map((c) => [c.name, c.company, c.tags, c.portSlotQuota])).toEqual([['Ada Lovelace', 'Analytical Engines Ltd', ['vip', 'mobile'], 5]]);

  // A second customer with the same email is refused by main, under the email field.
  await page.getByRole('link', { name: 'All customers' }).click();
  await page.getByRole('button', { name: 'New customer' }).click();
  const again = page.getByRole('dialog', { name: 'New customer' });
  await again.getByLabel('Name').fill('Ada Again');
  await again.getByLabel('Email').fill('ADA@example.com');
  await again.getByRole('button', { name: 'Add customer' }).click();
  await expect(again.getByRole('alert')).toContainText(/already|exists|taken|in use/i);
  await desk.screenshots('customer-form-duplicate-email');
});

test('record a payment, see credit and statement, then reverse it', async ({ desk }) => {
  const { page } = desk;
  const c = await desk.call('customers:create', { name: 'Grace Hopper', email: 'grace@example.com' });
  await desk.open(`/customers/${c.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeVisible();
  await expect(page.getByText('No money movement yet')).toBeVisible();

  await page.getByRole('button', { name: 'Record payment' }).first().click();
  const dialog = page.getByRole('dialog', { name: /Record a payment/ });
  await dialog.getByLabel('Amount (USD)').fill('125.5');
  await expect(dialog.getByText('$125.50')).toBeVisible();
  await dialog.getByLabel('Method').selectOption('crypto');
  await dialog.getByLabel('Reference').fill('tx-0001');
  await desk.screenshots('customer-record-payment');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('customer-credit')).toHaveText('$125.50');
  await expect(page.getByTestId('customer-balance')).toHaveText('$125.50');
  const statement = page.getByRole('table', { name: 'Statement lines' });
  await expect(statement.getByRole('row').filter({ hasText: 'tx-0001' })).toContainText('$125.50');
  await expect(page.getByTestId('statement-closing')).toHaveText('$125.50');
  await desk.screenshots('customer-page');

  // Amounts with sub-cent precision are refused before anything is sent.
  await page.getByRole('button', { name: 'Refund' }).click();
  const refund = page.getByRole('dialog', { name: /Refund/ });
  await refund.getByLabel('Amount (USD)').fill('10.005');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(refund.getByText('Use at most two decimals (cents).')).toBeVisible();
  await refund.getByLabel('Amount (USD)').fill('25');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(refund).toBeHidden();
  await expect(page.getByTestId('customer-balance')).toHaveText('$100.50');

  await statement.getByRole('row').filter({ hasText: 'tx-0001' }).getByRole('button', { name: 'Reverse…' }).click();
  await page.getByRole('dialog', { name: 'Reverse this entry?' }).getByRole('button', { name: 'Reverse' }).click();
  await expect(page.getByTestId('customer-balance')).toHaveText('-$25.00');
  const detail = await desk.call('customers:get', { id: c.id });
  expect(detail.balance).toBe(-2500);
});

test('the table pages through many customers as it scrolls, sorts, filters and searches as you type', async ({ desk }) => {
  const { page } = desk;
  for (let i = 0; i < 260; i++) {
    const n = String(i).padStart(3, '0');
    await desk.call('customers:create', { name: `Customer ${n}`, email: `c${n}@example.com`, company: i % 2 ? 'Odd Co' : 'Even Co' });
  }
  await desk.call('customers:create', { name: 'Zed Unique', email: 'zed@example.org' });
  await desk.open('/customers');
  const grid = page.getByRole('grid', { name: 'Customers' });
  await expect(page.getByText('261 customers')).toBeVisible();
  await expect(grid.getByRole('link', { name: 'Customer 000' })).toBeVisible();
  // Virtualized: only the rows on screen (plus a margin) are in the page.
  expect(await grid.getByRole('row').count()).toBeLessThan(60);
  await desk.screenshots('customers-table');

  // Scrolling to the end fetches the last page.
  await page.getByTestId('customers-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(grid.getByRole('link', { name: 'Zed Unique' })).toBeVisible();

  // Sort by name, descending.
  await grid.getByRole('button', { name: 'Name' }).click();
  await expect(grid.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
  await page.getByTestId('customers-scroll').evaluate((el) => el.scrollTo(0, 0));
  await expect(grid.getByRole('row').nth(1)).toContainText('Zed Unique');

  // Search as you type.
  await page.getByRole('searchbox', { name: 'Search customers' }).pressSequentially('zed');
  await expect(page.getByText('1 customer match')).toBeVisible();
  await expect(grid.getByRole('link')).toHaveText(['Zed Unique']);
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('nobody-like-this');
  await expect(page.getByRole('heading', { name: 'No customer matches' })).toBeVisible();
  // The empty state offers the way back.
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search customers' })).toHaveValue('');
  await expect(grid.getByRole('link').first()).toBeVisible();

  // Bulk: suspend two selected customers, then filter by status.
  await grid.getByRole('checkbox', { name: 'Select Zed Unique' }).check();
  await grid.getByRole('checkbox', { name: 'Select Customer 259' }).check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk).toContainText('2 customers selected');
  await desk.screenshots('customers-bulk-selection');
  await bulk.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByText('2 customers suspended.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('suspended');
  await expect(page.getByText('2 customers match')).toBeVisible();
  const suspended = await desk.call('customers:list', { status: 'suspended' });
  expect(suspended.items.map((c) => c.name).sort()).toEqual(['Customer 259', 'Zed Unique']);
});

test('export a customer statement to CSV from the customer page', async ({ desk }) => {
  const { page } = desk;
  const c = await desk.call('customers:create', { name: 'Alan Turing', email: 'alan@example.com' });
  await desk.call('payments:record', { customerId: c.id, amount: 4_200, method: 'card', reference: 'inv-42' });
  await desk.open(`/customers/${c.id}`);
  await page.getByRole('button', { name: 'Export statement' }).click();
  const dialog = page.getByRole('dialog', { name: /Export statement/ });
  const path = join(desk.app.dataDir, 'alan-statement.csv');
  await expect(dialog.getByLabel('Save to')).toHaveValue(/statement-alan-turing-\d{4}-\d{2}-\d{2}\.csv$/);
  await dialog.getByLabel('Save to').fill(path);
  await desk.screenshots('customer-export-statement');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(new RegExp(`Saved \\d+ rows? to ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`))).toBeVisible();
  expect(existsSync(path)).toBe(true);
  expect(readFileSync(path, 'utf8')).toContain('inv-42');
});


test('top up a customer at an upstream, recorded as their payment too', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  const c = await desk.call('customers:create', { name: 'Carol Top', email: 'carol@example.com' });
  await desk.open(`/customers/${c.id}`);
  await page.getByRole('button', { name: 'Top up' }).click();
  const dialog = page.getByRole('dialog', { name: /Top up/ });
  await dialog.getByLabel('Amount (USD)').fill('20');
  await dialog.getByLabel(/The customer paid me this amount/).check();
  await dialog.getByLabel('Paid by').selectOption('crypto');
  await desk.screenshots('customer-top-up');
  await dialog.getByRole('button', { name: 'Top up' }).click();
  await expect(page.getByText(/\$20\.00 moved to Carol Top's upstream balance/)).toBeVisible();
  const statement = page.getByRole('table', { name: 'Statement lines' });
  await expect(statement).toContainText('$20.00');
  const after = await desk.call('customers:get', { id: c.id });
  expect(after.links.length).toBe(1); // created at the upstream on first use
});

test('import customers from CSV with a preview and a result per row, then top up a selection', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.call('customers:create', { name: 'Already Here', email: 'here@example.com' });
  await desk.open('/customers');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const panel = page.getByRole('dialog', { name: 'Import customers from CSV' });
  const csv = ['E-mail,Full name,Company,Port slots', 'dora@example.com,Dora Import,Dora Ltd,2', 'eve@example.com,Eve Import,,1', 'not-an-email,Broken Row,,', 'here@example.com,Already Here,,'].join('\n');
  await panel.getByLabel('CSV file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(panel.getByTestId('import-counts')).toContainText('2 new');
  await expect(panel.getByTestId('import-counts')).toContainText('1 with errors');
  const preview = panel.getByRole('table', { name: 'Import preview' });
  await expect(preview.getByRole('row').filter({ hasText: 'Broken Row' })).toContainText('Error');
  expect((await desk.call('customers:list', {})).total).toBe(1); // the preview writes nothing
  await desk.screenshots('customers-import-preview');

  await panel.getByRole('button', { name: 'Import 2 customers' }).click();
  await expect(panel.getByTestId('import-result')).toContainText('2 created');
  await panel.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('3 customers')).toBeVisible();

  const grid = page.getByRole('grid', { name: 'Customers' });
  await grid.getByRole('checkbox', { name: 'Select Dora Import' }).check();
  await grid.getByRole('checkbox', { name: 'Select Eve Import' }).check();
  await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Top up…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Top up 2 customers' });
  await dialog.getByLabel('Amount each (USD)').fill('5');
  await dialog.getByRole('button', { name: 'Top up' }).click();
  await expect(page.getByText('$10.00 moved for 2 customers.')).toBeVisible();
});

test('a search matching more than 1,000 customers says "1,000+" and still scrolls to its last match', async ({ desk }) => {
  const { page } = desk;
  const rows = Array.from({ length: 1050 }, (_, i) => `cap${String(i).padStart(4, '0')}@example.com,Capper ${String(i).padStart(4, '0')}`);
  const imported = await desk.call('customers:import', { csv: ['E-mail,Full name', ...rows].join('\n') });
  expect(imported.counts.created).toBe(1050);
  await desk.call('customers:create', { name: 'Other Person', email: 'other@example.org' });
  await desk.open('/customers');
  await expect(page.getByText('1,051 customers')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('capper');
  await expect(page.getByText('1,000+ customers match')).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Customers' });
  const scroll = page.getByTestId('customers-scroll');
  // The table grows a page at a time as the reseller scrolls past the rows counted so far.
  await expect(async () => {
    await scroll.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(grid.getByRole('link', { name: 'Capper 1049' })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(grid.getByRole('link', { name: 'Capper 1048' })).toBeVisible();
});
