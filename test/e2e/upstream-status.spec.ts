import { expect, test } from './harness/fixtures';

test('the status bar shows each upstream live: not checked, connected, degraded while it rate-limits, then connected again', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.open('/settings');
  const status = page.getByTestId('upstream-status');
  await expect(status).toContainText('Main Whozex: Not checked yet');

  const checkNow = page.getByRole('button', { name: 'Check now' });
  await checkNow.click();
  await expect(status).toContainText('Main Whozex: Connected');

  sandbox.faults.configure({ rateLimitStormRate: 1 });
  await checkNow.click();
  // Pushed by main when the look finishes (after the adapter's retries).
  await expect(status).toContainText('Main Whozex: Degraded', { timeout: 20_000 });
  await expect(status.locator('.upstream-chip')).toHaveAttribute('title', /Degraded — .+ — Last checked/);
  await desk.screenshots('status-bar-degraded');

  sandbox.faults.configure({ rateLimitStormRate: 0 });
  await checkNow.click();
  await expect(status).toContainText('Main Whozex: Connected', { timeout: 20_000 });
});
