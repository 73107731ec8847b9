import { SandboxClock, startSandbox } from '../../src/main/sandbox';
import { startRequestRecorder } from '../support/request-recorder';
import { expect, test } from './harness/fixtures';

/**
 * A Proxies.sx account on an upstream that serves only the documented routes: the window
 * says the balance comes from the books, takes the opening balance when adding, and shows
 * a correction's entry before posting it.
 */
test('a Proxies.sx account without a balance endpoint: opening balance, the books as the source, a previewed correction', async ({ desk }) => {
  // An upstream serving only what the documents promise, with a recorder in front to see the requests.
  const sandbox = await startSandbox({ profile: 'documented', autoDeliverWebhooks: false, clock: new SandboxClock(Date.now()) });
  const proxy = await startRequestRecorder(sandbox.proxiesSx.baseUrl);
  try {
    const { page } = desk;
    await desk.open('/settings');
    const section = page.getByRole('region', { name: 'Upstream accounts' });
    await section.getByRole('button', { name: 'Add an account' }).click();
    const form = page.getByRole('form', { name: 'Add an upstream account' });
    await form.getByLabel('Upstream').selectOption('proxies-sx');
    await form.getByLabel('Display name').fill('Real-like Proxies.sx');
    await form.getByLabel('API address').fill(proxy.baseUrl);
    await form.getByLabel('API key').fill(sandbox.proxiesSx.apiKey);
    await form.getByLabel(/Your balance at Proxies.sx now/).fill('250');
    await form.getByRole('button', { name: 'Check key and connect' }).click();

    const row = section.getByRole('listitem', { name: 'Real-like Proxies.sx' });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('account-capabilities')).toContainText('Proxies.sx does not report your balance through its API: the balance shown is from your books');
    // No write the documents do not promise was sent while learning.
    expect(proxy.refused.filter((r) => !r.startsWith('GET '))).toEqual([]);

    await row.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText(/Real-like Proxies\.sx answered\. Books: \$250\.00\. Proxies\.sx does not report your balance/)).toBeVisible();

    await row.getByRole('button', { name: 'Set balance in books…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set the balance in your books' });
    await dialog.getByLabel('Your balance at the upstream now').fill('240.50');
    await dialog.getByRole('button', { name: 'Show the entry' }).click();
    await expect(dialog.getByTestId('books-balance-preview')).toContainText('$250.00 → $240.50');
    await expect(dialog.getByTestId('books-balance-preview')).toContainText('-$9.50');
    const [account] = await desk.call('accounts:list');
    const before = await desk.call('accounts:summary', { includeSandbox: true });
    expect(before.accounts.find((l) => l.accountId === account!.id)?.ledgerBalance).toBe(25_000); // the preview posted nothing
    await dialog.getByRole('button', { name: 'Post this entry' }).click();
    await expect(page.getByText("Books' balance set to $240.50.")).toBeVisible();
    const after = await desk.call('accounts:summary', { includeSandbox: true });
    expect(after.accounts.find((l) => l.accountId === account!.id)?.ledgerBalance).toBe(24_050);
  } finally {
    await proxy.close();
    await sandbox.close();
  }
});
