import { expect, test } from './harness/fixtures';

test('change an alert default and see it kept by main', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/settings');
  const rule = page.getByRole('group', { name: 'Upstream balance low' });
  await rule.getByLabel('below $').fill('100');
  await rule.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Upstream balance low: saved.')).toBeVisible();
  await expect(rule.getByText('Now: below $100.00')).toBeVisible();
  const rules = await desk.call('alert-rules:list');
  const balanceLow = rules.find((r) => r.kind === 'balance_low' && r.scope === 'default');
  expect(balanceLow?.params).toMatchObject({ belowAmount: 10_000 });

  await rule.getByRole('checkbox').click();
  await expect(rule.getByRole('checkbox')).not.toBeChecked();
  await expect.poll(async () => (await desk.call('alert-rules:list')).find((r) => r.kind === 'balance_low' && r.scope === 'default')?.enabled).toBe(false);
  await page.getByRole('heading', { name: 'Alert defaults' }).scrollIntoViewIfNeeded();
  await desk.screenshots('settings-alerts-webhooks');
});
