import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { recordSale } from '../../../src/main/services/money/sales';
import type { DashboardSummary } from '../../../src/shared/contract/dashboard';
import { createTestApp, type TestApp } from '../../support/app';

/**
 * A small business built through the real services on a real SQLite file: a real
 * Proxies.sx account and a sandbox one, deposits, sales in three months, services with
 * end dates, and an alert. "Now" is 2026-03-10 12:00 UTC; the burn window is the last 30
 * days, i.e. from 2026-02-08 12:00 UTC.
 */

const NOW = Date.UTC(2026, 2, 10, 12);
const DAY = 86_400_000;

let app: TestApp;
let customerId: string;

function insertAccount(id: string, name: string, sandbox: boolean): void {
  const at = new Date(NOW - 90 * DAY).toISOString();
  app.ctx.ledger.sqlite
    .prepare("INSERT INTO provider_accounts (id, provider, name, base_url, is_sandbox, created_at, updated_at) VALUES (?, 'proxies-sx', ?, 'http://127.0.0.1:1', ?, ?, ?)")
    .run(id, name, sandbox ? 1 : 0, at, at);
}

function sale(accountId: string, occurredAt: string, cost: number, price: number): void {
  recordSale(
    app.ctx.ledger.sqlite,
    { customerId, accountId, product: 'port', country: 'US', quantity: 30, unit: 'day', cost, price, occurredAt },
    app.clock.now(),
  );
}

function service(id: string, kind: 'port' | 'package', accountId: string, expiresInMs: number, status = 'active'): void {
  const at = new Date(NOW).toISOString();
  app.ctx.ledger.sqlite
    .prepare(
      `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, kind, customerId, accountId, `up-${id}`, status, `Label ${id}`, new Date(NOW + expiresInMs).toISOString(), at, at);
}

async function summary(input?: { months?: number; utcOffsetMinutes?: number }): Promise<DashboardSummary> {
  const result = await app.dispatch('dashboard:summary', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as DashboardSummary;
}

beforeEach(async () => {
  app = await createTestApp({ clock: new ManualClock(NOW) });
  insertAccount('psx', 'Main PSX', false);
  insertAccount('sbx', 'Demo PSX', true);
  customerId = app.ctx.customers.create({ name: 'Ada Lovelace', email: 'ada@example.com' }).id;
  app.ctx.money.recordPayment({ customerId, amount: 50_000, method: 'bank', occurredAt: '2026-01-02T10:00:00Z' });
  app.ctx.money.deposit({ accountId: 'psx', amount: 50_000, occurredAt: '2026-01-01T09:00:00Z' });
  app.ctx.money.deposit({ accountId: 'sbx', amount: 10_000, occurredAt: '2026-01-01T09:00:00Z' });
  sale('psx', '2026-01-20T10:00:00Z', 10_000, 12_000); // January
  sale('psx', '2026-02-08T11:00:00Z', 700, 900); // February, one hour before the burn window
  sale('psx', '2026-02-20T10:00:00Z', 6_000, 7_500); // February, in the window
  sale('psx', '2026-02-28T23:30:00Z', 1_000, 1_500); // February in UTC, March at UTC+1
  sale('psx', '2026-03-05T10:00:00Z', 2_000, 2_500); // March
  sale('sbx', '2026-03-01T10:00:00Z', 2_000, 5_000); // sandbox, March
});

afterEach(async () => {
  await app.close();
});

describe('dashboard:summary', () => {
  it('gives each account its balance, 30-day burn and runway = balance / burn per day, in whole days', async () => {
    const s = await summary();
    const psx = s.accounts.find((a) => a.accountId === 'psx')!;
    // 500.00 − 100.00 − 7.00 − 60.00 − 10.00 − 20.00
    expect(psx.balance).toBe(30_300);
    // In the window: 60.00 + 10.00 + 20.00 (the 7.00 sale is an hour too old).
    expect(psx.recentSpend).toBe(9_000);
    expect(psx.burnPerDay).toBe(300);
    // 303.00 / 3.00 a day = 101 days.
    expect(psx.runwayDays).toBe(101);
    expect(psx.runwayDays).toBe(Math.floor(psx.balance / psx.burnPerDay));
    expect(psx.isSandbox).toBe(false);
  });

  it('rounds the burn per day once, half away from zero, and floors the runway from the unrounded burn', async () => {
    app.ctx.money.deposit({ accountId: 'psx', amount: 1, occurredAt: '2026-03-09T00:00:00Z' });
    sale('psx', '2026-03-09T10:00:00Z', 15, 20); // spend 90.15 → 3.005/day → 3.01
    const psx = (await summary()).accounts.find((a) => a.accountId === 'psx')!;
    expect(psx.recentSpend).toBe(9_015);
    expect(psx.burnPerDay).toBe(301);
    // floor(30286 × 30 / 9015) = floor(100.78…) = 100.
    expect(psx.balance).toBe(30_286);
    expect(psx.runwayDays).toBe(100);
  });

  it('keeps sandbox accounts flagged and out of the real totals', async () => {
    const s = await summary();
    const sbx = s.accounts.find((a) => a.accountId === 'sbx')!;
    expect(sbx).toMatchObject({ isSandbox: true, balance: 8_000, recentSpend: 2_000, burnPerDay: 67, runwayDays: 120 });
    expect(s.totals.real).toEqual({ balance: 30_300, recentSpend: 9_000, burnPerDay: 300, runwayDays: 101, accounts: 1 });
    expect(s.totals.sandbox).toEqual({ balance: 8_000, recentSpend: 2_000, burnPerDay: 67, runwayDays: 120, accounts: 1 });
    const march = s.months.at(-1)!;
    expect(march.sandbox).toEqual({ revenue: 5_000, cost: 2_000, profit: 3_000 });
    expect(march).toMatchObject({ revenue: 2_500, cost: 2_000, profit: 500 });
  });

  it('has no runway when nothing was spent in the window, and zero days when the balance is gone', async () => {
    insertAccount('idle', 'Idle account', false);
    app.ctx.money.deposit({ accountId: 'idle', amount: 1_000, occurredAt: '2026-01-01T09:00:00Z' });
    insertAccount('drained', 'Drained account', false);
    sale('drained', '2026-03-09T10:00:00Z', 500, 600); // no deposit: the balance is −5.00
    const s = await summary();
    expect(s.accounts.find((a) => a.accountId === 'idle')).toMatchObject({ balance: 1_000, recentSpend: 0, burnPerDay: 0, runwayDays: null });
    expect(s.accounts.find((a) => a.accountId === 'drained')).toMatchObject({ balance: -500, recentSpend: 500, runwayDays: 0 });
  });

  it('splits months at UTC midnight by default and at local midnight for an offset', async () => {
    const utc = await summary({ months: 3 });
    expect(utc.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(utc.months.map((m) => [m.from, m.to])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      ['2026-03-01T00:00:00.000Z', new Date(NOW).toISOString()],
    ]);
    expect(utc.months.map((m) => m.revenue)).toEqual([12_000, 900 + 7_500 + 1_500, 2_500]);
    expect(utc.months.map((m) => m.cost)).toEqual([10_000, 700 + 6_000 + 1_000, 2_000]);
    expect(utc.months.map((m) => m.profit)).toEqual([2_000, 2_200, 500]);

    // At UTC+1 the sale at 23:30 UTC on 28 February is on 1 March.
    const berlin = await summary({ months: 3, utcOffsetMinutes: 60 });
    expect(berlin.months[2]!.from).toBe('2026-02-28T23:00:00.000Z');
    expect(berlin.months.map((m) => m.revenue)).toEqual([12_000, 900 + 7_500, 1_500 + 2_500]);
  });

  it('counts a sale at exactly midnight in the month it opens, and one at the current instant in this month', async () => {
    sale('psx', '2026-03-01T00:00:00.000Z', 100, 300);
    sale('psx', new Date(NOW).toISOString(), 100, 400);
    const s = await summary({ months: 2 });
    expect(s.months[0]!.revenue).toBe(900 + 7_500 + 1_500);
    expect(s.months[1]!.revenue).toBe(2_500 + 300 + 400);
  });

  it('lists active services ending within 7 days, soonest first, with the customer, and counts open alerts', async () => {
    service('p1', 'port', 'psx', 2 * DAY);
    service('k1', 'package', 'sbx', 6 * DAY);
    service('p2', 'port', 'psx', 8 * DAY); // too far
    service('p3', 'port', 'psx', -DAY); // already ended
    service('p4', 'port', 'psx', DAY, 'cancelled');
    const s = await summary();
    expect(s.expiring.total).toBe(2);
    expect(s.expiring.items.map((i) => [i.serviceId, i.kind, i.customerName, i.isSandbox])).toEqual([
      ['p1', 'port', 'Ada Lovelace', false],
      ['k1', 'package', 'Ada Lovelace', true],
    ]);

    expect(s.openAlerts).toBe(0);
    const raised = app.ctx.alerts.evaluate().raised;
    expect(raised.map((a) => a.kind)).toContain('proxy_expiring');
    expect((await summary()).recentAlerts.map((a) => a.id).sort()).toEqual(raised.map((a) => a.id).sort());
    expect((await summary()).openAlerts).toBe(raised.length);
    app.ctx.alerts.acknowledge(raised[0]!.id);
    expect((await summary()).openAlerts).toBe(raised.length - 1);
  });

  it('refuses unknown fields', async () => {
    const result = await app.dispatch('dashboard:summary', { months: 3, extra: true });
    expect(result.ok).toBe(false);
  });
});
