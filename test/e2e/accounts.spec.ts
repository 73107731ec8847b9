import { expect, test } from './harness/fixtures';

test('add an upstream account: a bad key is refused with the reason, a good one is kept masked; test, sync, remove', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.open('/settings');
  const section = page.getByRole('region', { name: 'Upstream accounts' });
  await expect(section.getByText('Connect your first upstream account.')).toBeVisible();
  await section.getByRole('button', { name: 'Add an account' }).click();

  const form = page.getByRole('form', { name: 'Add an upstream account' });
  await form.getByLabel('Upstream').selectOption('whozex');
  await form.getByLabel('Display name').fill('Main Whozex');
  await form.getByLabel('API address').fill(sandbox.whozex.baseUrl);
  await form.getByLabel('API key').fill('wx_this_key_is_wrong_0000');
  await form.getByRole('button', { name: 'Check key and connect' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.getByRole('alert')).toContainText(/key/i);
  expect(await desk.call('accounts:list')).toEqual([]);
  await desk.screenshots('settings-account-bad-key');

  await form.getByLabel('API key').fill(sandbox.whozex.apiKey);
  await form.getByRole('button', { name: 'Check key and connect' }).click();
  const row = section.getByRole('listitem', { name: 'Main Whozex' });
  await expect(row).toBeVisible();
  const [account] = await desk.call('accounts:list');
  expect(account?.keyHint).toBeTruthy();
  await expect(row.getByTestId('key-hint')).toHaveText(account!.keyHint!);
  // The key itself never reaches the window.
  expect(await page.content()).not.toContain(sandbox.whozex.apiKey);

  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(/Main Whozex answered: balance \$[\d,]+\.\d\d\./)).toBeVisible();

  await row.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText(/Main Whozex synced/)).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('Last sync');
  await expect(page.getByTestId('upstream-status')).toContainText('Main Whozex: Connected');
  await desk.screenshots('settings-accounts');

  // Whozex can issue a new key: the old one is revoked, the new one replaces it in the keychain.
  await row.getByRole('button', { name: 'Regenerate key' }).click();
  await page.getByRole('dialog', { name: /Regenerate the key/ }).getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.getByText(/New key for Main Whozex/)).toBeVisible();
  const [regenerated] = await desk.call('accounts:list');
  expect(regenerated!.keyHint).not.toBe(account!.keyHint);
  await expect(row.getByTestId('key-hint')).toHaveText(regenerated!.keyHint!);

  await row.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove Main Whozex?' }).getByRole('button', { name: 'Remove account' }).click();
  await expect(row).toBeHidden();
  expect(await desk.app.secrets.list()).toEqual([]);
});
