import { expect, test, type Desk } from './harness/fixtures';

function runningJobs(desk: Desk) {
  const { page } = desk;
  const status = page.getByRole('contentinfo', { name: 'Status' });
  return { button: status.getByRole('button', { name: /^Running jobs/ }), list: status.getByRole('region', { name: 'Running jobs' }) };
}

test.describe('demo data in the embedded sandbox', () => {
  test.use({ deskOptions: { embeddedSandbox: true } });

  test('a long job started on Settings stays visible in the status bar on another screen and is cancelled from there', async ({ desk }) => {
    // A cancel takes effect between the demo's steps; each step is a few upstream calls (with
    // the operations' baseline reads), which on a loaded 2-core machine can take over a minute.
    test.setTimeout(240_000);
    const { page } = desk;
    await desk.open('/settings');
    const { button, list } = runningJobs(desk);
    // Nothing runs: no indicator takes room in the status bar.
    await expect(button).toHaveCount(0);

    const demo = page.getByRole('group', { name: 'Demo data' });
    await demo.getByLabel('Customers').fill('120');
    await demo.getByLabel('Months of history').fill('12');
    await demo.getByRole('button', { name: 'Fill with demo data' }).click();
    await expect(demo.getByRole('progressbar', { name: 'Demo data progress' })).toBeVisible();

    // Leave the screen that started it: its own bar and Cancel are gone, the status bar's remain.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Customers/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await expect(demo).toHaveCount(0);
    await expect(button).toContainText('1 job running');

    // Keyboard: the indicator opens the list, Escape closes it and focus returns to the indicator.
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(list).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(list.getByRole('button', { name: 'Cancel Demo data' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(list).toHaveCount(0);
    await expect(button).toBeFocused();

    await button.click();
    const bar = list.getByRole('progressbar', { name: 'Demo data', exact: true });
    await expect(bar).toBeVisible();
    // Wait until it is simulating days (the customers are made by then), then cancel from here.
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
    await expect(list.getByText(/\(step \d+ of \d+\)/)).toBeVisible();
    await desk.screenshots('running-jobs');
    await list.getByRole('button', { name: 'Cancel Demo data' }).click();

    // It ends cancelled: the list says so, and the notice says what was made.
    await expect(list.getByText(/^Cancelled: Stopped: what was made so far stays in the books/)).toBeVisible({ timeout: 150_000 });
    await expect(page.getByText(/Demo stopped\. Made so far: 120 customers/)).toBeVisible({ timeout: 60_000 });
    await expect(list.getByRole('button', { name: 'Cancel Demo data' })).toHaveCount(0);
    // demo:cancel's effect: sandbox time follows today again.
    const status = await desk.call('sandbox:status');
    expect(Math.abs(Date.parse(status.now!) - Date.now())).toBeLessThan(86_400_000);

    // An ended job leaves the list after a few seconds; the open list then says nothing runs.
    await expect(list.getByText(/^Nothing is running now/)).toBeVisible({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await expect(button).toHaveCount(0);
  });
});

test('the palette\'s "Sync all upstream accounts now" shows each account\'s sync in the status bar, and one can be cancelled there', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const wzx = await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.open('/customers');
  // Slow upstreams, so the syncs are seen running.
  sandbox.faults.configure({ latencyMs: 1_000 });

  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Command' }).fill('sync all upstream');
  await expect(palette.getByRole('option').first()).toContainText('Sync all upstream accounts now');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();

  const { button, list } = runningJobs(desk);
  await expect(button).toContainText('2 jobs running');
  await button.click();
  await expect(list.getByRole('progressbar', { name: 'Sync: Main Proxies.sx', exact: true })).toBeVisible();
  await expect(list.getByRole('progressbar', { name: 'Sync: Main Whozex', exact: true })).toBeVisible();

  await list.getByRole('button', { name: 'Cancel Sync: Main Whozex' }).click();
  await expect(list.getByText('Cancelled: it continues where it stopped next time')).toBeVisible({ timeout: 30_000 });
  const whozexRun = (await desk.call('sync:status')).accounts.find((a) => a.accountId === wzx.id)?.lastRun;
  expect(whozexRun?.status).toBe('cancelled');

  // The other sync carries on to its end.
  sandbox.faults.configure({ latencyMs: 0 });
  await expect(list.getByRole('button', { name: 'Cancel Sync: Main Proxies.sx' })).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(async () => (await desk.call('sync:status')).accounts.find((a) => a.accountId !== wzx.id)?.lastRun?.status).toBe('completed');
  await expect(button).not.toContainText('jobs running');
});
