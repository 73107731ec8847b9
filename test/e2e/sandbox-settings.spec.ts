import { expect, test } from './harness/fixtures';

// The app's own embedded sandbox with its two accounts, as on a first run.
test.use({ deskOptions: { embeddedSandbox: true } });

test('fill empty books with demo data, watching its progress, then see the business on Customers and the Dashboard', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/settings');
  const section = page.getByRole('region', { name: 'Sandbox' });
  await expect(section.getByText('Sandbox time', { exact: true })).toBeVisible();
  const demo = page.getByRole('group', { name: 'Demo data' });
  await demo.getByLabel('Customers').fill('8');
  await demo.getByLabel('Months of history').fill('2');
  await demo.getByRole('button', { name: 'Fill with demo data' }).click();
  // A long job: its bar shows while it runs, then a notice says what it made.
  await expect(demo.getByRole('progressbar', { name: 'Demo data progress' })).toBeVisible();
  await expect(page.getByText(/Demo business ready: 8 customers, \d+ sales?, \$[\d,]+\.\d\d profit\./)).toBeVisible({ timeout: 60_000 });
  await expect(demo.getByRole('progressbar')).toHaveCount(0);
  await desk.screenshots('settings-sandbox-demo');

  // The books are no longer empty: a second run is refused with the reason and nothing changes.
  const before = (await desk.call('customers:list', { sort: 'name', direction: 'asc', limit: 100 })).total;
  await demo.getByRole('button', { name: 'Fill with demo data' }).click();
  await expect(demo.getByText(/Demo data goes into empty books, and these hold 8 customers/)).toBeVisible();
  expect((await desk.call('customers:list', { sort: 'name', direction: 'asc', limit: 100 })).total).toBe(before);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Customers/ }).click();
  await expect(page.locator('.page-subtitle')).toHaveText('8 customers');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Dashboard/ }).click();
  const summary = await desk.call('dashboard:summary');
  // Sales through sandbox accounts are shown apart from the real figures.
  expect(summary.months.some((m) => m.sandbox.revenue > 0)).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
});

test('cancel demo data midway: it stops, says what it made, and the sandbox follows today again', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/settings');
  const demo = page.getByRole('group', { name: 'Demo data' });
  await demo.getByLabel('Customers').fill('120');
  await demo.getByLabel('Months of history').fill('12');
  await demo.getByRole('button', { name: 'Fill with demo data' }).click();
  const bar = demo.getByRole('progressbar', { name: 'Demo data progress' });
  await expect(bar).toBeVisible();
  // Wait until it is simulating days, then cancel.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
  await demo.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText(/Demo stopped\. Made so far: 120 customers/)).toBeVisible({ timeout: 60_000 });
  const status = await desk.call('sandbox:status');
  expect(Math.abs(Date.parse(status.now!) - Date.now())).toBeLessThan(86_400_000);
  const operations = await desk.call('operations:list', { status: 'pending', limit: 10 });
  expect(operations.items).toHaveLength(0);
});

test('reset the sandbox after confirming: fresh sandbox accounts, books kept', async ({ desk }) => {
  const { page } = desk;
  const before = (await desk.call('accounts:list')).filter((a) => a.isSandbox).map((a) => a.id);
  expect(before).toHaveLength(2);
  await desk.call('customers:create', { email: 'ada@example.com', name: 'Ada Novak' });
  await desk.open('/settings');
  await page.getByRole('button', { name: 'Reset the sandbox…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the sandbox?' });
  await expect(dialog.getByText(/Your books keep their history/)).toBeVisible();
  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await desk.call('accounts:list')).filter((a) => a.isSandbox).map((a) => a.id)).toEqual(before);

  await page.getByRole('button', { name: 'Reset the sandbox…' }).click();
  await page.getByRole('dialog', { name: 'Reset the sandbox?' }).getByRole('button', { name: 'Reset the sandbox' }).click();
  await expect(page.getByText('The sandbox started over with fresh accounts.')).toBeVisible();
  const after = (await desk.call('accounts:list')).filter((a) => a.isSandbox);
  expect(after.map((a) => a.name).sort()).toEqual(['Sandbox · Proxies.sx', 'Sandbox · Whozex']);
  expect(after.some((a) => before.includes(a.id))).toBe(false);
  // The reseller's customers are untouched.
  expect((await desk.call('customers:list', { sort: 'name', direction: 'asc', limit: 10 })).total).toBe(1);
});
