import { expect, test } from './harness/fixtures';

/** What the Whozex simulator answers when its reseller regenerates the key at the upstream itself. */
interface RegeneratedKey {
  data: { api_key: string };
}

test('edit an upstream account: rename it, a wrong key is refused and changes nothing, a key rotated at the upstream replaces the old one', async ({
  desk,
  sandbox,
}) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.open('/settings');
  const section = page.getByRole('region', { name: 'Upstream accounts' });

  // Rename, from the palette's "Edit <account>…".
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Command' }).fill('edit main whozex');
  await expect(palette.getByRole('option').first()).toContainText('Edit Main Whozex…');
  await page.keyboard.press('Enter');
  let panel = page.getByRole('dialog', { name: 'Edit Main Whozex' });
  await expect(panel.getByLabel('Display name')).toHaveValue('Main Whozex');
  await expect(panel.getByLabel('API address')).toHaveValue(sandbox.whozex.baseUrl);
  await expect(panel.getByLabel('New API key')).toHaveValue('');
  const [original] = await desk.call('accounts:list');
  await expect(panel.getByTestId('current-key-hint')).toHaveText(original!.keyHint!);
  await panel.getByLabel('Display name').fill('Whozex EU');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await expect(panel).toBeHidden();
  const row = section.getByRole('listitem', { name: 'Whozex EU' });
  await expect(row).toBeVisible();
  expect((await desk.call('accounts:list')).map((a) => a.name)).toEqual(['Whozex EU']);

  // A wrong key: the upstream's reason under the key field, and the account keeps its key.
  await row.getByRole('button', { name: 'Edit…' }).click();
  panel = page.getByRole('dialog', { name: 'Edit Whozex EU' });
  await panel.getByLabel('New API key').fill('wx_this_key_is_wrong_0000');
  await panel.getByRole('button', { name: 'Check and save' }).click();
  const keyError = panel.locator('#edit-account-key-error');
  await expect(keyError).toContainText(/API key for 'Whozex EU' was rejected/);
  await expect(keyError).toContainText('Nothing was saved.');
  await expect(panel.getByLabel('New API key')).toHaveAttribute('aria-invalid', 'true');
  await desk.screenshots('settings-account-edit');
  expect((await desk.call('accounts:list'))[0]!.keyHint).toBe(original!.keyHint);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toBeHidden();
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(/Whozex EU answered: balance \$[\d,]+\.\d\d\./)).toBeVisible();

  // The key is rotated at Whozex, outside the app: the stored key stops working...
  const res = await fetch(`${sandbox.whozex.baseUrl}/account/regenerate-key`, { method: 'POST', headers: { 'x-api-key': sandbox.whozex.apiKey } });
  expect(res.ok).toBe(true);
  const rotatedKey = ((await res.json()) as RegeneratedKey).data.api_key;
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(row.getByRole('alert')).toContainText('Paste a new key in Settings');

  // ...and pasting the new one here brings the account back.
  await row.getByRole('button', { name: 'Edit…' }).click();
  await panel.getByLabel('New API key').fill(rotatedKey);
  await panel.getByRole('button', { name: 'Check and save' }).click();
  await expect(panel).toBeHidden();
  const [updated] = await desk.call('accounts:list');
  expect(updated!.keyHint).not.toBe(original!.keyHint);
  expect(updated!.keyHint).toBe(`${rotatedKey.slice(0, rotatedKey.indexOf('_') + 1)}…${rotatedKey.slice(-4)}`);
  await expect(row.getByTestId('key-hint')).toHaveText(updated!.keyHint!);
  await expect(page.getByText(`Whozex EU saved. Key ${updated!.keyHint} replaced the old one in your keychain.`)).toBeVisible();
  expect(await page.content()).not.toContain(rotatedKey);
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(/Whozex EU answered: balance \$[\d,]+\.\d\d\./).last()).toBeVisible();
  await expect(row.getByRole('alert')).toBeHidden();
});

test('a sandbox account can only be renamed: its address and key belong to the built-in sandbox', async ({ desk }) => {
  const { page } = desk;
  // The app's first-run sandbox accounts, without starting the embedded sandbox for one rename.
  await desk.app.ctx.accounts.addUnverified({
    provider: 'proxies-sx',
    name: 'Sandbox · Proxies.sx',
    baseUrl: 'http://127.0.0.1:9/v1',
    apiKey: 'psx_sandbox_key_00000001',
    isSandbox: true,
  });
  await desk.open('/settings');
  const row = page.getByRole('region', { name: 'Upstream accounts' }).getByRole('listitem', { name: 'Sandbox · Proxies.sx' });
  await row.getByRole('button', { name: 'Edit…' }).click();
  const panel = page.getByRole('dialog', { name: 'Edit Sandbox · Proxies.sx' });
  await expect(panel).toContainText('only the name can change here');
  await expect(panel.getByLabel('API address')).toHaveCount(0);
  await expect(panel.getByLabel('New API key')).toHaveCount(0);
  await panel.getByLabel('Display name').fill('Practice account');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole('listitem', { name: 'Practice account' })).toBeVisible();
  const [account] = await desk.call('accounts:list');
  expect(account).toMatchObject({ name: 'Practice account', baseUrl: 'http://127.0.0.1:9/v1', isSandbox: true });
});

test('a webhook refusal shows under the account it concerns, and the account stays registered', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  await desk.call('webhooks:settings', { enabled: true, port: 0 });
  await desk.open('/settings');
  const section = page.getByRole('region', { name: 'Webhooks' });
  const whozex = section.getByRole('group', { name: 'Webhooks of Main Whozex' });
  const proxies = section.getByRole('group', { name: 'Webhooks of Main Proxies' });
  await whozex.getByRole('button', { name: 'Register' }).click();
  await expect(whozex).toContainText('Registered: http://');

  // The key is rotated at Whozex: removing the registration there is refused, and says why, on that row only.
  const res = await fetch(`${sandbox.whozex.baseUrl}/account/regenerate-key`, { method: 'POST', headers: { 'x-api-key': sandbox.whozex.apiKey } });
  expect(res.ok).toBe(true);
  await whozex.getByRole('button', { name: 'Unregister' }).click();
  await expect(whozex.getByRole('alert')).toContainText("The API key for 'Main Whozex' was rejected");
  await expect(whozex.getByRole('button', { name: 'Unregister' })).toBeEnabled();
  await expect(whozex).toContainText('Registered: http://');
  await expect(proxies.getByRole('alert')).toHaveCount(0);
  await expect(proxies.getByRole('button', { name: 'Register' })).toBeEnabled();
});
