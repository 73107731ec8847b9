import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertView } from '../../../src/shared/contract/events';
import { ledgerAccounts, postTransaction } from '../../../src/main/ledger/journal';
import { getTrayFeed } from '../../../src/main/services/alerts';
import { createCustomer } from '../../../src/main/services/customers/customer-store';
import { createTestApp, type TestApp } from '../../support/app';

const DAY = 86_400_000;
let app: TestApp;
let raised: AlertView[];
let cleared: AlertView[];
let acct: string;
let customer: string;

function sql(text: string, ...args: unknown[]) {
  return app.ctx.ledger.sqlite.prepare(text).run(...args);
}

function addService(kind: 'port' | 'package', upstreamId: string, fields: { expiresAt?: string; total?: number; used?: number }): string {
  const id = `svc-${upstreamId}`;
  const now = app.clock.now().toISOString();
  sql(
    `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, total_gb_milli, used_gb_milli, expires_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)`,
    id, kind, customer, acct, upstreamId, upstreamId, fields.total ?? null, fields.used ?? null, fields.expiresAt ?? null, now, now,
  );
  return id;
}

function observeBalance(cents: number) {
  const now = app.clock.now().toISOString();
  sql(
    `INSERT INTO upstream_observations (account_id, balance, balance_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET balance = excluded.balance, balance_at = excluded.balance_at`,
    acct, cents, now, now,
  );
}

const evaluate = () => app.ctx.alerts.evaluate();
const active = (kind?: string) => app.ctx.alerts.list({ status: 'active' }).filter((a) => !kind || a.kind === kind);

beforeEach(async () => {
  app = await createTestApp();
  raised = [];
  cleared = [];
  app.ctx.bus.subscribe((name, payload) => {
    if (name === 'event:alert-raised') raised.push(payload as AlertView);
    if (name === 'event:alert-cleared') cleared.push(payload as AlertView);
  });
  acct = (await app.ctx.accounts.addUnverified({ provider: 'proxies-sx', name: 'PSX main', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'psx_k_000000000000', isSandbox: false })).id;
  customer = createCustomer(app.ctx.ledger.sqlite, { email: 'ann@example.com', name: 'Ann' }, app.clock.now()).id;
});

afterEach(async () => {
  await app.close();
});

describe('alert rules with hysteresis', () => {
  it('raises "proxy expiring" once when it comes within 3 days, and again only after it cleared', () => {
    const service = addService('port', 'P1', { expiresAt: new Date(app.clock.now().getTime() + 5 * DAY).toISOString() });
    expect(evaluate().raised).toHaveLength(0);

    app.clock.advance(2.5 * DAY);
    expect(evaluate().raised).toHaveLength(1);
    for (let i = 0; i < 5; i++) expect(evaluate().raised).toHaveLength(0);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ kind: 'proxy_expiring', serviceId: service, customerId: customer, page: '/proxies', status: 'open' });
    expect(raised[0]!.title).toContain('Ann');

    // Extended by 30 days: the condition is false, the alert clears (once).
    sql('UPDATE services SET expires_at = ? WHERE id = ?', new Date(app.clock.now().getTime() + 30 * DAY).toISOString(), service);
    expect(evaluate().cleared).toHaveLength(1);
    expect(evaluate().cleared).toHaveLength(0);
    expect(active()).toHaveLength(0);

    // Nearing the new end is a new alert.
    app.clock.advance(28 * DAY);
    expect(evaluate().raised).toHaveLength(1);
    expect(raised).toHaveLength(2);
    expect(app.ctx.alerts.list({ status: 'all' })).toHaveLength(2);
  });

  it('raises "package at 10 %" at the threshold, follows the numbers silently, clears when GB are added', () => {
    const service = addService('package', 'PKG-1', { total: 10_000, used: 8_900 });
    expect(evaluate().raised).toHaveLength(0);
    sql('UPDATE services SET used_gb_milli = 9_000 WHERE id = ?', service);
    const first = evaluate().raised;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'package_low', page: `/customers/${customer}`, details: { remainingPercent: 10, remainingGbMilli: 1_000 } });

    sql('UPDATE services SET used_gb_milli = 9_500 WHERE id = ?', service);
    expect(evaluate().raised).toHaveLength(0);
    expect(active('package_low')[0]!.details).toMatchObject({ remainingGbMilli: 500, remainingPercent: 5 });
    expect(raised).toHaveLength(1);

    sql('UPDATE services SET total_gb_milli = 20_000 WHERE id = ?', service);
    expect(evaluate().cleared).toHaveLength(1);
    expect(cleared[0]!.id).toBe(first[0]!.id);
  });

  it('takes a GB amount rule per customer over the default percentage', () => {
    addService('package', 'PKG-2', { total: 100_000, used: 85_000 }); // 15 % left
    expect(evaluate().raised).toHaveLength(0);
    app.ctx.alerts.updateRule({ kind: 'package_low', scope: 'customer', scopeId: customer, params: { belowGbMilli: 20_000 } });
    expect(active('package_low')).toHaveLength(1);
    app.ctx.alerts.updateRule({ kind: 'package_low', scope: 'customer', scopeId: customer, reset: true });
    expect(active('package_low')).toHaveLength(0);
  });

  it('raises "balance low" below the amount, and an account override moves the line', () => {
    observeBalance(6_000);
    expect(evaluate().raised).toHaveLength(0);
    observeBalance(4_000);
    const [alert] = evaluate().raised;
    expect(alert).toMatchObject({ kind: 'balance_low', accountId: acct, page: '/settings', details: { balance: 4_000, reason: 'amount' } });
    expect(evaluate().raised).toHaveLength(0);

    const rules = app.ctx.alerts.updateRule({ kind: 'balance_low', scope: 'account', scopeId: acct, params: { belowAmount: 3_000 } });
    expect(rules.find((r) => r.kind === 'balance_low' && r.scope === 'account')).toMatchObject({ scopeName: 'PSX main', params: { belowAmount: 3_000, runwayDays: 7 } });
    expect(active('balance_low')).toHaveLength(0);
    expect(cleared).toHaveLength(1);
  });

  it('raises "balance low" on a short runway at the recent burn rate from cost postings', () => {
    observeBalance(20_000); // $200, above the $50 line
    expect(evaluate().raised).toHaveLength(0);
    // $50/day of wholesale cost over the last 7 days → $200 lasts 4 days < 7.
    for (let d = 1; d <= 7; d++) {
      postTransaction(
        app.ctx.ledger.sqlite,
        {
          kind: 'adjustment',
          description: 'port cost',
          occurredAt: new Date(app.clock.now().getTime() - d * DAY + 1000),
          providerAccountId: acct,
          postings: [
            { account: ledgerAccounts.cost(acct), amount: 5_000 },
            { account: ledgerAccounts.upstream(acct), amount: -5_000 },
          ],
        },
        app.clock.now(),
      );
    }
    const [alert] = evaluate().raised;
    expect(alert).toMatchObject({ kind: 'balance_low', details: { reason: 'runway', daysLeft: 4, recentSpend: 35_000 } });
    app.ctx.alerts.updateRule({ kind: 'balance_low', scope: 'default', params: { runwayDays: 3 } });
    expect(active('balance_low')).toHaveLength(0);
  });

  it('raises "credit low" for a prepaid customer and respects a per-customer amount', () => {
    const pay = (amount: number) =>
      postTransaction(
        app.ctx.ledger.sqlite,
        {
          kind: 'payment',
          description: 'payment',
          occurredAt: app.clock.now(),
          customerId: customer,
          postings: [
            { account: ledgerAccounts.cash, amount },
            { account: ledgerAccounts.credit(customer), amount: -amount },
          ],
        },
        app.clock.now(),
      );
    // A customer without prepaid credit is not nagged about it.
    expect(evaluate().raised).toHaveLength(0);
    pay(300);
    const [alert] = evaluate().raised;
    expect(alert).toMatchObject({ kind: 'customer_credit_low', customerId: customer, page: `/customers/${customer}`, details: { credit: 300 } });
    app.ctx.alerts.updateRule({ kind: 'customer_credit_low', scope: 'customer', scopeId: customer, params: { belowAmount: 200 } });
    expect(active('customer_credit_low')).toHaveLength(0);
  });

  it('refuses rules for the wrong scope and unknown subjects', async () => {
    const wrong = await app.dispatch('alert-rules:update', { kind: 'customer_credit_low', scope: 'account', scopeId: acct });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scope' } });
    const unknown = await app.dispatch('alert-rules:update', { kind: 'proxy_expiring', scope: 'customer', scopeId: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await app.dispatch('alert-rules:update', { kind: 'proxy_expiring', scope: 'default', params: { withinDays: 0 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const list = await app.dispatch('alert-rules:list', undefined);
    expect(list).toMatchObject({ ok: true });
    const rules = (list as { value: { kind: string; scope: string; params: unknown; stored: boolean }[] }).value;
    expect(rules.filter((r) => r.scope === 'default').map((r) => [r.kind, r.params, r.stored])).toEqual([
      ['balance_low', { belowAmount: 5_000, runwayDays: 7, burnWindowDays: 7 }, false],
      ['customer_credit_low', { belowAmount: 500 }, false],
      ['package_low', { belowPercent: 10, belowGbMilli: null }, false],
      ['proxy_expiring', { withinDays: 3 }, false],
    ]);
  });

  it('acknowledging keeps the alert active (no new one) but takes it out of the tray', async () => {
    observeBalance(1_000);
    addService('port', 'P2', { expiresAt: new Date(app.clock.now().getTime() + DAY).toISOString() });
    evaluate();
    let feed = getTrayFeed(app.ctx);
    expect(feed.balances).toEqual([{ accountName: 'PSX main', balanceText: '$10.00', isSandbox: false }]);
    expect(feed.openAlerts.map((a) => a.page).sort()).toEqual(['/proxies', '/settings']);

    const balanceAlert = active('balance_low')[0]!;
    const ack = await app.dispatch('alerts:acknowledge', { id: balanceAlert.id });
    expect(ack).toMatchObject({ ok: true, value: { status: 'acknowledged' } });
    expect(evaluate().raised).toHaveLength(0);
    feed = getTrayFeed(app.ctx);
    expect(feed.openAlerts.map((a) => a.page)).toEqual(['/proxies']);
    expect(active()).toHaveLength(2);

    // Cleared after acknowledgement, then true again: a new, open alert.
    observeBalance(9_000);
    expect(evaluate().cleared.map((a) => a.id)).toEqual([balanceAlert.id]);
    observeBalance(1_000);
    expect(evaluate().raised).toHaveLength(1);
    expect(getTrayFeed(app.ctx).openAlerts).toHaveLength(2);
  });
});
