import { expect, test } from './harness/fixtures';

test('an interrupted upstream change waits under Upstream operations until "Check now" settles it', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com', portSlotQuota: 2 });
  await desk.call('payments:record', { customerId: ann.id, amount: 20_000, method: 'bank' });
  const port = await desk.call('proxies:create', { accountId: account.id, customerId: ann.id, country: 'US', days: 30 });

  await desk.open('/events');
  const card = page.getByRole('region', { name: /Upstream operations/ });
  await expect(card.getByText(/Nothing is waiting: every change sent to your upstreams was confirmed or refused/)).toBeVisible();

  // The extension commits upstream but its answer is lost, and from then on Proxies.sx refuses
  // reads (429): the app can neither see the answer nor look the result up yet.
  let readsRefused = false;
  sandbox.proxiesSx.db.function('rd_test_extended', () => {
    readsRefused = true;
    return 1;
  });
  sandbox.proxiesSx.db.exec("CREATE TEMP TRIGGER rd_test_extend AFTER INSERT ON psx_transactions WHEN new.type = 'port_extend' BEGIN SELECT rd_test_extended(); END");
  const take = sandbox.rateLimit.take.bind(sandbox.rateLimit);
  sandbox.rateLimit.take = (key: string) => (readsRefused ? { allowed: false, remaining: 0, retryAfterSeconds: 1 } : take(key));
  sandbox.faults.configure({ dropAfterCommitRate: 1 });
  const extend = await desk.app.dispatch('proxies:extend', { serviceId: port.port.serviceId, days: 10 });
  expect(extend.ok).toBe(false);
  if (!extend.ok) expect(extend.error.message).toContain('see Events → Upstream operations');

  // Pushed to the open page: pending, for Ann at Main Proxies.sx.
  const waiting = card.getByRole('table', { name: 'Operations waiting to be settled' });
  const row = waiting.getByRole('row').filter({ hasText: /Extend port .* by 10 days/ });
  await expect(row).toContainText('Ann Example');
  await expect(row).toContainText('Main Proxies.sx');
  await expect(card.getByRole('heading', { name: /Upstream operations/ })).toContainText('1 pending');
  // Its unanswered attempts and the last error, in words.
  await desk.reload();
  await expect(row.getByRole('cell').nth(3)).not.toHaveText('0');
  await expect(row).toContainText('is limiting requests');
  await desk.screenshots('events-operations');

  // The upstream answers again; slowly, so the check is seen running (and any background check is shared, not repeated).
  readsRefused = false;
  sandbox.faults.configure({ dropAfterCommitRate: 0, latencyMs: 800 });
  const checkNow = card.getByRole('button', { name: 'Check now' });
  await checkNow.click();
  await expect(checkNow).toBeDisabled();
  await expect(card.getByRole('status')).toHaveText('Checked 1 operation: 1 completed.');
  await expect(checkNow).toBeEnabled();
  await expect(card.getByText(/Nothing is waiting/)).toBeVisible();
  await expect(card.getByRole('heading', { name: /Upstream operations/ })).not.toContainText('pending');

  // Charged once: 30 days, then 10 more, at the default 20 % margin on $2.00/day.
  await card.getByRole('combobox', { name: 'Show operations' }).selectOption('completed');
  const done = card.getByRole('table', { name: 'Recently completed operations' });
  await expect(done.getByRole('row').filter({ hasText: /Extend port .* by 10 days/ })).toContainText('completed');
  expect((await desk.call('customers:get', { id: ann.id })).credit).toBe(20_000 - 7_200 - 2_400);

  await card.getByRole('combobox', { name: 'Show operations' }).selectOption('failed');
  await expect(card.getByText(/No change was refused by an upstream/)).toBeVisible();
});

test('the palette checks pending upstream operations from the Events page', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/events');
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Command' }).fill('check pending upstream');
  await expect(palette.getByRole('option').first()).toContainText('Check pending upstream operations');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('region', { name: /Upstream operations/ }).getByRole('status')).toHaveText('Nothing was waiting to be checked.');
});
