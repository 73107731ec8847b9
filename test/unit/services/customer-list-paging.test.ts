import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/main/ledger/database';
import { listCustomers } from '../../../src/main/services/customers/customer-search';
import { createCustomer } from '../../../src/main/services/customers/customer-store';
import { CUSTOMER_COUNT_CAP, CUSTOMER_SORTS, customerCreateSchema, customerListSchema } from '../../../src/shared/contract/customers';
import { AT, openFixtureLedger } from './ledger-fixture';

describe('customer list: bounded counts and keyset paging', () => {
  let ledger: Ledger;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ ledger, close } = await openFixtureLedger());
  });
  afterEach(() => close());
  const db = () => ledger.sqlite;
  const list = (query: Record<string, unknown> = {}) => listCustomers(db(), customerListSchema.parse(query), AT);
  /** `count` customers in one transaction (one fsync, not one per customer). */
  const createMany = (count: number, name: (i: number) => string, email: (i: number) => string) =>
    db().transaction(() => Array.from({ length: count }, (_, i) => createCustomer(db(), customerCreateSchema.parse({ email: email(i), name: name(i) }), AT).id))();

  it(`counts matches exactly up to ${CUSTOMER_COUNT_CAP}, and says "at least ${CUSTOMER_COUNT_CAP}" past it`, () => {
    createMany(CUSTOMER_COUNT_CAP, (i) => `Robin ${i}`, (i) => `robin${i}@cap.test`);
    createMany(4, (i) => `Other ${i}`, (i) => `other${i}@cap.test`);
    // Exactly the cap: exact, not capped.
    expect(list({ search: 'rob' })).toMatchObject({ total: CUSTOMER_COUNT_CAP, totalIsCapped: false });
    expect(list({ search: 'rob', sort: 'email' }).items).toHaveLength(100);

    createMany(1, () => 'Robin extra', () => 'robin.extra@cap.test');
    // Cap + 1 matches: the count stops at the cap and says so; the rows are all still there.
    const capped = list({ search: 'rob' });
    expect(capped).toMatchObject({ total: CUSTOMER_COUNT_CAP, totalIsCapped: true });
    expect(list({ search: 'rob', offset: CUSTOMER_COUNT_CAP, limit: 10 }).items.map((c) => c.email)).toHaveLength(1);
    // A filter is bounded the same way; the unfiltered list keeps its exact total.
    expect(list({ status: 'active' })).toMatchObject({ total: CUSTOMER_COUNT_CAP, totalIsCapped: true });
    expect(list({ status: 'active', search: 'oth' })).toMatchObject({ total: 4, totalIsCapped: false });
    expect(list()).toMatchObject({ total: CUSTOMER_COUNT_CAP + 5, totalIsCapped: false });
  });

  it('pages by cursor through ties (same name, balance, creation time) returning every customer exactly once, in every sort', () => {
    const ids = createMany(137, () => 'Pat Lee', (i) => `pat${String(136 - i).padStart(3, '0')}@tie.test`);
    createMany(3, (i) => `Zed ${i}`, (i) => `zed${i}@tie.test`);
    for (const sort of CUSTOMER_SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const search of [undefined, 'pat']) {
          const seen: string[] = [];
          let cursor: string | null | undefined;
          let pages = 0;
          do {
            const page = list({ sort, direction, limit: 10, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) });
            seen.push(...page.items.map((c) => c.id));
            cursor = page.nextCursor;
            pages++;
          } while (cursor && pages < 100);
          const expected = search ? ids : [...ids, ...seen.filter((id) => !ids.includes(id))];
          expect(seen, `${sort} ${direction} ${search ?? ''}`).toHaveLength(search ? 137 : 140);
          expect(new Set(seen).size, `${sort} ${direction} ${search ?? ''}`).toBe(seen.length);
          expect(new Set(seen)).toEqual(new Set(expected));
          // The cursor walk and offset pages agree on the order.
          expect(list({ sort, direction, limit: 10, offset: 50, ...(search ? { search } : {}) }).items.map((c) => c.id)).toEqual(seen.slice(50, 60));
        }
      }
    }
  });

  it('serves every sort, and each sort within a status filter, from an index in its order (no sort step, no row reads for balance)', () => {
    const plan = (sql: string) =>
      (db().prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT customer_id FROM customer_balances b ORDER BY b.balance DESC, b.customer_id DESC LIMIT 10 OFFSET 50')).toMatch(/COVERING INDEX customer_balances_balance_cover/);
    for (const [key, index] of [
      ['c.name COLLATE NOCASE', 'customers_status_name'],
      ['c.email', 'customers_status_email'],
      ['c.created_at', 'customers_status_created'],
    ] as const) {
      const p = plan(`SELECT c.rowid FROM customers c WHERE c.status = 'active' ORDER BY ${key} DESC, c.rowid DESC LIMIT 10 OFFSET 50`);
      expect(p).toMatch(new RegExp(`COVERING INDEX ${index}`));
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
  });
});
