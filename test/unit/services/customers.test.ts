import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/main/ledger/database';
import { findCustomerByUpstreamId, linkCustomer, listCustomerLinks, upstreamIdOf } from '../../../src/main/services/customers/customer-links';
import { listCustomers } from '../../../src/main/services/customers/customer-search';
import { createCustomer, getCustomerDetail, setCustomerStatus, updateCustomer } from '../../../src/main/services/customers/customer-store';
import { recordPayment, recordSale } from '../../../src/main/services/money';
import { customerListSchema, customerCreateSchema } from '../../../src/shared/contract/customers';
import { AT, openFixtureLedger, rowCounts } from './ledger-fixture';

describe('customers', () => {
  let ledger: Ledger;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ ledger, close } = await openFixtureLedger());
  });
  afterEach(() => close());
  const db = () => ledger.sqlite;
  const create = (input: Record<string, unknown>) => createCustomer(db(), customerCreateSchema.parse(input), AT);
  const list = (query: Record<string, unknown> = {}) => listCustomers(db(), customerListSchema.parse(query), AT);

  it('creates, edits, suspends, reactivates and archives a customer', () => {
    const c = create({ email: 'John@Company.com', name: ' John Smith ', company: 'Acme Corp', externalId: 'CRM-12345', tags: ['vip', 'VIP', 'eu'], portSlotQuota: 10 });
    expect(c).toMatchObject({ email: 'John@Company.com', name: 'John Smith', company: 'Acme Corp', externalId: 'CRM-12345', tags: ['vip', 'eu'], status: 'active', portSlotQuota: 10, trafficGbAllocation: 0 });
    const later = new Date(AT.getTime() + 60_000);
    const edited = updateCustomer(db(), { id: c.id, notes: 'Pays by wire', trafficGbAllocation: 50, company: null }, later);
    expect(edited).toMatchObject({ notes: 'Pays by wire', trafficGbAllocation: 50, company: null, name: 'John Smith', updatedAt: later.toISOString() });
    expect(setCustomerStatus(db(), c.id, 'suspended', AT).status).toBe('suspended');
    expect(setCustomerStatus(db(), c.id, 'active', AT).status).toBe('active');
    expect(setCustomerStatus(db(), c.id, 'archived', AT).status).toBe('archived');
    expect(() => setCustomerStatus(db(), c.id, 'suspended', AT)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(setCustomerStatus(db(), c.id, 'active', AT).status).toBe('active');
  });

  it('refuses a second customer with the same email, whatever its case, changing nothing', () => {
    const a = create({ email: 'jane@acme.test', name: 'Jane' });
    const b = create({ email: 'bob@acme.test', name: 'Bob' });
    const before = rowCounts(ledger);
    expect(() => create({ email: 'JANE@acme.TEST', name: 'Other' })).toThrow(expect.objectContaining({ code: 'CONFLICT', message: 'A customer with this email already exists', field: 'email' }));
    expect(() => updateCustomer(db(), { id: b.id, email: 'Jane@Acme.test' }, AT)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(rowCounts(ledger)).toEqual(before);
    expect(updateCustomer(db(), { id: a.id, email: 'JANE@acme.test' }, AT).email).toBe('JANE@acme.test'); // own email, new case
    expect(customerCreateSchema.safeParse({ email: 'not-an-email', name: 'X' }).success).toBe(false);
    expect(customerCreateSchema.safeParse({ email: 'x@y.z', name: '  ' }).success).toBe(false);
    expect(customerCreateSchema.safeParse({ email: 'x@y.z', name: 'X', portSlotQuota: -1 }).success).toBe(false);
    expect(customerCreateSchema.safeParse({ email: 'x@y.z', name: 'X', extra: 1 }).success).toBe(false);
  });

  it('shows the profile with credit, receivable, discount, links and counts', () => {
    const c = create({ email: 'jane@acme.test', name: 'Jane' });
    recordPayment(db(), { customerId: c.id, amount: 5000, method: 'card' }, AT);
    recordSale(db(), { customerId: c.id, accountId: 'psx', product: 'port', quantity: 30, unit: 'day', cost: 6000, price: 7500 }, AT);
    linkCustomer(db(), c.id, 'psx', 'psx-cust-1', AT);
    const d = getCustomerDetail(db(), c.id, AT);
    expect(d).toMatchObject({ credit: 0, receivable: 2500, balance: -2500, discountPercent: null });
    expect(d.links).toEqual([{ accountId: 'psx', upstreamId: 'psx-cust-1', createdAt: AT.toISOString() }]);
    expect(d.counts).toMatchObject({ sales: 1, transactions: 2, services: 0 });
    expect(() => getCustomerDetail(db(), 'nobody', AT)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('links a customer to one upstream id per account, and finds them both ways', () => {
    const a = create({ email: 'a@x.test', name: 'A' });
    const b = create({ email: 'b@x.test', name: 'B' });
    linkCustomer(db(), a.id, 'psx', 'U1', AT);
    linkCustomer(db(), a.id, 'psx', 'U1', AT); // same link again: no-op
    linkCustomer(db(), a.id, 'wzx', 'W1', AT);
    expect(findCustomerByUpstreamId(db(), 'psx', 'U1')).toBe(a.id);
    expect(findCustomerByUpstreamId(db(), 'psx', 'U2')).toBeNull();
    expect(upstreamIdOf(db(), a.id, 'wzx')).toBe('W1');
    expect(upstreamIdOf(db(), b.id, 'wzx')).toBeNull();
    expect(listCustomerLinks(db(), a.id)).toHaveLength(2);
    expect(() => linkCustomer(db(), b.id, 'psx', 'U1', AT)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => linkCustomer(db(), a.id, 'psx', 'U9', AT)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => linkCustomer(db(), a.id, 'nope', 'U9', AT)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  describe('list and search', () => {
    let ids: Record<string, string>;
    beforeEach(() => {
      ids = {};
      const people = [
        ['alice@alpha.test', 'Alice Archer', 'Alpha Ltd', 'CRM-1'],
        ['bob@beta.test', 'bob Baker', 'Beta GmbH', 'CRM-2'],
        ['carol@gamma.test', 'Carol Clark', null, 'ERP-77'],
        ['dave@alpha.test', 'Dave Doe', 'alphabet inc', null],
        ['erin@delta.test', 'Érin Émile', 'Delta', null],
      ] as const;
      for (const [email, name, company, externalId] of people) ids[email.split('@')[0]!] = create({ email, name, company, externalId }).id;
    });

    it('finds by prefix of name, email, company or external id, ignoring ASCII case', () => {
      const names = (q: Record<string, unknown>) => list(q).items.map((i) => i.name);
      expect(names({ search: 'ALI' })).toEqual(['Alice Archer']);
      expect(names({ search: 'alpha' })).toEqual(['Alice Archer', 'Dave Doe']); // company Alpha Ltd, alphabet inc
      expect(names({ search: 'dave@' })).toEqual(['Dave Doe']);
      expect(names({ search: 'crm-' })).toEqual(['Alice Archer', 'bob Baker']);
      expect(names({ search: 'erp-77' })).toEqual(['Carol Clark']);
      expect(names({ search: 'Érin' })).toEqual(['Érin Émile']);
      expect(names({ search: 'rcher' })).toEqual([]); // prefix search, not substring
      expect(list({ search: 'alpha' }).total).toBe(2);
    });

    it('filters by status, upstream account, balance and expiring services', () => {
      setCustomerStatus(db(), ids.bob!, 'suspended', AT);
      expect(list({ status: 'suspended' }).items.map((i) => i.id)).toEqual([ids.bob]);
      linkCustomer(db(), ids.carol!, 'wzx', 'w-carol', AT);
      expect(list({ accountId: 'wzx' }).items.map((i) => i.id)).toEqual([ids.carol]);

      recordPayment(db(), { customerId: ids.alice!, amount: 2000, method: 'card' }, AT);
      recordSale(db(), { customerId: ids.dave!, accountId: 'psx', product: 'port', quantity: 1, unit: 'day', cost: 200, price: 300 }, AT);
      expect(list({ creditMin: 1 }).items.map((i) => i.name)).toEqual(['Alice Archer']);
      expect(list({ receivableMin: 1 }).items.map((i) => [i.name, i.receivable, i.balance])).toEqual([['Dave Doe', 300, -300]]);
      expect(list({ balanceMax: -1 }).total).toBe(1);
      expect(list({ balanceMin: 0, balanceMax: 0 }).total).toBe(3);

      const now = AT.toISOString();
      const svc = db().prepare(
        "INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, expires_at, created_at, updated_at) VALUES (?, 'port', ?, 'psx', ?, 'active', ?, ?, ?)",
      );
      svc.run('s1', ids.erin, 'p1', new Date(AT.getTime() + 2 * 86_400_000).toISOString(), now, now);
      svc.run('s2', ids.bob, 'p2', new Date(AT.getTime() + 20 * 86_400_000).toISOString(), now, now);
      svc.run('s3', ids.carol, 'p3', new Date(AT.getTime() - 86_400_000).toISOString(), now, now); // already expired
      expect(list({ expiringWithinDays: 7 }).items.map((i) => i.id)).toEqual([ids.erin]);
      expect(list({ expiringWithinDays: 30 }).total).toBe(2);
    });

    it('sorts by name, email, created and balance, both ways', () => {
      expect(list({ sort: 'name' }).items.map((i) => i.name)).toEqual(['Alice Archer', 'bob Baker', 'Carol Clark', 'Dave Doe', 'Érin Émile']);
      expect(list({ sort: 'email', direction: 'desc' }).items.map((i) => i.email)[0]).toBe('erin@delta.test');
      recordPayment(db(), { customerId: ids.carol!, amount: 900, method: 'card' }, AT);
      recordSale(db(), { customerId: ids.bob!, accountId: 'psx', product: 'port', quantity: 1, unit: 'day', cost: 200, price: 300 }, AT);
      const byBalance = list({ sort: 'balance', direction: 'desc' }).items.map((i) => i.balance);
      expect(byBalance[0]).toBe(900);
      expect(byBalance[4]).toBe(-300);
    });

    it('gives the same answers when most customers match (index walk) as when few do (fetch and sort)', () => {
      // 300 matching customers out of 305: the list walks the sort index instead of sorting the matches.
      const now = AT.toISOString();
      const svc = db().prepare(
        "INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, expires_at, created_at, updated_at) VALUES (?, 'port', ?, 'psx', ?, 'active', ?, ?, ?)",
      );
      const expected: string[] = [];
      for (let i = 299; i >= 0; i--) {
        const name = `Sam ${String(i).padStart(3, '0')}`;
        const id = create({ email: `sam${i}@many.test`, name }).id;
        if (i % 3 === 0) {
          linkCustomer(db(), id, 'wzx', `w${i}`, AT);
          svc.run(`s${i}`, id, `p${i}`, new Date(AT.getTime() + 86_400_000).toISOString(), now, now);
          expected.push(name);
        }
      }
      expected.sort();
      const walk = (q: Record<string, unknown>) => {
        const names: string[] = [];
        let cursor: string | undefined;
        do {
          const page = list({ ...q, limit: 7, ...(cursor ? { cursor } : {}) });
          names.push(...page.items.map((i) => i.name));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return names;
      };
      const allSams = Array.from({ length: 300 }, (_, i) => `Sam ${String(i).padStart(3, '0')}`);
      expect(walk({ search: 'sam' })).toEqual(allSams);
      expect(list({ search: 'sam', offset: 250, limit: 5 }).items.map((i) => i.name)).toEqual(allSams.slice(250, 255));
      expect(walk({ search: 'sam', accountId: 'wzx', status: 'active' })).toEqual(expected);
      expect(walk({ expiringWithinDays: 3 })).toEqual(expected);
      expect(list({ accountId: 'wzx', expiringWithinDays: 3, sort: 'email', direction: 'desc' }).total).toBe(100);
      // Same creation time: ties keep insertion order (they were created 299 → 0).
      expect(list({ search: 'sam 12', sort: 'created' }).items.map((i) => i.name)).toEqual(['Sam 129', 'Sam 128', 'Sam 127', 'Sam 126', 'Sam 125', 'Sam 124', 'Sam 123', 'Sam 122', 'Sam 121', 'Sam 120']);
    });

    it('pages by offset and by keyset cursor, with a total count', () => {
      for (let i = 0; i < 20; i++) create({ email: `x${String(i).padStart(2, '0')}@many.test`, name: `Xavier ${String(i).padStart(2, '0')}` });
      const first = list({ search: 'xav', limit: 8 });
      expect(first.total).toBe(20);
      expect(first.items).toHaveLength(8);
      const second = list({ search: 'xav', limit: 8, cursor: first.nextCursor });
      const third = list({ search: 'xav', limit: 8, cursor: second.nextCursor });
      expect(third.nextCursor).toBeNull();
      const all = [...first.items, ...second.items, ...third.items].map((i) => i.name);
      expect(all).toEqual(Array.from({ length: 20 }, (_, i) => `Xavier ${String(i).padStart(2, '0')}`));
      expect(list({ search: 'xav', limit: 8, offset: 8 }).items.map((i) => i.name)).toEqual(second.items.map((i) => i.name));
      const desc = list({ search: 'xav', limit: 15, sort: 'balance', direction: 'desc' });
      const rest = list({ search: 'xav', limit: 15, sort: 'balance', direction: 'desc', cursor: desc.nextCursor });
      expect(new Set([...desc.items, ...rest.items].map((i) => i.id)).size).toBe(20);
      expect(() => list({ cursor: first.nextCursor, sort: 'email' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    });
  });
});
