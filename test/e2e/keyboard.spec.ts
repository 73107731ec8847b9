import { expect, test } from './harness/fixtures';

// A day's work with the keyboard alone: no click anywhere. Where a step starts on a given
// button, focus is put there as a Tab would (locator.focus), never with the mouse.
test('a reseller adds a customer and sells a port with the keyboard only', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  // A second match in the customer picker, so the arrows have to choose.
  await desk.call('customers:create', { name: 'Zed Other', email: 'zed@example.com' });
  await desk.open('/customers');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();

  // The palette: type, Enter runs the first match.
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox', { name: 'Command' })).toBeFocused();
  await page.keyboard.type('new customer');
  await expect(palette.getByRole('option').first()).toContainText('New customer');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();

  // The form: typing and Tab; Tab never leaves the panel (Close is its first stop, Add customer its last).
  const form = page.getByRole('dialog', { name: 'New customer' });
  await expect(form.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Kim Keys');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Email')).toBeFocused();
  await page.keyboard.type('kim@example.com');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(form.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(form.getByRole('button', { name: 'Add customer' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Name')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Kim Keys' })).toBeVisible();
  await expect(form).toBeHidden();

  // Escape closes the palette and focus is back where it was.
  const newPortButton = page.getByRole('button', { name: 'New port', exact: true });
  await newPortButton.focus();
  await page.keyboard.press('Control+K');
  await expect(palette.getByRole('combobox', { name: 'Command' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(newPortButton).toBeFocused();

  // The customer's own New port: chosen already; Escape closes the panel and focus returns to the button.
  await page.keyboard.press('Enter');
  const portPanel = page.getByRole('dialog', { name: 'New port' });
  await expect(portPanel.getByText('Kim Keys')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(portPanel).toBeHidden();
  await expect(newPortButton).toBeFocused();

  // The global New port: the customer is chosen in the picker with the arrows.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('new port (proxies.sx)');
  await expect(palette.getByRole('option').first()).toHaveText('New port (Proxies.sx)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Proxies' })).toBeVisible();
  const picker = portPanel.getByRole('combobox', { name: 'Customer' });
  await expect(picker).toBeFocused();
  const options = portPanel.getByRole('listbox', { name: 'Matches' }).getByRole('option');
  // Focus opened the list with both customers: the arrows move through it and wrap.
  await expect(options).toHaveCount(2);
  await expect(picker).not.toHaveAttribute('aria-activedescendant');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(picker).toHaveAttribute('aria-activedescendant', (await options.nth(0).getAttribute('id'))!);
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  // Escape closes only the list, not the panel.
  await page.keyboard.press('Escape');
  await expect(options).toHaveCount(0);
  await expect(portPanel).toBeVisible();
  await expect(picker).toBeFocused();
  // Typing narrows the matches; ArrowDown reaches the one left and Enter picks it.
  await page.keyboard.type('kim');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await expect(portPanel.getByRole('option', { selected: true })).toContainText('Kim Keys');
  await desk.screenshots('keyboard-journey');
  await page.keyboard.press('Enter');
  await expect(portPanel.getByText('kim@example.com · balance $0.00')).toBeVisible();
  await expect(portPanel.getByRole('button', { name: 'Change' })).toBeFocused();
  await expect(portPanel.getByRole('button', { name: 'Create port for $72.00' })).toBeVisible();

  // Opened from the palette, whose page is gone: focus lands on the page's heading.
  await page.keyboard.press('Escape');
  await expect(portPanel).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Proxies' })).toBeFocused();

  // Proxies page: Tab to New port, Enter; the first Escape closes the picker's list, the second the panel.
  await page.keyboard.press('Tab');
  const headerNewPort = page.getByRole('main').getByRole('button', { name: 'New port', exact: true });
  await expect(headerNewPort).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(picker).toBeFocused();
  await expect(portPanel.getByRole('listbox', { name: 'Matches' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(portPanel.getByRole('listbox', { name: 'Matches' })).toBeHidden();
  await expect(portPanel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(portPanel).toBeHidden();
  await expect(headerNewPort).toBeFocused();

  // The tabs: Tab enters on the chosen one; the arrows, Home and End move and open.
  const ports = page.getByRole('tab', { name: 'Ports (Proxies.sx)' });
  const packages = page.getByRole('tab', { name: 'Packages (Whozex)' });
  await page.keyboard.press('Tab');
  await expect(ports).toBeFocused();
  await expect(ports).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Ports (Proxies.sx)' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(packages).toBeFocused();
  await expect(packages).toHaveAttribute('aria-selected', 'true');
  await expect(ports).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByRole('tabpanel', { name: 'Packages (Whozex)' })).toBeVisible();
  await expect(page).toHaveURL(/#\/proxies\/packages$/);
  await page.keyboard.press('ArrowRight');
  await expect(ports).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Ports (Proxies.sx)' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(packages).toBeFocused();
  await page.keyboard.press('Home');
  await expect(ports).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(packages).toBeFocused();
  await expect(packages).toHaveAttribute('aria-controls', 'proxies-panel-packages');
  await expect(page.getByRole('tabpanel', { name: 'Packages (Whozex)' })).toBeVisible();
});
