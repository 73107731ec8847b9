import { expect, test } from './harness/fixtures';

test('the Events page lists what a sync found, with its details', async ({ desk, sandbox }) => {
  const { page } = desk;
  await desk.open('/events');
  const section = page.getByRole('region', { name: 'Sync changes and conflicts' });
  await expect(section.getByText(/Nothing yet\. Connect an upstream account/)).toBeVisible();

  const account = await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  await desk.call('sync:run', { accountId: account.id });
  // The sync's finish is pushed to the open page.
  const row = section.getByRole('row').filter({ hasText: 'Opening balance' });
  await expect(row).toContainText('Main Whozex');
  await row.getByRole('button', { name: 'Details' }).click();
  await expect(section.getByText('"upstreamBalance": 15000')).toBeVisible();
  await desk.screenshots('events-sync');

  await section.getByRole('combobox', { name: 'Show' }).selectOption('open');
  await expect(section.getByText('None.')).toBeVisible();
});
