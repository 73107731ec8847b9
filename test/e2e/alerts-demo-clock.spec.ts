import { expect, test } from './harness/fixtures';

// The app's own sandbox: moving its clock from Settings moves the app's time too (demo mode).
test.use({ deskOptions: { embeddedSandbox: true } });

test('move the sandbox clock from Settings and see the alert for a port near its end', async ({ desk }) => {
  const { page } = desk;
  const psx = (await desk.call('accounts:list')).find((a) => a.isSandbox && a.provider === 'proxies-sx')!;
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com', portSlotQuota: 2 });
  await desk.call('payments:record', { customerId: ann.id, amount: 20_000, method: 'bank' });
  await desk.call('proxies:create', { accountId: psx.id, customerId: ann.id, country: 'US', days: 5 });

  await desk.open('/events');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts.getByText(/^No alert\./)).toBeVisible();

  // Three days later the port has two days left: inside the default 3-day rule.
  await desk.open('/settings');
  const sandbox = page.getByRole('region', { name: 'Sandbox' });
  const before = Date.parse((await desk.call('sandbox:status')).now!);
  await sandbox.getByLabel('Move sandbox time forward by').fill('3');
  await sandbox.getByRole('button', { name: 'Move time' }).click();
  await expect(page.getByText(/^Sandbox time is now .+\. Expiries and usage follow\./)).toBeVisible();
  expect(Date.parse((await desk.call('sandbox:status')).now!) - before).toBeGreaterThanOrEqual(3 * 86_400_000);
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByText(/^Checked 2 accounts/)).toBeVisible();

  await desk.open('/events');
  const item = alerts.getByRole('list', { name: 'Active alerts' }).getByRole('listitem').filter({ hasText: "Ann Example's proxy expires in" });
  await expect(item).toBeVisible();
  await expect(item).toContainText(/expires in (47|48) hours|expires in 2 days/);
  await desk.screenshots('events-alert-demo-clock');
});
