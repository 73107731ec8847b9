import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, sha256 } from '../../../src/main/sandbox/proxies-sx/auth';
import { createCustomer, startPsx, type PsxHarness } from './proxies-sx-harness';

let h: PsxHarness;
const OTHER_KEY = 'psx_other_reseller_key_000000000000000000000000';
let otherCustomerId: string;

beforeAll(async () => {
  h = await startPsx();
  // A second reseller on the same server: its ids must look like unknown ids to ours.
  const db = h.sandbox.proxiesSx.db;
  db.prepare(`INSERT INTO psx_resellers (id, email, name, password_hash, balance_cents, low_balance, created_at) VALUES ('r2', 'other@example.com', 'Other', ?, 10000, 0, 0)`).run(
    hashPassword('x'),
  );
  db.prepare(`INSERT INTO psx_api_keys (id, reseller_id, name, key_hash, key_prefix, scopes, created_at) VALUES ('k2', 'r2', 'k', ?, 'psx_othe', '["customers:read","customers:write"]', 0)`).run(
    sha256(OTHER_KEY),
  );
  const other = await h.call('POST', '/reseller/customers', { key: OTHER_KEY, body: { email: 'theirs@example.com', name: 'Theirs' } });
  otherCustomerId = other.json._id;
});
afterAll(async () => h.close());

describe('Proxies.sx customers', () => {
  it('creates a customer as the guide shows, with defaults and status active', async () => {
    const res = await h.call('POST', '/reseller/customers', {
      body: { email: 'john@company.com', name: 'John Smith', company: 'Acme Corp', allocatedPortSlots: 10, externalId: 'CRM-12345' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      email: 'john@company.com',
      name: 'John Smith',
      company: 'Acme Corp',
      externalId: 'CRM-12345',
      allocatedPortSlots: 10,
      usedPortSlots: 0,
      allocatedTrafficGB: 0,
      balance: '0.00',
      status: 'active',
    });
    expect(res.json._id).toMatch(/^[0-9a-f]{24}$/);
    const minimal = await h.call('POST', '/reseller/customers', { body: { email: 'min@example.com', name: 'Min' } });
    expect(minimal.json).toMatchObject({ allocatedPortSlots: 0, allocatedTrafficGB: 0, company: null, externalId: null });
  });

  it('refuses a duplicate email (any case) with 409, and bad input with 400', async () => {
    const dup = await h.call('POST', '/reseller/customers', { body: { email: 'JOHN@company.com', name: 'Again' } });
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ statusCode: 409, error: 'Conflict', message: 'A customer with email JOHN@company.com already exists' });
    // The same email under another reseller is fine (unique per reseller).
    expect((await h.call('POST', '/reseller/customers', { key: OTHER_KEY, body: { email: 'john@company.com', name: 'J' } })).status).toBe(201);

    const bad = await h.call('POST', '/reseller/customers', { body: { email: 'not-an-email', allocatedPortSlots: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toEqual(
      expect.arrayContaining(['email must be an email', 'name must be a string', 'allocatedPortSlots must not be less than 0']),
    );
    expect((await h.call('POST', '/reseller/customers', { raw: '{"email":' })).json).toMatchObject({ statusCode: 400, message: 'Request body is not valid JSON' });
    expect((await h.call('POST', '/reseller/customers', { raw: '[1,2]' })).status).toBe(400);
  });

  it('lists with status, search, limit and skip → {customers, total}', async () => {
    for (let i = 0; i < 5; i++) await createCustomer(h, { name: `Paging ${i}`, email: `paging${i}@example.com` });
    const page = await h.call('GET', '/reseller/customers?search=paging&limit=2&skip=2');
    expect(page.status).toBe(200);
    expect(page.json.total).toBe(5);
    expect(page.json.customers.map((c: { name: string }) => c.name)).toEqual(['Paging 2', 'Paging 3']);
    const all = await h.call('GET', '/reseller/customers?limit=100');
    expect(all.json.customers.some((c: { _id: string }) => c._id === otherCustomerId)).toBe(false);
    expect((await h.call('GET', '/reseller/customers?search=CRM-123')).json.total).toBe(1);
    expect((await h.call('GET', '/reseller/customers?search=%25')).json.total).toBe(0);
    expect((await h.call('GET', '/reseller/customers?limit=0')).status).toBe(400);
    expect((await h.call('GET', '/reseller/customers?limit=abc')).json.message).toContain('limit must be a whole number');
    expect((await h.call('GET', '/reseller/customers?status=gone')).status).toBe(400);
  });

  it('gets and updates a customer; another reseller’s id is a 404', async () => {
    const id = await createCustomer(h, { name: 'Before' });
    expect((await h.call('GET', `/reseller/customers/${id}`)).json.name).toBe('Before');
    const upd = await h.call('PATCH', `/reseller/customers/${id}`, { body: { name: 'After', allocatedPortSlots: 7, company: null } });
    expect(upd.status).toBe(200);
    expect(upd.json).toMatchObject({ name: 'After', allocatedPortSlots: 7, company: null });
    const put = await h.call('PUT', `/reseller/customers/${id}`, { body: { externalId: 'X-1' } });
    expect(put.json).toMatchObject({ name: 'After', externalId: 'X-1' });
    expect((await h.call('PATCH', `/reseller/customers/${id}`, { body: { email: 'john@company.com' } })).status).toBe(409);
    expect((await h.call('PATCH', `/reseller/customers/${id}`, { body: { status: 'x' } })).status).toBe(400);

    expect((await h.call('GET', `/reseller/customers/${otherCustomerId}`)).status).toBe(404);
    expect((await h.call('PATCH', `/reseller/customers/${otherCustomerId}`, { body: { name: 'Mine now' } })).status).toBe(404);
    expect((await h.call('GET', '/reseller/customers/doesnotexist')).json).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('suspends and reactivates', async () => {
    const id = await createCustomer(h);
    const s = await h.call('POST', `/reseller/customers/${id}/suspend`);
    expect(s.status).toBe(200);
    expect(s.json.status).toBe('suspended');
    expect((await h.call('GET', '/reseller/customers?status=suspended')).json.customers.map((c: { _id: string }) => c._id)).toContain(id);
    expect((await h.call('POST', `/reseller/customers/${id}/reactivate`)).json.status).toBe('active');
    expect((await h.call('POST', `/reseller/customers/${otherCustomerId}/suspend`)).status).toBe(404);
  });

  it('top-up moves money from the reseller balance: 500 → 400, customer 0 → 100', async () => {
    const fresh = await startPsx();
    try {
      const id = await createCustomer(fresh);
      const res = await fresh.call('POST', `/reseller/customers/${id}/topup`, { body: { amount: 100, description: 'Monthly credit', referenceId: 'INV-2024-001' } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ success: true, amount: '100.00', resellerBalance: '400.00', customerBalance: '100.00' });
      expect((await fresh.call('GET', '/reseller/balance')).json.balance).toBe('400.00');
      const txs = await fresh.call('GET', '/reseller/transactions?type=topup');
      expect(txs.json.transactions[0]).toMatchObject({ type: 'topup', amount: '-100.00', balanceAfter: '400.00', description: 'Monthly credit', referenceId: 'INV-2024-001', customerId: id });

      const tooMuch = await fresh.call('POST', `/reseller/customers/${id}/topup`, { body: { amount: 400.01 } });
      expect(tooMuch.status).toBe(402);
      expect(tooMuch.json.code).toBe('INSUFFICIENT_BALANCE');
      expect(tooMuch.json.message).toContain('your balance is $400.00');
      expect((await fresh.call('POST', `/reseller/customers/${id}/topup`, { body: { amount: 0 } })).status).toBe(400);
      expect((await fresh.call('POST', `/reseller/customers/${id}/topup`, { body: { amount: 1.001 } })).json.message).toEqual([
        'amount must be an amount with at most 2 decimal places',
      ]);
      expect((await fresh.call('POST', `/reseller/customers/${id}/topup`, { body: { amount: '5' } })).status).toBe(400);
      expect((await fresh.call('GET', '/reseller/balance')).json.balance).toBe('400.00');
    } finally {
      await fresh.close();
    }
  });

  it('the account shows the reseller, balance and counts', async () => {
    const fresh = await startPsx();
    try {
      await createCustomer(fresh);
      const res = await fresh.call('GET', '/reseller/account');
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ email: 'reseller@sandbox.proxies.sx', balance: '500.00', currency: 'USD', isLow: false, stats: { customers: 1, activePorts: 0 } });
    } finally {
      await fresh.close();
    }
  });

  it('initialBalance is taken from the reseller balance', async () => {
    const fresh = await startPsx();
    try {
      const res = await fresh.call('POST', '/reseller/customers', { body: { email: 'ib@example.com', name: 'IB', initialBalance: 25.5 } });
      expect(res.json.balance).toBe('25.50');
      expect((await fresh.call('GET', '/reseller/balance')).json.balance).toBe('474.50');
      const no = await fresh.call('POST', '/reseller/customers', { body: { email: 'ib2@example.com', name: 'IB2', initialBalance: 1000 } });
      expect(no.status).toBe(402);
      expect((await fresh.call('GET', '/reseller/customers?search=ib2')).json.total).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
