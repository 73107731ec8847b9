import { afterEach, describe, expect, it } from 'vitest';
import type { PollerSettingsView, PollRunResult } from '../../../src/shared/contract/events';
import { factKeys } from '../../../src/main/services/events';
import { createPollerService } from '../../../src/main/services/poller/poller-service';
import { createEventsHarness, type EventsHarness } from './harness';

let h: EventsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('poller budget and failures', () => {
  it('stays within its request budget per look and covers every package over successive looks', async () => {
    h = await createEventsHarness();
    const wzx = h.provider(h.wzx);
    const bob = await wzx.createCustomer({ email: 'bob@example.com', name: 'Bob' }, h.key());
    await wzx.topUpCustomer(bob.id, { amount: 10_000 }, h.key());
    await h.call('sync:run', { accountId: h.wzx.id });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const pkg = (await wzx.createPackage({ customerId: bob.id, gb: 1 }, h.key())).package;
      ids.push(pkg.id);
      h.ctx.events.recordLocal({
        type: 'package.created',
        accountId: h.wzx.id,
        payload: { packageId: pkg.id, customerUpstreamId: bob.id, totalGbMilli: pkg.totalGbMilli, usedGbMilli: 0 },
        factKey: factKeys.packageCreated(h.wzx.id, pkg.id),
      });
    }
    await h.advance({ days: 2 });

    // 3 calls per look: the balance and two packages.
    const poller = createPollerService({ ...h.ctx, maxRequestsPerRun: 3 });
    let seen: PollRunResult[] = [];
    for (let look = 0; look < 3; look++) {
      const [result] = await poller.runNow(h.wzx.id);
      expect(result).toMatchObject({ ok: true, requests: 3 });
      seen = [...seen, result!];
    }
    // Every package's usage was refreshed (5 packages, 2 per look, 3 looks).
    const refreshed = h.ctx.ledger.sqlite
      .prepare("SELECT upstream_id FROM services WHERE kind = 'package' AND used_gb_milli > 0 ORDER BY upstream_id")
      .pluck()
      .all();
    expect(refreshed).toEqual([...ids].sort());
    expect(seen).toHaveLength(3);
  });

  it('records a failed look (upstream down) without events and recovers on the next one', async () => {
    h = await createEventsHarness();
    h.sandbox.faults.configure({ errorRate: 1 });
    const failed = await h.call<PollRunResult[]>('poller:run-now', { accountId: h.psx.id });
    expect(failed[0]).toMatchObject({ ok: false, newEvents: 0, error: { code: expect.stringMatching(/^UPSTREAM_/) } });
    let view = await h.call<PollerSettingsView>('poller:settings');
    expect(view.accounts.find((a) => a.accountId === h!.psx.id)).toMatchObject({ lastOkAt: null, lastError: { code: failed[0]!.error!.code } });

    h.sandbox.faults.configure({ errorRate: 0 });
    const ok = await h.call<PollRunResult[]>('poller:run-now', { accountId: h.psx.id });
    expect(ok[0]).toMatchObject({ ok: true, error: null });
    view = await h.call<PollerSettingsView>('poller:settings', { intervalMinutes: 15, enabled: false });
    expect(view).toMatchObject({ enabled: false, intervalMinutes: 15 });
    expect(view.accounts.find((a) => a.accountId === h!.psx.id)).toMatchObject({ lastError: null, lastBalance: 50_000 });
    expect(h.ctx.settings.get().pollIntervalMinutes).toBe(15);
    expect(await h.dispatch('poller:run-now', { accountId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
