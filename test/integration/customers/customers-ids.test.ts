import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { linkCustomer, listCustomerIds } from '../../../src/main/services/customers';
import { recordSale } from '../../../src/main/services/money/sales';
import { CUSTOMER_IDS_CAP, type CustomerFilters, type CustomerIdList, type CustomerPage } from '../../../src/shared/contract/customers';
import type { IpcError } from '../../../src/shared/errors';
import { createTestApp, type TestApp } from '../../support/app';

/**
 * `customers:ids` ("select all N customers that match") on a real ledger file: the same
 * customers `customers:list` lists with the same filters, every one of them (no paging),
 * and a clear refusal beyond CUSTOMER_IDS_CAP.
 */

const NOW = Date.UTC(2026, 2, 10, 12);
const DAY = 86_400_000;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({ clock: new ManualClock(NOW) });
});
afterEach(async () => {
  await app.close();
});

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), r.error);
  return r.value as T;
}

async function refusal(channel: string, input?: unknown): Promise<IpcError> {
  const r = await app.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was expected to fail`);
  return r.error;
}

/** Every page of the list for these filters, by cursor: what a reseller scrolling to the end would see. */
async function listedIds(filters: CustomerFilters): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page: CustomerPage = await call('customers:list', { ...filters, limit: 100, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids.sort();
}

async function idsOf(filters: CustomerFilters): Promise<string[]> {
  const { ids } = await call<CustomerIdList>('customers:ids', filters);
  expect(new Set(ids).size, 'each customer once').toBe(ids.length);
  return [...ids].sort();
}

describe('customers:ids', () => {
  let byName: Record<string, string>;
  const names = (ids: string[]) => ids.map((id) => Object.keys(byName).find((n) => byName[n] === id)).sort();

  beforeEach(async () => {
    const at = new Date(NOW - 90 * DAY).toISOString();
    app.ctx.ledger.sqlite
      .prepare("INSERT INTO provider_accounts (id, provider, name, base_url, is_sandbox, created_at, updated_at) VALUES ('psx', 'proxies-sx', 'Main PSX', 'http://127.0.0.1:1', 0, ?, ?)")
      .run(at, at);
    const create = (name: string, email: string, extra: { company?: string; externalId?: string } = {}) => app.ctx.customers.create({ name, email, ...extra }).id;
    byName = {
      Ann: create('Ann Able', 'ann@example.com', { company: 'Acme Ltd', externalId: 'CRM-1' }),
      // "acme" is both her name and her company: one match, not two.
      Acme: create('Acme Buyer', 'buyer@acme.test', { company: 'Acme Ltd' }),
      Bob: create('Bob Baker', 'bob@example.com'),
      Cid: create('Cid Credit', 'cid@example.com'),
      Dee: create('Dee Debt', 'dee@example.com'),
      Eve: create('Eve Sleep', 'eve@example.com'),
      Fay: create('Fay Gone', 'fay@example.com'),
    };
    await call('customers:set-status', { id: byName.Eve, status: 'suspended' });
    await call('customers:set-status', { id: byName.Fay, status: 'archived' });
    linkCustomer(app.ctx.ledger.sqlite, byName.Ann!, 'psx', 'up-ann');
    linkCustomer(app.ctx.ledger.sqlite, byName.Cid!, 'psx', 'up-cid');
    app.ctx.money.recordPayment({ customerId: byName.Cid!, amount: 5_000, method: 'bank', occurredAt: '2026-03-01T10:00:00Z' });
    app.ctx.money.deposit({ accountId: 'psx', amount: 50_000, occurredAt: '2026-01-01T09:00:00Z' });
    recordSale(
      app.ctx.ledger.sqlite,
      { customerId: byName.Dee!, accountId: 'psx', product: 'port', country: 'US', quantity: 30, unit: 'day', cost: 6_000, price: 7_500, occurredAt: '2026-03-02T10:00:00Z' },
      app.clock.now(),
    );
    const service = (id: string, customer: string, expiresInDays: number) =>
      app.ctx.ledger.sqlite
        .prepare(
          `INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, label, expires_at, created_at, updated_at)
           VALUES (?, 'port', ?, 'psx', ?, 'active', ?, ?, ?, ?)`,
        )
        .run(id, customer, `up-${id}`, id, new Date(NOW + expiresInDays * DAY).toISOString(), at, at);
    service('svc-soon', byName.Dee!, 3);
    service('svc-later', byName.Eve!, 30);
  });

  it('returns every customer, whatever their status, with no filter', async () => {
    expect(names(await idsOf({}))).toEqual(['Acme', 'Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay']);
  });

  it('applies search, status, account, money and expiry filters as the list does', async () => {
    const cases: [CustomerFilters, string[]][] = [
      [{ search: 'ANN' }, ['Ann']], // name prefix, any case
      [{ search: 'acme' }, ['Acme', 'Ann']], // name or company
      [{ search: 'crm-1' }, ['Ann']], // external id
      [{ search: 'buyer@' }, ['Acme']], // email
      [{ search: '  bob  ' }, ['Bob']], // trimmed
      [{ search: 'nobody' }, []],
      [{ status: 'active' }, ['Acme', 'Ann', 'Bob', 'Cid', 'Dee']],
      [{ status: 'suspended' }, ['Eve']],
      [{ status: 'archived' }, ['Fay']],
      [{ accountId: 'psx' }, ['Ann', 'Cid']],
      [{ balanceMin: 1 }, ['Cid']],
      [{ balanceMax: -1 }, ['Dee']],
      [{ balanceMin: 0, balanceMax: 0 }, ['Acme', 'Ann', 'Bob', 'Eve', 'Fay']],
      [{ creditMin: 5_000 }, ['Cid']],
      [{ receivableMin: 1 }, ['Dee']],
      [{ expiringWithinDays: 7 }, ['Dee']],
      [{ expiringWithinDays: 60 }, ['Dee', 'Eve']],
      [{ search: 'a', status: 'active', accountId: 'psx' }, ['Ann']],
      [{ status: 'active', balanceMax: 0 }, ['Acme', 'Ann', 'Bob', 'Dee']],
    ];
    for (const [filters, expected] of cases) {
      const ids = await idsOf(filters);
      expect(names(ids), JSON.stringify(filters)).toEqual(expected);
      expect(ids, `same as the list for ${JSON.stringify(filters)}`).toEqual(await listedIds(filters));
    }
  });

  it('refuses what the list query takes for paging and order, and unknown fields', async () => {
    for (const input of [{ sort: 'name' }, { limit: 10 }, { cursor: 'x' }, { offset: 5 }, { nonsense: true }]) {
      expect((await refusal('customers:ids', input)).code, JSON.stringify(input)).toBe('INVALID_INPUT');
    }
  });
});

describe('customers:ids with many customers', () => {
  /** Customers straight into the table (the create path would take minutes for 100,000); the trigger adds their balance rows. */
  function insertCustomers(from: number, count: number, prefix: string): void {
    app.ctx.ledger.sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO customers (id, email, name, status, created_at, updated_at)
         SELECT 'cus-' || i, lower(?) || i || '@example.com', ? || ' ' || printf('%06d', i),
                CASE WHEN i % 10 = 0 THEN 'suspended' ELSE 'active' END, ?, ?
         FROM n`,
      )
      .run(from, from + count - 1, prefix, prefix, new Date(NOW).toISOString(), new Date(NOW).toISOString());
  }

  it('matches the list paged to its end, where the list itself stops counting', async () => {
    insertCustomers(1, 2_500, 'Bulk');
    insertCustomers(2_501, 40, 'Other');
    for (const filters of [{ search: 'bulk' }, { search: 'bulk 0001' }, { status: 'suspended' as const }, { search: 'b', status: 'active' as const }]) {
      const list: CustomerPage = await call('customers:list', { ...filters, limit: 1 });
      const ids = await idsOf(filters);
      expect(ids, JSON.stringify(filters)).toEqual(await listedIds(filters));
      if (list.totalIsCapped) expect(ids.length).toBeGreaterThan(list.total);
      else expect(ids.length).toBe(list.total);
    }
    expect((await idsOf({ search: 'bulk' })).length).toBe(2_500);
    expect((await idsOf({ search: 'bulk 0001' })).length).toBe(100); // Bulk 000100 … Bulk 000199
  });

  it(`returns up to ${CUSTOMER_IDS_CAP.toLocaleString('en-US')} ids and refuses more with what to do`, async () => {
    insertCustomers(1, CUSTOMER_IDS_CAP, 'Bulk');
    const all = await call<CustomerIdList>('customers:ids', {});
    expect(all.ids.length).toBe(CUSTOMER_IDS_CAP);
    expect(new Set(all.ids).size).toBe(CUSTOMER_IDS_CAP);

    insertCustomers(CUSTOMER_IDS_CAP + 1, 5, 'Extra');
    const error = await refusal('customers:ids', {});
    expect(error.code).toBe('TOO_MANY_MATCHES');
    expect(error.message).toBe('More than 100,000 customers match. Narrow the search or filters to act on them all at once.');
    expect(error.details).toEqual({ cap: CUSTOMER_IDS_CAP });
    // A narrower search is fine again.
    expect((await call<CustomerIdList>('customers:ids', { search: 'bulk' })).ids.length).toBe(CUSTOMER_IDS_CAP);
    expect((await call<CustomerIdList>('customers:ids', { search: 'extra' })).ids.length).toBe(5);
  }, 60_000);

  it('counts the cap exactly: as many matches as the cap pass, one more is refused', () => {
    insertCustomers(1, 6, 'Few');
    const sqlite = app.ctx.ledger.sqlite;
    expect(listCustomerIds(sqlite, {}, new Date(NOW), 6)).toHaveLength(6);
    expect(() => listCustomerIds(sqlite, {}, new Date(NOW), 5)).toThrow(/More than 5 customers match/);
    expect(listCustomerIds(sqlite, { search: 'few 000001' }, new Date(NOW), 1)).toEqual(['cus-1']);
  });
});
