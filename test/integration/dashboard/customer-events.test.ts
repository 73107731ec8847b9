import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkCustomer } from '../../../src/main/services/customers/customer-links';
import type { EventsPage } from '../../../src/shared/contract/events';
import { createTestApp, type TestApp } from '../../support/app';

/** `events:list { customerId }`: what the inbox says about one customer, for their timeline. */

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
});

function account(id: string): void {
  const at = app.clock.now().toISOString();
  app.ctx.ledger.sqlite
    .prepare("INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES (?, 'proxies-sx', ?, 'http://127.0.0.1:1', ?, ?)")
    .run(id, `Account ${id}`, at, at);
}

describe('events:list with customerId', () => {
  it("returns the events on the customer's upstream user, proxies and packages, and local events naming them — nobody else's", async () => {
    account('a1');
    account('a2');
    const ada = app.ctx.customers.create({ name: 'Ada', email: 'ada@example.com' }).id;
    const bob = app.ctx.customers.create({ name: 'Bob', email: 'bob@example.com' }).id;
    linkCustomer(app.ctx.ledger.sqlite, ada, 'a1', 'u-ada', app.clock.now());
    linkCustomer(app.ctx.ledger.sqlite, bob, 'a1', 'u-bob', app.clock.now());
    const at = app.clock.now().toISOString();
    app.ctx.ledger.sqlite
      .prepare("INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, created_at, updated_at) VALUES (?, 'port', ?, 'a1', ?, 'active', ?, ?)")
      .run('s-ada', ada, 'p-ada', at, at);

    const record = (type: string, accountId: string | null, subject: string, minutes: number) =>
      app.ctx.events.recordLocal({ type, accountId, subject, occurredAt: new Date(Date.UTC(2026, 0, 15, 12, minutes)), payload: { n: minutes } });
    record('customer.created', 'a1', 'customer:u-ada', 1);
    record('port.expiring', 'a1', 'port:p-ada', 2);
    record('note.added', null, `customer:${ada}`, 3);
    record('customer.created', 'a1', 'customer:u-bob', 4); // Bob
    record('port.expiring', 'a2', 'port:p-ada', 5); // the same upstream id at another account
    record('customer.created', 'a2', 'customer:u-ada', 6); // likewise

    const result = await app.dispatch('events:list', { customerId: ada });
    expect(result.ok).toBe(true);
    const page = (result as { value: EventsPage }).value;
    expect(page.items.map((e) => e.payload.n)).toEqual([3, 2, 1]);

    const none = await app.dispatch('events:list', { customerId: bob, type: 'port.expiring' });
    expect((none as { value: EventsPage }).value.items).toEqual([]);
  });
});
