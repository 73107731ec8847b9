import { expect, test } from './harness/fixtures';

const PAGES = ['Dashboard', 'Customers', 'Proxies', 'Pricing', 'Events', 'Settings'] as const;

test('every sidebar page opens by click and shows its heading', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of PAGES) {
    await nav.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    await desk.screenshots(`page-${name.toLowerCase()}`);
  }
});

test('every sidebar page opens from the keyboard: Ctrl+digit and arrow keys', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/');
  for (const [i, name] of PAGES.entries()) {
    await page.keyboard.press(`Control+${i + 1}`);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
  // Arrow keys move through the sidebar like a menu; Enter opens the focused page.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).focus();
  await page.keyboard.press('ArrowDown'); // wraps to the first entry
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(nav.getByRole('link', { name: 'Customers' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
});

test('the command palette reaches every page', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/');
  for (const name of PAGES) {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await palette.getByRole('combobox', { name: 'Command' }).fill(`go ${name}`);
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
  // Actions too: "New customer" opens the create panel from anywhere.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('new customer');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'New customer' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New customer' })).toBeHidden();

  await page.keyboard.press('Control+k');
  await desk.screenshots('command-palette');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeHidden();
});

test('the theme follows the OS until the reseller picks one, and the choice survives a reload', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/settings');
  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByRole('group', { name: 'Theme' }).getByText('Dark', { exact: true }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => desk.app.ctx.settings.get().theme).toBe('dark');

  await desk.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark'); // the OS is still light
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await desk.screenshots('settings-dark-theme-chosen');

  await page.getByRole('group', { name: 'Theme' }).getByText('Follow the system').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect.poll(() => desk.app.ctx.settings.get().theme).toBe('system');
});

test('the status bar shows the ledger file in use', async ({ desk }) => {
  await desk.open('/');
  await expect(desk.page.getByTestId('ledger-file')).toHaveText(desk.app.ctx.ledger.file);
  await expect(desk.page.getByTestId('upstream-status')).toContainText('No upstream account yet');
});

test('an input refused by main (INVALID_INPUT) is shown as a readable message and nothing is saved', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/settings');
  const field = page.getByLabel('Check upstreams every (minutes)');
  await expect(field).toHaveValue('5');
  await field.fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  const message = page.getByRole('alert').filter({ hasText: 'Poll interval minutes' });
  await expect(message).toBeVisible();
  await expect(message).toHaveText('Poll interval minutes: must be at least 1');
  await expect(message).not.toContainText('pollIntervalMinutes');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(desk.app.ctx.settings.get().pollIntervalMinutes).toBe(5);
  await desk.screenshots('settings-invalid-input');

  await field.fill('15');
  await expect(message).toBeHidden();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Upstreams will be checked every 15 minutes.')).toBeVisible();
  await expect.poll(() => desk.app.ctx.settings.get().pollIntervalMinutes).toBe(15);
});
