import { expect, test, type Desk } from './harness/fixtures';

// The app's own sandbox and first-run accounts: the palette's actions have something to act on.
test.use({ deskOptions: { embeddedSandbox: true } });

async function runFromPalette(desk: Desk, words: string, label: string): Promise<void> {
  const { page } = desk;
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Command' }).fill(words);
  // Enter runs the first match: it must be the action meant.
  await expect(palette.getByRole('option').first()).toContainText(label);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

test('the palette runs actions that need no form at once and says how they went', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/');
  await runFromPalette(desk, 'back up the ledger', 'Back up the ledger now');
  await expect(page.getByText(/Ledger backed up \(.+\)\./)).toBeVisible();
  expect(await desk.call('backups:list')).toHaveLength(1);

  const before = Date.parse((await desk.call('sandbox:status')).now!);
  await runFromPalette(desk, 'move sandbox time', 'Move sandbox time forward by a day');
  await expect(page.getByText(/Sandbox time is now .+\. Expiries and usage follow\./)).toBeVisible();
  expect(Date.parse((await desk.call('sandbox:status')).now!) - before).toBeGreaterThanOrEqual(86_400_000);

  await runFromPalette(desk, 'sync all upstream', 'Sync all upstream accounts now');
  await expect(page.getByText('Synced 2 accounts.')).toBeVisible({ timeout: 30_000 });

  // Screens add their own: on Settings, each account's test and sync.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Settings/ }).click();
  await runFromPalette(desk, 'test the connection to sandbox · whozex', 'Test the connection to Sandbox · Whozex');
  await expect(page.getByText(/Sandbox · Whozex answered: balance \$[\d,]+\.\d\d\./)).toBeVisible();
});

test('the palette offers the bulk actions for the selected customers and acknowledges an alert', async ({ desk }) => {
  const { page } = desk;
  for (const [name, email] of [
    ['Ada Novak', 'ada@example.com'],
    ['Ben Silva', 'ben@example.com'],
    ['Chloe Keller', 'chloe@example.com'],
  ]) {
    await desk.call('customers:create', { name: name!, email: email! });
  }
  await desk.open('/customers');
  await page.getByRole('checkbox', { name: 'Select Ada Novak' }).check();
  await page.getByRole('checkbox', { name: 'Select Ben Silva' }).check();
  await runFromPalette(desk, 'suspend: 2 selected', 'Suspend: 2 selected customers');
  await expect.poll(async () => (await desk.call('customers:list', { sort: 'name', direction: 'asc', limit: 10, status: 'suspended' })).items.map((c) => c.name)).toEqual([
    'Ada Novak',
    'Ben Silva',
  ]);

  // An open alert: Chloe's port two days from its end (inside the default 3-day rule).
  const psx = (await desk.call('accounts:list')).find((a) => a.isSandbox && a.provider === 'proxies-sx')!;
  const chloe = (await desk.call('customers:list', { sort: 'name', direction: 'asc', limit: 10, search: 'chloe' })).items[0]!;
  await desk.call('customers:update', { id: chloe.id, portSlotQuota: 1 });
  await desk.call('payments:record', { customerId: chloe.id, amount: 20_000, method: 'bank' });
  await desk.call('proxies:create', { accountId: psx.id, customerId: chloe.id, country: 'US', days: 2 });
  await desk.call('poller:run-now');
  await desk.open('/events');
  await expect(page.getByRole('list', { name: 'Active alerts' }).getByRole('listitem')).toHaveCount(1);
  await runFromPalette(desk, 'acknowledge', "Acknowledge: Chloe Keller's proxy expires");
  await expect.poll(async () => (await desk.call('alerts:list', { status: 'acknowledged' })).length).toBe(1);
});
