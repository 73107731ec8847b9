import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertView, EventsPage, InboxEventView } from '../../../src/shared/contract/events';
import { createCustomer } from '../../../src/main/services/customers/customer-store';
import { factKeys, recordLocalEvent, startEventServices } from '../../../src/main/services/events';
import { createTestApp, type TestApp } from '../../support/app';

let app: TestApp;
let acct: string;
const pushed: InboxEventView[] = [];

beforeEach(async () => {
  app = await createTestApp();
  acct = (await app.ctx.accounts.addUnverified({ provider: 'proxies-sx', name: 'PSX', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'psx_k_000000000000', isSandbox: true })).id;
  pushed.length = 0;
  app.ctx.bus.subscribe((name, payload) => {
    if (name === 'event:inbox') pushed.push(payload as InboxEventView);
  });
});

afterEach(async () => {
  await app.close();
});

async function list(input: Record<string, unknown> = {}): Promise<EventsPage> {
  const result = await app.dispatch('events:list', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as EventsPage;
}

describe('the event inbox', () => {
  it('records local operations once per fact key and pushes each new one to the renderer', () => {
    const first = recordLocalEvent(app.ctx, {
      type: 'port.created',
      accountId: acct,
      subject: 'port:P1',
      payload: { portId: 'P1', expiresAt: '2026-02-01T00:00:00.000Z' },
      factKey: factKeys.portCreated(acct, 'P1'),
    });
    expect(first).toMatchObject({ source: 'local', type: 'port.created', status: 'applied', accountName: 'PSX' });
    // The same fact again (say the webhook for the port the app just bought): nothing new.
    expect(recordLocalEvent(app.ctx, { type: 'port.created', accountId: acct, payload: { portId: 'P1' }, factKey: factKeys.portCreated(acct, 'P1') })).toBeNull();
    // Without a key every call is its own event.
    expect(recordLocalEvent(app.ctx, { type: 'customer.note', payload: { message: 'called the customer' } })).not.toBeNull();
    expect(pushed.map((e) => e.type)).toEqual(['port.created', 'customer.note']);
  });

  it('lists newest first with filters on type, account, source, date range and text, paged', async () => {
    for (let i = 0; i < 7; i++) {
      app.clock.advance(3_600_000);
      recordLocalEvent(app.ctx, {
        type: i % 2 === 0 ? 'package.usage' : 'balance.changed',
        accountId: i < 5 ? acct : null,
        payload: i % 2 === 0 ? { packageId: `PKG-${i}`, usedGbMilli: i * 100, totalGbMilli: 1000 } : { balance: 1000 * i, previousBalance: null, note: `marker-${i}` },
      });
    }
    const all = await list();
    expect(all.items).toHaveLength(7);
    expect(all.items.map((e) => e.seq)).toEqual([...all.items.map((e) => e.seq)].sort((a, b) => b - a));
    expect((await list({ type: 'balance.changed' })).items).toHaveLength(3);
    expect((await list({ type: ['balance.changed', 'package.usage'], accountId: acct })).items).toHaveLength(5);
    expect((await list({ source: 'webhook' })).items).toHaveLength(0);
    const from = all.items[4]!.occurredAt;
    const to = all.items[1]!.occurredAt;
    expect((await list({ from, to })).items.map((e) => e.occurredAt)).toEqual([all.items[2]!.occurredAt, all.items[3]!.occurredAt, all.items[4]!.occurredAt]);
    // Text matches the summary and the raw payload.
    expect((await list({ text: 'PKG-4' })).items).toHaveLength(1);
    const page1 = await list({ limit: 3 });
    const page2 = await list({ limit: 3, cursor: page1.nextCursor });
    const page3 = await list({ limit: 3, cursor: page2.nextCursor });
    expect([...page1.items, ...page2.items, ...page3.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id));
    expect(page3.nextCursor).toBeNull();
    expect(await app.dispatch('events:get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await app.dispatch('events:list', { source: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('finishes events a crash left unapplied at start-up, then runs the listener and re-checks alerts when the books change', async () => {
    const customer = createCustomer(app.ctx.ledger.sqlite, { email: 'ann@example.com', name: 'Ann' }, app.clock.now()).id;
    const now = app.clock.now().toISOString();
    app.ctx.ledger.sqlite
      .prepare(
        `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, expires_at, created_at, updated_at)
         VALUES ('svc-1', 'port', ?, ?, 'P1', 'active', ?, ?, ?)`,
      )
      .run(customer, acct, new Date(app.clock.now().getTime() + 86_400_000).toISOString(), now, now);
    // Committed to the inbox, then the process died before the effect was applied.
    app.ctx.ledger.sqlite
      .prepare(
        `INSERT INTO event_inbox (id, fact_key, source, type, account_id, subject, payload, occurred_at, received_at, status)
         VALUES ('e-1', ?, 'webhook', 'port.expired', ?, 'port:P1', ?, ?, ?, 'pending')`,
      )
      .run(factKeys.portExpired(acct, 'P1', null), acct, JSON.stringify({ portId: 'P1' }), now, now);

    const raised: AlertView[] = [];
    app.ctx.bus.subscribe((name, payload) => {
      if (name === 'event:alert-raised') raised.push(payload as AlertView);
    });
    const running = await startEventServices(app.ctx, { listenerPort: 0, poller: false, alertDebounceMs: 0 });
    try {
      expect(running.listenerError).toBeNull();
      expect(app.ctx.webhooks.running).toBe(true);
      expect(app.ctx.ledger.sqlite.prepare("SELECT status FROM services WHERE id = 'svc-1'").pluck().get()).toBe('expired');
      expect(app.ctx.events.get('e-1')).toMatchObject({ status: 'applied', effects: ['Service svc-1: status active → expired'] });
      // An expired proxy is not "expiring".
      expect(raised).toEqual([]);

      // Another service changes the books (here: a port row appears); the alerts follow.
      app.ctx.ledger.sqlite
        .prepare(
          `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, expires_at, created_at, updated_at)
           VALUES ('svc-2', 'port', ?, ?, 'P2', 'active', ?, ?, ?)`,
        )
        .run(customer, acct, new Date(app.clock.now().getTime() + 86_400_000).toISOString(), now, now);
      app.ctx.bus.emit('event:settings-changed', app.ctx.settings.get());
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(raised.map((a) => a.serviceId)).toEqual(['svc-2']);
    } finally {
      await running.stop();
    }
    expect(app.ctx.webhooks.running).toBe(false);
  });
});
