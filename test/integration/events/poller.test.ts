import { afterEach, describe, expect, it } from 'vitest';
import type { AlertView, EventsPage, PollRunResult } from '../../../src/shared/contract/events';
import { accountBalance, ledgerAccounts } from '../../../src/main/ledger/journal';
import { factKeys } from '../../../src/main/services/events';
import { dailyBasisPoints } from '../../../src/main/sandbox/whozex/usage-model';
import { countRows, createEventsHarness, psxDeposit, US, type EventsHarness } from './harness';
import { depositAtSandbox } from '../../../src/main/services/demo/sandbox-funds';

let h: EventsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const kinds = (alerts: AlertView[], kind: string) => alerts.filter((a) => a.kind === kind);

async function pollAll(harness: EventsHarness): Promise<PollRunResult[]> {
  const results = await harness.call<PollRunResult[]>('poller:run-now');
  for (const r of results) expect(r, JSON.stringify(r.error)).toMatchObject({ ok: true });
  return results;
}

describe('polling fallback with webhooks off', () => {
  it('raises "expiring in 3 days", "balance low" and "package at 10 %" each exactly once, and resets after they clear', async () => {
    h = await createEventsHarness();
    const psx = h.provider(h.psx);
    const wzx = h.provider(h.wzx);

    // Upstream business: a Proxies.sx customer with a 5-day port; a Whozex sub-user with
    // a 10 GB package that burns at least 4.5 % a day (so it reaches 10 % before it expires).
    const psxCustomer = await psx.createCustomer({ email: 'ann@example.com', name: 'Ann', allocatedPortSlots: 3 }, h.key());
    const port = (await psx.createPort({ customerId: psxCustomer.id, countryId: US, days: 5 }, h.key())).port;
    const wzxCustomer = await wzx.createCustomer({ email: 'bob@example.com', name: 'Bob' }, h.key());
    await wzx.topUpCustomer(wzxCustomer.id, { amount: 10_000 }, h.key());
    let pkg = (await wzx.createPackage({ customerId: wzxCustomer.id, gb: 10 }, h.key())).package;
    for (let i = 0; i < 20 && dailyBasisPoints(pkg.id) < 450; i++) pkg = (await wzx.createPackage({ customerId: wzxCustomer.id, gb: 10 }, h.key())).package;
    expect(dailyBasisPoints(pkg.id)).toBeGreaterThanOrEqual(450);

    // The app learns about them through a sync (customers, services, opening balances).
    const runs = await h.call<{ status: string }[]>('sync:run');
    expect(runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    // Whozex lists no packages: the app knows a package from the purchase it made (here:
    // the local event an operation would record) or from the package.created webhook.
    h.ctx.events.recordLocal({
      type: 'package.created',
      accountId: h.wzx.id,
      subject: `package:${pkg.id}`,
      payload: { packageId: pkg.id, customerUpstreamId: wzxCustomer.id, totalGbMilli: pkg.totalGbMilli, usedGbMilli: 0, proxyType: pkg.proxyType },
      factKey: factKeys.packageCreated(h.wzx.id, pkg.id),
    });
    const portService = h.ctx.ledger.sqlite.prepare("SELECT id FROM services WHERE kind = 'port' AND upstream_id = ?").pluck().get(port.id) as string;
    const pkgService = h.ctx.ledger.sqlite.prepare("SELECT id FROM services WHERE kind = 'package' AND upstream_id = ?").pluck().get(pkg.id) as string;
    expect(portService).toBeTruthy();
    expect(pkgService).toBeTruthy();

    await pollAll(h);
    expect(h.raised).toEqual([]);

    // 2.5 days later the port is within 3 days of its end.
    await h.advance({ days: 2.5 });
    for (let i = 0; i < 3; i++) await pollAll(h);
    expect(kinds(h.raised, 'proxy_expiring')).toHaveLength(1);
    expect(kinds(h.raised, 'proxy_expiring')[0]).toMatchObject({ serviceId: portService, page: '/proxies' });
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.expiring' AND source = 'poll'")).toBe(1);

    // Spent outside the app: a 220-day port takes the balance from $490 to $50, a 1-day one to $48.
    await psx.createPort({ customerId: psxCustomer.id, countryId: US, days: 220 }, h.key());
    await pollAll(h);
    expect(kinds(h.raised, 'balance_low')).toHaveLength(0); // $50.00 is not below $50.00
    await psx.createPort({ customerId: psxCustomer.id, countryId: US, days: 1 }, h.key());
    for (let i = 0; i < 3; i++) await pollAll(h);
    expect(kinds(h.raised, 'balance_low')).toHaveLength(1);
    expect(kinds(h.raised, 'balance_low')[0]).toMatchObject({ accountId: h.psx.id, details: { balance: 4_800 } });
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'balance.low'")).toBe(1);
    // The books are checked, never overwritten: the poll records the difference as a conflict.
    expect(accountBalance(h.ctx.ledger.sqlite, ledgerAccounts.upstream(h.psx.id))).toBe(49_000);
    const conflicts = await h.call<EventsPage>('events:list', { type: 'ledger.balance_mismatch', accountId: h.psx.id });
    expect(conflicts.items.map((e) => e.payload)).toContainEqual(expect.objectContaining({ upstreamBalance: 4_800, ledgerBalance: 49_000 }));

    // Package usage: day by day until it is at 10 % or less; polled twice a day.
    for (let half = 0; half < 50 && kinds(h.raised, 'package_low').every((a) => a.serviceId !== pkgService); half++) {
      await h.advance({ hours: 12 });
      await pollAll(h);
      await pollAll(h);
    }
    const pkgAlerts = h.raised.filter((a) => a.kind === 'package_low' && a.serviceId === pkgService);
    expect(pkgAlerts).toHaveLength(1);
    expect(pkgAlerts[0]!.details.remainingPercent as number).toBeLessThanOrEqual(10);
    for (let i = 0; i < 3; i++) await pollAll(h);
    // Every alert subject was raised once, however many polls saw it.
    const subjects = h.raised.map((a) => `${a.kind}|${a.subjectKey}`);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'package.low_gb' AND subject = ?", `package:${pkg.id}`)).toBe(1);
    const usage = h.ctx.ledger.sqlite.prepare('SELECT used_gb_milli, total_gb_milli FROM services WHERE id = ?').get(pkgService) as { used_gb_milli: number; total_gb_milli: number };
    expect(usage.used_gb_milli * 10).toBeGreaterThanOrEqual(usage.total_gb_milli * 9);

    // Hysteresis: each alert clears when its condition does, and can fire again afterwards.
    const raisedBefore = h.raised.length;
    await psxDeposit(h, 20_000);
    // The search for a fast-burning package above bought up to 20 packages from Bob's $100:
    // give him the $20 the GB cost, through the reseller's Whozex balance (deposited, then
    // moved), so that balance ends where it was and raises nothing.
    await depositAtSandbox(h.sandbox, 'whozex', 2_000);
    await wzx.topUpCustomer(wzxCustomer.id, { amount: 2_000 }, h.key());
    await wzx.addGb(pkg.id, { gb: 20 }, h.key());
    await pollAll(h);
    expect(kinds(h.cleared, 'balance_low')).toHaveLength(1);
    expect(h.cleared.some((a) => a.kind === 'package_low' && a.serviceId === pkgService)).toBe(true);
    await psx.createPort({ customerId: psxCustomer.id, countryId: US, days: 100 }, h.key()); // $248 → $48
    await pollAll(h);
    await pollAll(h);
    expect(kinds(h.raised, 'balance_low')).toHaveLength(2);
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'balance.low'")).toBe(2);
    expect(h.raised.length).toBe(raisedBefore + 1);
  });

  it('turns an expiry it sees into the service status, and an extension into a cleared alert', async () => {
    h = await createEventsHarness();
    const psx = h.provider(h.psx);
    const customer = await psx.createCustomer({ email: 'cy@example.com', name: 'Cy', allocatedPortSlots: 2 }, h.key());
    const short = (await psx.createPort({ customerId: customer.id, countryId: US, days: 2 }, h.key())).port;
    const long = (await psx.createPort({ customerId: customer.id, countryId: US, days: 3 }, h.key())).port;
    await h.call('sync:run', { accountId: h.psx.id });
    await pollAll(h);
    expect(kinds(h.raised, 'proxy_expiring')).toHaveLength(2);

    await psx.extendPort(long.id, { days: 30 }, h.key());
    await h.advance({ days: 2, hours: 1 });
    await pollAll(h);
    await pollAll(h);
    const status = (id: string) => h!.ctx.ledger.sqlite.prepare("SELECT status FROM services WHERE kind = 'port' AND upstream_id = ?").pluck().get(id);
    expect(status(short.id)).toBe('expired');
    expect(status(long.id)).toBe('active');
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.expired'")).toBe(1);
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.extended'")).toBe(1);
    // Both alerts cleared: one because the port ended, one because it was extended.
    expect(kinds(h.cleared, 'proxy_expiring')).toHaveLength(2);
    expect(kinds(h.raised, 'proxy_expiring')).toHaveLength(2);
    const settings = await h.call<{ accounts: { accountId: string; lastOkAt: string | null; lastBalance: number | null }[] }>('poller:settings');
    expect(settings.accounts.find((a) => a.accountId === h!.psx.id)).toMatchObject({ lastOkAt: expect.any(String), lastBalance: 43_000 });
  });
});
