import type { Locator } from '@playwright/test';
import { expect, test, type Desk } from './harness/fixtures';

/** The table row whose Line cell is `line`. */
function rowAtLine(table: Locator, line: number): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('cell', { name: String(line), exact: true }) });
}

/**
 * Holds main's port quotes until `release()`: the page sees a quote that is slow to come, as
 * over a busy upstream, without any timing in the test.
 */
function holdPortQuotes(desk: Desk) {
  const proxies = desk.app.ctx.proxies as { quote(input: unknown): unknown };
  const original = proxies.quote.bind(proxies);
  const held: (() => void)[] = [];
  proxies.quote = (input) => new Promise((resolve) => held.push(() => resolve(original(input))));
  return {
    held: () => held.length,
    release() {
      proxies.quote = original;
      for (const answer of held.splice(0)) answer();
    },
  };
}

test('a CSV import of 600 customers shows every row, its problems in words, and a result per row', async ({ desk }) => {
  const { page } = desk;
  const lines = ['E-mail,Full name,Port slots'];
  for (let row = 1; row <= 600; row++) {
    const email = row === 550 ? 'row550-at-example' : `row${row}@example.com`;
    lines.push(`${email},Row ${row},${row === 3 ? 'two' : '1'}`);
  }
  await desk.open('/customers');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const panel = page.getByRole('dialog', { name: 'Import customers from CSV' });
  await panel.getByLabel('CSV file').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });

  const counts = panel.getByTestId('import-counts');
  await expect(counts).toContainText('600 rows: 598 valid (598 new, 0 to update), 0 skipped, 2 with errors');
  // Data row 3 is line 4 of the file (the header is line 1); data row 550 is line 551.
  const preview = panel.getByRole('table', { name: 'Import preview' });
  await expect(rowAtLine(preview, 4)).toContainText('Port slot quota: must be a whole number, not "two"');
  await expect(rowAtLine(preview, 551)).toHaveCount(0); // a page of 100 rows at a time
  const pages = panel.getByRole('navigation', { name: 'Import preview pages' });
  await expect(pages).toContainText('Rows 1–100 of 600');
  for (let i = 0; i < 5; i++) await pages.getByRole('button', { name: 'Next' }).click();
  await expect(pages).toContainText('Rows 501–600 of 600');
  await expect(rowAtLine(preview, 551)).toContainText('Error');
  await expect(rowAtLine(preview, 551)).toContainText('Email: is not a valid email address');
  await expect(pages.getByRole('button', { name: 'Next' })).toBeDisabled();

  await panel.getByText('Only rows with problems (2)').click();
  await expect(preview.getByRole('row')).toHaveCount(3); // the header and the two rows with problems
  await expect(rowAtLine(preview, 4)).toContainText('Port slot quota: must be a whole number');
  await expect(rowAtLine(preview, 551)).toContainText('Email: is not a valid email address');
  await expect(pages).toHaveCount(0);
  await desk.screenshots('customers-import-rows');
  expect((await desk.call('customers:list', {})).total).toBe(0); // the preview writes nothing

  await panel.getByRole('button', { name: 'Import 598 customers' }).click();
  await expect(panel.getByTestId('import-result')).toContainText('600 rows: 598 created, 0 updated, 0 skipped, 2 with errors');
  const result = panel.getByRole('table', { name: 'Import result' });
  await expect(rowAtLine(result, 2)).toContainText('row1@example.com');
  await expect(rowAtLine(result, 2)).toContainText('Created');
  await panel.getByText('Only rows with problems (2)').click();
  await expect(result.getByRole('row')).toHaveCount(3);
  await expect(rowAtLine(result, 4)).toContainText('Port slot quota: must be a whole number');
  await expect(rowAtLine(result, 551)).toContainText('Email: is not a valid email address');
  await panel.getByText('All rows (600)').click();
  await panel.getByRole('navigation', { name: 'Import result pages' }).getByRole('button', { name: 'Next' }).click();
  await expect(rowAtLine(result, 200)).toContainText('row199@example.com');
  expect((await desk.call('customers:list', {})).total).toBe(598);
});

test('while a new quote is on its way the old price is neither offered nor confirmable', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com', portSlotQuota: 2 });
  await desk.call('payments:record', { customerId: ann.id, amount: 50_000, method: 'bank' });

  await desk.open('/proxies');
  await page.getByRole('button', { name: 'Create a port' }).click();
  const panel = page.getByRole('dialog', { name: 'New port' });
  await panel.getByLabel('Customer').fill('Ann');
  await panel.getByRole('option', { name: /Ann Example/ }).click();
  await panel.getByLabel('Days').fill('30');
  const create = panel.getByRole('button', { name: /^Create port/ });
  await expect(create).toHaveText('Create port for $72.00');
  await expect(create).toBeEnabled();

  const quotes = holdPortQuotes(desk);
  await panel.getByLabel('Days').fill('45');
  await expect.poll(quotes.held).toBeGreaterThan(0);
  // The 30-day quote stays in sight, marked as updating; the button neither names nor takes it.
  await expect(panel.getByTestId('live-quote')).toHaveAttribute('aria-busy', 'true');
  await expect(create).toHaveText('Create port');
  await expect(create).toBeDisabled();
  quotes.release();
  await expect(panel.getByTestId('quote-price')).toHaveText('$108.00');
  await expect(panel.getByTestId('live-quote')).not.toHaveAttribute('aria-busy');
  await expect(create).toHaveText('Create port for $108.00');
  await create.click();
  await expect(page.getByText('Port created for Ann Example: charged $108.00.')).toBeVisible();

  const row = page.getByRole('table', { name: 'Ports' }).getByRole('row').filter({ hasText: 'Ann Example' });
  await row.getByRole('button', { name: 'Extend…' }).click();
  const extend = page.getByRole('dialog', { name: /Extend/ });
  await expect(extend.getByTestId('quote-price')).toHaveText('$72.00');
  const extendQuotes = holdPortQuotes(desk);
  await extend.getByLabel('Days to add').fill('10');
  await expect.poll(extendQuotes.held).toBeGreaterThan(0);
  await expect(extend.getByRole('button', { name: 'Extend' })).toBeDisabled();
  extendQuotes.release();
  await expect(extend.getByTestId('quote-price')).toHaveText('$24.00');
  await expect(extend.getByRole('button', { name: 'Extend' })).toBeEnabled();
});
