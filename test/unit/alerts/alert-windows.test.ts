import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerAccounts, postTransaction } from '../../../src/main/ledger/journal';
import { createCustomer } from '../../../src/main/services/customers/customer-store';
import { createTestApp, type TestApp } from '../../support/app';

/**
 * The alert rules narrow their reads in SQL (ports by end date, customers by credit):
 * the windows must be exactly the rules' windows, overrides included; and new inbox events
 * only ask for a (coalesced) evaluation instead of running the rules each time.
 */

const DAY = 86_400_000;
let app: TestApp;
let acct: string;

beforeEach(async () => {
  app = await createTestApp();
  acct = (await app.ctx.accounts.addUnverified({ provider: 'proxies-sx', name: 'PSX main', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'psx_k_000000000000', isSandbox: false })).id;
});

afterEach(async () => {
  await app.close();
});

const customer = (email: string) => createCustomer(app.ctx.ledger.sqlite, { email, name: email.split('@')[0]! }, app.clock.now()).id;

function addPort(customerId: string, upstreamId: string, msFromNow: number): string {
  const id = `svc-${upstreamId}`;
  const now = app.clock.now().toISOString();
  app.ctx.ledger.sqlite
    .prepare(
      `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, expires_at, created_at, updated_at)
       VALUES (?, 'port', ?, ?, ?, 'active', ?, ?, ?, ?)`,
    )
    .run(id, customerId, acct, upstreamId, upstreamId, new Date(app.clock.now().getTime() + msFromNow).toISOString(), now, now);
  return id;
}

function pay(customerId: string, amount: number): void {
  const at = app.clock.now();
  postTransaction(
    app.ctx.ledger.sqlite,
    {
      kind: 'payment',
      description: 'payment',
      occurredAt: at,
      customerId,
      postings: [
        { account: ledgerAccounts.cash, amount },
        { account: ledgerAccounts.credit(customerId), amount: -amount },
      ],
    },
    at,
  );
}

const activeIds = (kind: string, field: 'serviceId' | 'customerId') =>
  app.ctx.alerts
    .list({ status: 'active' })
    .filter((a) => a.kind === kind)
    .map((a) => a[field])
    .sort();

describe('alert windows read in SQL', () => {
  it('finds a port ending just inside the 3-day window and not one just outside it', () => {
    const ann = customer('ann@example.com');
    const inside = addPort(ann, 'IN', 3 * DAY - 1_000);
    const edge = addPort(ann, 'EDGE', 3 * DAY);
    addPort(ann, 'OUT', 3 * DAY + 1_000);
    addPort(ann, 'LATER', 10 * DAY);
    app.ctx.alerts.evaluate();
    expect(activeIds('proxy_expiring', 'serviceId')).toEqual([edge, inside].sort());
  });

  it('finds the ports of a customer whose override is wider than the default and the account rule', () => {
    const ann = customer('ann@example.com');
    const bob = customer('bob@example.com');
    app.ctx.alerts.updateRule({ kind: 'proxy_expiring', scope: 'account', scopeId: acct, params: { withinDays: 5 } });
    app.ctx.alerts.updateRule({ kind: 'proxy_expiring', scope: 'customer', scopeId: ann, params: { withinDays: 20 } });
    const annFar = addPort(ann, 'ANN-15', 15 * DAY);
    addPort(ann, 'ANN-25', 25 * DAY);
    const bobNear = addPort(bob, 'BOB-4', 4 * DAY);
    addPort(bob, 'BOB-15', 15 * DAY);
    app.ctx.alerts.evaluate();
    expect(activeIds('proxy_expiring', 'serviceId')).toEqual([annFar, bobNear].sort());

    // A narrower override still narrows: Ann's 15-day port clears at 1 day.
    app.ctx.alerts.updateRule({ kind: 'proxy_expiring', scope: 'customer', scopeId: ann, params: { withinDays: 1 } });
    expect(activeIds('proxy_expiring', 'serviceId')).toEqual([bobNear]);
  });

  it('finds a customer above the default credit threshold when their own threshold is higher', () => {
    const ann = customer('ann@example.com');
    const bob = customer('bob@example.com');
    const cy = customer('cy@example.com');
    pay(ann, 499); // under the default $5.00
    pay(bob, 2_000); // over the default, under Bob's own $30.00
    pay(cy, 500); // exactly the default: not below
    app.ctx.alerts.updateRule({ kind: 'customer_credit_low', scope: 'customer', scopeId: bob, params: { belowAmount: 3_000 } });
    expect(activeIds('customer_credit_low', 'customerId')).toEqual([ann, bob].sort());
  });
});

describe('alert evaluation after inbox events', () => {
  it('runs the rules a bounded number of times for a burst of 1,000 events, and still raises what they show', async () => {
    const ann = customer('ann@example.com');
    const port = addPort(ann, 'P1', DAY);
    const before = app.ctx.alerts.evaluations;
    for (let i = 0; i < 1000; i++) app.ctx.events.recordLocal({ type: 'note.added', accountId: acct, payload: { i } });
    // Nothing ran on the request path; one evaluation is pending for the whole burst.
    expect(app.ctx.alerts.evaluations - before).toBe(0);
    expect(app.ctx.alerts.flush()).not.toBeNull();
    expect(app.ctx.alerts.evaluations - before).toBe(1);
    expect(activeIds('proxy_expiring', 'serviceId')).toEqual([port]);
    // Nothing left to run.
    expect(app.ctx.alerts.flush()).toBeNull();
    expect(app.ctx.alerts.evaluations - before).toBe(1);
  });
});
