import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';

const DAY = 86_400_000;

/** The browser's own calendar day `msAgo` before now, as a date input takes it. */
function dayInPage(page: Page, msAgo: number): Promise<string> {
  return page.evaluate((ms) => {
    const d = new Date(Date.now() - ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, msAgo);
}

test('the event inbox filters by type, account, customer and dates, combined, and keeps the raw payload', async ({ desk, sandbox }) => {
  const { page } = desk;
  const proxies = await desk.call('accounts:add', { provider: 'proxies-sx', name: 'Main Proxies.sx', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const whozex = await desk.call('accounts:add', { provider: 'whozex', name: 'Main Whozex', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  const ann = await desk.call('customers:create', { name: 'Ann Example', email: 'ann@example.com', portSlotQuota: 2 });
  await desk.call('customers:create', { name: 'Bob Builder', email: 'bob@example.com' });
  await desk.call('payments:record', { customerId: ann.id, amount: 20_000, method: 'bank' });
  await desk.call('sync:run', { accountId: proxies.id });
  // Ann's port: the app records "port.created" (local, now) about it.
  const { port } = await desk.call('proxies:create', { accountId: proxies.id, customerId: ann.id, country: 'US', days: 5 });

  // What the upstreams reported earlier, as the webhook listener and the poller hand it to the inbox.
  const now = desk.app.clock.now().getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const rotated = { id: 'evt_rot_1', type: 'port.rotated', data: { port_id: port.upstreamId, new_ip: '203.0.113.7' } };
  desk.app.ctx.events.ingest([
    {
      source: 'webhook',
      type: 'port.rotated',
      accountId: proxies.id,
      subject: `port:${port.upstreamId}`,
      payload: { portId: port.upstreamId, newIp: '203.0.113.7' },
      raw: JSON.stringify(rotated),
      deliveryId: rotated.id,
      occurredAt: at(10),
      fact: { key: `test:rotated:${port.upstreamId}` },
    },
    {
      source: 'poll',
      type: 'port.expired',
      accountId: proxies.id,
      subject: 'port:someone-elses-port',
      payload: { portId: 'someone-elses-port' },
      raw: '{"port_id":"someone-elses-port","status":"expired"}',
      occurredAt: at(20),
      fact: { key: 'test:expired:someone-elses-port' },
    },
    {
      source: 'webhook',
      type: 'package.low_gb',
      accountId: whozex.id,
      subject: 'package:pkg-77',
      payload: { packageId: 'pkg-77', remainingGbMilli: 500 },
      raw: '{"event":"package.low_gb","data":{"package_id":"pkg-77","remaining_gb":0.5}}',
      deliveryId: 'wz_low_1',
      occurredAt: at(3),
      fact: { key: 'test:low:pkg-77' },
    },
  ]);

  await desk.open('/events');
  const inbox = page.getByRole('region', { name: 'Event inbox' });
  const events = inbox.getByRole('table', { name: 'Events' });
  const rows = events.locator('tbody > tr');
  const created = rows.filter({ hasText: 'port.created' });
  const rotatedRow = rows.filter({ hasText: 'port.rotated' });
  const expired = rows.filter({ hasText: 'port.expired' });
  const low = rows.filter({ hasText: 'package.low_gb' });
  await expect(rows).toHaveCount(4);
  await expect(low).toContainText('Package pkg-77 is running low: 0.5 GB left');
  await expect(low).toContainText('Main Whozex');

  // Type: one type, then a whole group.
  const filters = inbox.getByRole('group', { name: 'Filter events' });
  await filters.getByLabel('Event type').selectOption({ label: 'Proxy IP changed' });
  await expect(rows).toHaveCount(1);
  await expect(rotatedRow).toContainText(`Proxy ${port.upstreamId} changed IP to 203.0.113.7`);
  await filters.getByLabel('Event type').selectOption({ label: 'Any proxy event' });
  await expect(rows).toHaveCount(3);
  await expect(low).toHaveCount(0);

  // Account: the Whozex account has only the package event.
  await filters.getByLabel('Event type').selectOption({ label: 'All types' });
  await filters.getByLabel('Upstream account').selectOption({ label: 'Main Whozex' });
  await expect(rows).toHaveCount(1);
  await expect(low).toHaveCount(1);

  // Customer: what is about Ann's port, whichever upstream said it.
  await filters.getByLabel('Upstream account').selectOption({ label: 'All accounts' });
  await filters.getByLabel('Customer', { exact: true }).fill('Ann');
  await filters.getByRole('option', { name: /Ann Example/ }).click();
  await expect(rows).toHaveCount(2);
  await expect(created).toHaveCount(1);
  await expect(rotatedRow).toHaveCount(1);

  // Dates, combined with the customer: only the rotation, 10 days ago, is in 12 → 5 days ago.
  await filters.getByLabel('From', { exact: true }).fill(await dayInPage(page, 12 * DAY));
  await filters.getByLabel('To', { exact: true }).fill(await dayInPage(page, 5 * DAY));
  await expect(rows).toHaveCount(1);
  await expect(rotatedRow).toHaveCount(1);

  // The raw payload still opens: normalized, then as delivered.
  await rotatedRow.getByRole('button', { name: 'Payload' }).click();
  await expect(inbox.getByText('"newIp": "203.0.113.7"')).toBeVisible();
  await expect(inbox.getByText('As received')).toBeVisible();
  await expect(inbox.getByText('"new_ip": "203.0.113.7"')).toBeVisible();
  await rotatedRow.getByRole('button', { name: 'Hide' }).click();
  await expect(inbox.getByText('As received')).toBeHidden();

  // The same dates without the customer: the other port's expiry (20 days ago) stays out, the rotation in.
  await filters.getByRole('button', { name: 'Change' }).click();
  await expect(filters.getByLabel('Customer', { exact: true })).toHaveValue('');
  await filters.getByLabel('From', { exact: true }).fill(await dayInPage(page, 25 * DAY));
  await expect(rows).toHaveCount(2);
  await expect(expired).toContainText('Proxy someone-elses-port expired');
  await expect(created).toHaveCount(0);
  await desk.screenshots('events-filters');

  // Nothing matches: the list says so and how to widen.
  await filters.getByLabel('Upstream account').selectOption({ label: 'Main Whozex' });
  await expect(events).toBeHidden();
  const empty = inbox.getByTestId('inbox-empty');
  await expect(empty).toContainText('No event matches Main Whozex');
  await expect(empty).toContainText('Widen the dates');
  await empty.getByRole('button', { name: 'clear every filter' }).click();
  await expect(rows).toHaveCount(4);
  await expect(filters.getByLabel('From', { exact: true })).toHaveValue('');

  // A "To" before "From" is explained, not silently empty.
  await filters.getByLabel('From', { exact: true }).fill(await dayInPage(page, 5 * DAY));
  await filters.getByLabel('To', { exact: true }).fill(await dayInPage(page, 30 * DAY));
  await expect(inbox.getByRole('alert')).toContainText('The “To” date is before the “From” date');
  await expect(events).toBeHidden();
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);
});

test('an acknowledged alert, then cleared, stays in the alert history', async ({ desk }) => {
  const { page } = desk;
  const bob = await desk.call('customers:create', { name: 'Bob Builder', email: 'bob@example.com' });
  // $2.00 of credit, under the default $5.00 rule.
  await desk.call('payments:record', { customerId: bob.id, amount: 200, method: 'bank' });
  desk.app.ctx.alerts.evaluate();

  await desk.open('/events');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  const active = alerts.getByRole('list', { name: 'Active alerts' });
  const item = active.getByRole('listitem').filter({ hasText: "Bob Builder's credit is low: $2.00" });
  await item.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(item).toContainText('acknowledged');
  await expect(item.getByRole('button', { name: 'Acknowledge' })).toBeHidden();

  const show = alerts.getByLabel('Show alerts');
  await show.selectOption({ label: 'Acknowledged' });
  await expect(alerts.getByRole('list', { name: 'Acknowledged alerts' }).getByRole('listitem')).toContainText(/Bob Builder's credit is low: \$2\.00.*raised .* · acknowledged /);
  await show.selectOption({ label: 'Cleared (history)' });
  await expect(alerts.getByText(/^No alert has cleared yet/)).toBeVisible();

  // Bob pays: the cause is gone, the alert clears and moves to the history.
  await desk.call('payments:record', { customerId: bob.id, amount: 1_000, method: 'bank' });
  desk.app.ctx.alerts.evaluate();
  const history = alerts.getByRole('list', { name: 'Cleared alerts' }).getByRole('listitem');
  await expect(history).toHaveCount(1);
  await expect(history).toContainText("Bob Builder's credit is low: $2.00");
  await expect(history).toContainText(/acknowledged .* · cleared /);
  await show.selectOption({ label: 'Active' });
  await expect(alerts.getByText(/^No alert\./)).toBeVisible();
  await show.selectOption({ label: 'All, with history' });
  await expect(alerts.getByRole('list', { name: 'All alerts' }).getByRole('listitem').filter({ hasText: 'Bob Builder' })).toContainText('cleared');
});
