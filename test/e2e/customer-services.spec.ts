import type { Page } from '@playwright/test';
import type { RunningSandbox } from '../../src/main/sandbox';
import { formatMoney } from '../../src/shared/money';
import { expect, test, type Desk } from './harness/fixtures';

/** A customer with money on account, two ports (Proxies.sx) and a 5 GB package (Whozex). */
async function seedCustomer(desk: Desk, sandbox: RunningSandbox) {
  const psx = await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const wzx = await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  const cora = await desk.call('customers:create', { name: 'Cora Client', email: 'cora@example.com', portSlotQuota: 3 });
  await desk.call('payments:record', { customerId: cora.id, amount: 50_000, method: 'bank' });
  const first = await desk.call('proxies:create', { accountId: psx.id, customerId: cora.id, country: 'US', days: 30 });
  const second = await desk.call('proxies:create', { accountId: psx.id, customerId: cora.id, country: 'DE', days: 30 });
  const pkg = await desk.call('packages:create', { accountId: wzx.id, customerId: cora.id, gb: 5 });
  return { cora, first: first.port, second: second.port, pkg: pkg.package };
}

/**
 * Holds main's answers to one channel until `release()`: what the window shows while an
 * action is still running, observed without depending on how fast the machine is.
 */
async function holdAnswers(page: Page, channel: string) {
  await page.evaluate((name) => {
    const w = window as unknown as { __rdInvoke(channel: string, input: unknown): Promise<unknown>; __rdRelease?(): void };
    const invoke = w.__rdInvoke.bind(w);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    w.__rdRelease = release;
    w.__rdInvoke = async (channel, input) => {
      if (channel === name) await released;
      return invoke(channel, input);
    };
  }, channel);
  return { release: () => page.evaluate(() => (window as unknown as { __rdRelease(): void }).__rdRelease()) };
}

test("a customer's ports and packages are run from their page", async ({ desk, sandbox, context }) => {
  const { page } = desk;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { cora, first, second, pkg } = await seedCustomer(desk, sandbox);
  const firstName = first.label ?? first.upstreamId;
  const secondName = second.label ?? second.upstreamId;

  await desk.open(`/customers/${cora.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Cora Client' })).toBeVisible();
  const services = page.getByRole('region', { name: 'Proxies and packages' });
  const ports = services.getByRole('table', { name: 'Ports' });
  const firstRow = ports.getByRole('row').filter({ hasText: firstName });
  const secondRow = ports.getByRole('row').filter({ hasText: secondName });
  await expect(firstRow).toContainText('US');
  await expect(secondRow).toContainText('DE');
  const packages = services.getByRole('table', { name: 'Packages' });
  const pkgRow = packages.getByRole('row').filter({ hasText: pkg.upstreamId });
  await expect(pkgRow).toContainText('5 GB left of 5 GB');
  await services.scrollIntoViewIfNeeded();
  await desk.screenshots('customer-services');

  // Copy credentials of one port, in the format chosen.
  await firstRow.getByRole('button', { name: 'Copy' }).click();
  const creds = page.getByRole('dialog', { name: 'Credentials (1)' });
  await creds.getByLabel('Format').selectOption('curl');
  await expect(creds.getByLabel('Credentials text')).toHaveValue(/^curl -x 'http:\/\/[^:]+:[^@]+@[\d.]+:\d+'/);
  const curl = await creds.getByLabel('Credentials text').inputValue();
  await creds.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('Copied the credentials (curl command).')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);

  // Rotate: only the pressed row waits for the upstream; the other port stays usable.
  const held = await holdAnswers(page, 'proxies:rotate');
  await firstRow.getByRole('button', { name: 'Rotate' }).click();
  await expect(firstRow.getByRole('button', { name: 'Rotate' })).toHaveAttribute('aria-busy', 'true');
  await expect(secondRow.getByRole('button', { name: 'Rotate' })).toBeEnabled();
  await expect(secondRow.getByRole('button', { name: 'Rotate' })).not.toHaveAttribute('aria-busy', 'true');
  await held.release();
  await expect(page.getByText(`New IP requested for ${firstName}.`)).toBeVisible();
  await expect(firstRow.getByRole('button', { name: 'Rotate' })).toBeEnabled();

  // Extend by 10 days: charged from her credit, the row shows the new days left.
  const creditBefore = (await desk.call('customers:get', { id: cora.id })).credit;
  await firstRow.getByRole('button', { name: 'Extend…' }).click();
  const extend = page.getByRole('dialog', { name: `Extend ${firstName}` });
  await extend.getByLabel('Days to add').fill('10');
  await extend.getByRole('button', { name: 'Extend' }).click();
  await expect(page.getByText(/^Extended to /)).toBeVisible();
  await expect(firstRow).toContainText(`${(first.daysLeft ?? 0) + 10} days left`);
  // 10 days at the default 20 % margin on $2.00/day: $24.00.
  expect((await desk.call('customers:get', { id: cora.id })).credit).toBe(creditBefore - 2_400);
  await expect(page.getByTestId('customer-credit')).toHaveText(formatMoney(creditBefore - 2_400));

  // Add GB to the package, then its usage and credentials with targeting.
  await pkgRow.getByRole('button', { name: 'Add GB…' }).click();
  const add = page.getByRole('dialog', { name: `Add GB to ${pkg.upstreamId}` });
  await add.getByLabel('GB to add').fill('2');
  await add.getByRole('button', { name: 'Add GB' }).click();
  await expect(page.getByText('Added 2 GB: 7 GB left.')).toBeVisible();
  await expect(pkgRow).toContainText('7 GB left of 7 GB');

  await pkgRow.getByRole('button', { name: 'Usage' }).click();
  await expect(services.getByRole('img', { name: /Usage over \d+ days/ }).or(services.getByText('No usage recorded yet.'))).toBeVisible();

  await pkgRow.getByRole('button', { name: 'Copy' }).click();
  const pkgCreds = page.getByRole('dialog', { name: 'Credentials (1)' });
  const plain = await pkgCreds.getByLabel('Credentials text').inputValue();
  await pkgCreds.getByLabel('Target country').fill('DE');
  await expect(pkgCreds.getByLabel('Credentials text')).toHaveValue(/country-DE/i);
  expect(plain).not.toMatch(/country-DE/i);
  await pkgCreds.getByRole('button', { name: 'Close' }).click();
  await expect(pkgCreds).toBeHidden();
});

test('a discount is set with its effect shown, used by the next quote, then removed', async ({ desk, sandbox }) => {
  const { page } = desk;
  const { cora } = await seedCustomer(desk, sandbox);
  await desk.open(`/customers/${cora.id}`);
  const card = page.getByRole('region', { name: 'Discount' });
  await expect(card.getByTestId('customer-discount')).toHaveText('None: Cora Client pays your pricebook prices.');

  // Refused before anything is sent, under the field.
  await card.getByLabel('Discount (%)').fill('150');
  await card.getByRole('button', { name: 'Save discount' }).click();
  await expect(card.getByText('Discount must be between 0 and 100')).toBeVisible();

  // The effect on a 30-day port, quoted by main: $72.00 at the default 20 % margin; 10 % off → $64.80, $4.80 margin left.
  await card.getByLabel('Discount (%)').fill('10');
  await expect(card.getByText('Discount must be between 0 and 100')).toBeHidden();
  await expect(card.getByTestId('discount-list-price')).toHaveText('$72.00');
  await expect(card.getByTestId('discount-price')).toHaveText('$64.80');
  await expect(card.getByTestId('discount-margin')).toContainText('$4.80');
  await card.scrollIntoViewIfNeeded();
  await desk.screenshots('customer-discount');
  await card.getByRole('button', { name: 'Save discount' }).click();
  await expect(page.getByText('Cora Client now gets 10 % off.')).toBeVisible();
  await expect(card.getByTestId('customer-discount')).toContainText('10 % off your pricebook prices');
  await expect(card.getByLabel('Discount (%)')).toHaveValue('10');

  // "New port" here opens the create panel with Cora chosen, quoted with her discount.
  await page.getByRole('region', { name: 'Proxies and packages' }).getByRole('button', { name: 'New port' }).click();
  const panel = page.getByRole('dialog', { name: 'New port' });
  await expect(panel.getByText('Cora Client')).toBeVisible();
  await expect(panel.getByTestId('quote-price')).toHaveText('$64.80');
  await expect(panel.getByRole('list', { name: 'Rules applied' })).toContainText('Customer discount: -10%');
  await expect(panel.getByText('2 of 3 used')).toBeVisible();
  await panel.getByRole('button', { name: 'Create port for $64.80' }).click();
  await expect(page.getByText('Port created for Cora Client: charged $64.80.')).toBeVisible();
  await expect(panel).toBeHidden();
  await expect(page.getByRole('table', { name: 'Ports' }).getByRole('row')).toHaveCount(4);

  // Removed: the page says so and the next quote is at the pricebook price again.
  await card.getByRole('button', { name: 'Remove discount' }).click();
  await expect(page.getByText('Cora Client has no discount now.')).toBeVisible();
  await expect(card.getByTestId('customer-discount')).toHaveText('None: Cora Client pays your pricebook prices.');
  await expect(card.getByLabel('Discount (%)')).toHaveValue('');
  expect((await desk.call('customers:get', { id: cora.id })).discountPercent).toBeNull();
});

test('the palette offers the page actions: a new package for this customer, copying selected ports', async ({ desk, sandbox }) => {
  const { page } = desk;
  const { cora, first } = await seedCustomer(desk, sandbox);
  const palette = page.getByRole('dialog', { name: 'Command palette' });

  await desk.open(`/customers/${cora.id}`);
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox', { name: 'Command' }).fill('new package for cora');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'New package' });
  await expect(panel.getByText('Cora Client')).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toBeHidden();

  await desk.open('/proxies');
  const row = page.getByRole('table', { name: 'Ports' }).getByRole('row').filter({ hasText: first.label ?? first.upstreamId });
  await row.getByRole('checkbox').check();
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox', { name: 'Command' }).fill('copy credentials');
  await expect(palette.getByRole('option', { name: 'Copy credentials of 1 selected port' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Credentials (1)' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Credentials (1)' }).getByRole('button', { name: 'Close' }).click();

  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox', { name: 'Command' }).fill('show packages');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Packages (Whozex)' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('table', { name: 'Packages' }).getByRole('row').filter({ hasText: 'Cora Client' })).toBeVisible();
});
