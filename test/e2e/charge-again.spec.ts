import { accountBalance, ledgerAccounts } from '../../src/main/ledger/journal';
import { expect, test } from './harness/fixtures';

/**
 * Issue 15: a second click after an unknown outcome must not charge again. The sandbox
 * serves only the documented API and ignores Idempotency-Key (as the real upstreams may), loses the top-up's answer
 * after committing it, and refuses reads (429) until the test lets them through, so the
 * app cannot tell at first what happened.
 */
test.use({ sandboxProfile: 'documented' });

test('clicking again after an unknown outcome checks the same top-up: exactly one charge upstream and in the books', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com', portSlotQuota: 2 });
  // Linked upstream by a first top-up.
  await desk.call('money:top-up', { customerId: ann.id, accountId: account.id, amount: 100 });

  // From the moment the 25.00 top-up commits upstream, reads are refused until the test says so.
  let readsRefused = false;
  sandbox.proxiesSx.db.function('rd_test_committed', () => {
    readsRefused = true;
    return 1;
  });
  sandbox.proxiesSx.db.exec(
    "CREATE TEMP TRIGGER rd_test_topup AFTER INSERT ON psx_transactions WHEN new.type = 'topup' AND new.amount_cents = -2500 BEGIN SELECT rd_test_committed(); END",
  );
  const take = sandbox.rateLimit.take.bind(sandbox.rateLimit);
  sandbox.rateLimit.take = (key: string) => (readsRefused ? { allowed: false, remaining: 0, retryAfterSeconds: 1 } : take(key));
  sandbox.faults.configure({ dropAfterCommitRate: 1 });

  await desk.open(`/customers/${ann.id}`);
  await page.getByRole('button', { name: 'Top up', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Top up/ });
  await dialog.getByLabel('Amount (USD)').fill('25.00');
  await dialog.getByRole('button', { name: 'Top up', exact: true }).click();

  // Unknown: the message says it is being checked, and the button now checks instead of charging.
  await expect(dialog.getByRole('alert')).toContainText('did not confirm this change', { timeout: 30_000 });
  await expect(dialog.getByText(/clicking again checks this same charge and never charges twice/)).toBeVisible();
  const check = dialog.getByRole('button', { name: 'Check the result' });
  await expect(check).toBeEnabled();
  const topUps = () => sandbox.proxiesSx.db.prepare("SELECT count(*) FROM psx_transactions WHERE type = 'topup' AND amount_cents = -2500").pluck().get() as number;
  expect(topUps()).toBe(1);

  // A second click while the upstream still cannot be read: still the same operation, nothing new sent.
  await check.click();
  await expect(dialog.getByRole('alert')).toContainText('did not confirm this change', { timeout: 30_000 });
  await expect(check).toBeEnabled();
  expect(topUps()).toBe(1);

  // The upstream answers again: the next click finds the first top-up and books it, once.
  readsRefused = false;
  sandbox.faults.reset();
  await check.click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  expect(topUps()).toBe(1);
  const ops = await desk.call('operations:list', { status: 'completed', customerId: ann.id, limit: 50 });
  expect(ops.items.filter((o) => o.kind === 'balance.top-up')).toHaveLength(2);
  expect(accountBalance(desk.app.ctx.ledger.sqlite, ledgerAccounts.upstreamSub(account.id, ann.id))).toBe(2_600);
  expect(sandbox.proxiesSx.db.prepare('SELECT balance_cents FROM psx_customers WHERE email = ?').pluck().get('ann@example.com')).toBe(2_600);
});

test('when the reads cannot tell, the charge waits under Events → Upstream operations and the reseller settles it there', async ({ desk, sandbox }) => {
  const { page } = desk;
  const account = await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const bea = await desk.call('customers:create', { name: 'Bea Example', email: 'bea@example.com', portSlotQuota: 2 });
  await desk.call('money:top-up', { customerId: bea.id, accountId: account.id, amount: 100 });

  // The 25.00 top-up commits but its answer is lost, and at the same moment someone tops Bea
  // up by 0.50 elsewhere: her balance moved by 25.50, which proves neither outcome.
  sandbox.proxiesSx.db.exec(
    "CREATE TEMP TRIGGER rd_test_other AFTER INSERT ON psx_transactions WHEN new.type = 'topup' AND new.amount_cents = -2500 BEGIN UPDATE psx_customers SET balance_cents = balance_cents + 50 WHERE id = new.customer_id; END",
  );
  sandbox.faults.configure({ dropAfterCommitRate: 1 });

  await desk.open(`/customers/${bea.id}`);
  await page.getByRole('button', { name: 'Top up', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Top up/ });
  await dialog.getByLabel('Amount (USD)').fill('25.00');
  await dialog.getByRole('button', { name: 'Top up', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('It waits for you under Events → Upstream operations');
  sandbox.faults.reset();
  // A second click: the same operation, still waiting; nothing sent.
  await dialog.getByRole('button', { name: 'Check the result' }).click();
  await expect(dialog.getByRole('alert')).toContainText('It waits for you under Events → Upstream operations');
  const topUps = () => sandbox.proxiesSx.db.prepare("SELECT count(*) FROM psx_transactions WHERE type = 'topup' AND amount_cents = -2500").pluck().get() as number;
  expect(topUps()).toBe(1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await desk.open('/events');
  const card = page.getByRole('region', { name: /Upstream operations/ });
  const row = card.getByRole('table', { name: 'Operations waiting to be settled' }).getByRole('row').filter({ hasText: 'needs review' });
  await expect(row).toContainText('Top up customer balance $25.00');
  await expect(row).toContainText('customerBalanceNow: 2650');
  expect(accountBalance(desk.app.ctx.ledger.sqlite, ledgerAccounts.upstreamSub(account.id, bea.id))).toBe(100);
  // The reseller checked the Proxies.sx dashboard: it landed.
  await row.getByRole('button', { name: 'It landed' }).click();
  await expect(card.getByText(/Nothing is waiting/)).toBeVisible();
  expect(accountBalance(desk.app.ctx.ledger.sqlite, ledgerAccounts.upstreamSub(account.id, bea.id))).toBe(2_600);
  expect(topUps()).toBe(1);
});
