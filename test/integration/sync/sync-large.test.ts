import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src/shared/contract/accounts';
import type { SyncProgress, SyncRunView, SyncStatus } from '../../../src/shared/contract/sync';
import { seedLargeAccount } from '../../../src/main/sandbox';
import { count, createHarness, type Harness } from '../accounts/harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function psxJson(harness: Harness, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${harness.sandbox.proxiesSx.baseUrl}${path}`, {
    method,
    headers: { 'x-api-key': harness.sandbox.proxiesSx.apiKey, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe('sync of a large Proxies.sx account', () => {
  it('pulls 10,000 customers and 20,000 ports without a 429 or a duplicate; the second sync is incremental', async () => {
    h = await createHarness();
    // Bulk rows straight into the sandbox's store (20,000 ports through the API would need
    // $40,000 of balance and more devices than the sandbox has); a few through the API too.
    seedLargeAccount(h.sandbox.proxiesSx.db, h.sandbox.clock, { customers: 10_000, portsPerCustomer: 2 });
    const viaApi = await psxJson(h, 'POST', '/reseller/customers', { email: 'api-made@example.com', name: 'Made via API', allocatedPortSlots: 2 });
    const countries = (await psxJson(h, 'GET', '/countries/with-devices')) as unknown as { _id: string; freeDeviceCount: number }[] | { countries: { _id: string; freeDeviceCount: number }[] };
    const list = Array.isArray(countries) ? countries : countries.countries;
    const country = list.find((c) => c.freeDeviceCount > 0)!;
    await psxJson(h, 'POST', '/reseller/ports', { customerId: viaApi._id, countryId: country._id, days: 30 });

    const account = await h.call<AccountView>('accounts:add', {
      provider: 'proxies-sx',
      name: 'Big',
      baseUrl: h.sandbox.proxiesSx.baseUrl,
      apiKey: h.sandbox.proxiesSx.apiKey,
    });
    const progress: SyncProgress[] = [];
    h.ctx.bus.subscribe((name, payload) => {
      if (name === 'event:sync-progress') progress.push(payload as SyncProgress);
    });

    const limiterBefore = h.limiter.seen;
    const [first] = await h.call<SyncRunView[]>('sync:run', { accountId: account.id });
    expect(first).toMatchObject({ status: 'completed', error: null });
    expect(h.limiter.refused).toBe(0);

    expect(count(h, 'SELECT count(*) FROM customers')).toBe(10_001);
    expect(count(h, 'SELECT count(*) FROM customer_links WHERE account_id = ?', account.id)).toBe(10_001);
    expect(count(h, 'SELECT count(*) FROM services WHERE provider_account_id = ?', account.id)).toBe(20_001);
    expect(count(h, 'SELECT count(DISTINCT upstream_id) FROM services WHERE provider_account_id = ?', account.id)).toBe(20_001);
    expect(count(h, "SELECT count(*) FROM services WHERE status = 'active'")).toBe(10_001);
    expect(first!.stats).toMatchObject({ customersCreated: 10_001, servicesCreated: 20_001 });
    // Progress reached the renderer phase by phase, ending with the totals.
    const lastServices = progress.filter((p) => p.phase === 'services').at(-1);
    expect(lastServices).toMatchObject({ accountId: account.id, done: 20_001, total: 20_001 });
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    // The balance was opened from the upstream's figure: 500.00 − 60.00 for the API-made port.
    expect(h.ctx.accounts.summary().total).toBe(44_000);

    const firstRequests = first!.requests;
    expect(h.limiter.seen - limiterBefore).toBeGreaterThanOrEqual(firstRequests);
    const [second] = await h.call<SyncRunView[]>('sync:run', { accountId: account.id });
    expect(second).toMatchObject({ status: 'completed' });
    expect(second!.requests).toBeLessThan(firstRequests / 10);
    expect(second!.stats.skipped).toEqual(expect.arrayContaining(['customers', 'services']));
    expect(count(h, 'SELECT count(*) FROM services WHERE provider_account_id = ?', account.id)).toBe(20_001);
    expect(count(h, 'SELECT count(*) FROM customers')).toBe(10_001);
    expect(count(h, "SELECT count(*) FROM sync_events WHERE severity = 'conflict'")).toBe(0);

    const status = await h.call<SyncStatus>('sync:status');
    expect(status.accounts[0]).toMatchObject({ accountId: account.id, running: false, resumable: false, lastRun: { runId: second!.runId } });
  }, 180_000);
});
