import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSX_COUNTRY_IDS, type SandboxProfile } from '../../../src/main/sandbox';
import { startProfile, type ProfileHarness } from './profile-harness';

const US = PSX_COUNTRY_IDS.US!;
let n = 0;
const email = () => `c${++n}_${Date.now()}@example.com`;

async function psxCustomer(h: ProfileHarness, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await h.psx('POST', '/reseller/customers', { body: { email: email(), name: 'Cust', allocatedPortSlots: 3, ...extra } });
  expect(r.status, r.text).toBe(201);
  return r.json._id as string;
}
async function psxCustomerRow(h: ProfileHarness, externalId: string) {
  const list = await h.psx('GET', `/reseller/customers?search=${encodeURIComponent(externalId)}&limit=100&skip=0`);
  expect(list.status).toBe(200);
  return (list.json.customers as { externalId: string }[]).find((c) => c.externalId === externalId) as Record<string, unknown>;
}
async function wzxUser(h: ProfileHarness): Promise<string> {
  const r = await h.wzx('POST', '/users', { body: { email: email() } });
  expect(r.status, r.text).toBe(201);
  return r.json.data.id as string;
}
async function wzxTransactions(h: ProfileHarness, note: string) {
  const r = await h.wzx('GET', '/account/transactions?page=1&limit=100');
  return (r.json.data.transactions as { note: string | null }[]).filter((t) => t.note === note);
}

describe('documented profile: the documented journey works end to end', () => {
  let h: ProfileHarness;
  beforeAll(async () => {
    h = await startProfile('documented');
  });
  afterAll(async () => h.close());

  it('Proxies.sx: sign in, key, customer, top-up, port, list, rotate (both documented routes), pricebook, webhook', async () => {
    const signin = await h.psx('POST', '/login/signin', { key: null, body: { email: h.sandbox.proxiesSx.email, password: h.sandbox.proxiesSx.password } });
    expect(signin.status).toBe(200);
    const key = await h.psx('POST', '/api-keys', { key: null, headers: { authorization: `Bearer ${signin.json.token}` }, body: { name: 'Desk', scopes: ['customers:read', 'customers:write', 'ports:read', 'ports:write'] } });
    expect(key.status).toBe(201);

    const id = await psxCustomer(h, { externalId: 'CRM-J1' });
    expect((await h.psx('POST', `/reseller/customers/${id}/topup`, { body: { amount: 25, referenceId: 'INV-1' } })).status).toBe(200);
    // The customer list carries what settles an unknown outcome: balance, slots, externalId.
    expect(await psxCustomerRow(h, 'CRM-J1')).toMatchObject({ _id: id, balance: '25.00', allocatedPortSlots: 3, usedPortSlots: 0, externalId: 'CRM-J1' });

    const port = await h.psx('POST', '/reseller/ports', { body: { customerId: id, countryId: US, days: 30 } });
    expect(port.status, port.text).toBe(201);
    expect(port.json.pricing).toMatchObject({ costToReseller: '60.00' });
    const portId = port.json.port._id as string;
    expect((await psxCustomerRow(h, 'CRM-J1')).usedPortSlots).toBe(1);

    const list = await h.psx('GET', '/ports?page=1&limit=100&status=active');
    expect(list.status).toBe(200);
    expect(list.json.ports.find((p: { _id: string }) => p._id === portId)).toMatchObject({ customerId: id, status: 'active' });
    expect((await h.psx('GET', `/ports/${portId}/can-rotate`)).json.canRotate).toBe(true);
    expect((await h.psx('POST', `/reseller/ports/${portId}/rotate`)).status).toBe(200);
    expect((await h.psx('POST', `/ports/${portId}/rotate`)).status).toBe(200);

    expect((await h.psx('GET', '/countries/with-devices')).json.length).toBeGreaterThan(0);
    expect((await h.psx('GET', `/carriers/country/${US}?withDevice=true`)).status).toBe(200);
    expect((await h.psx('GET', '/reseller/pricebook')).json.pricingMode).toBe('margin');
    expect((await h.psx('PUT', '/reseller/pricebook', { body: { pricingMode: 'margin', defaultMarginPercent: 25, portPricing: { marginPercent: 25 } } })).status).toBe(200);
    expect((await h.psx('POST', '/reseller/pricebook/country-override', { body: { countryId: US, marginPercent: 40 } })).status).toBe(201);
    const quote = await h.psx('POST', '/reseller/pricebook/calculate', { body: { type: 'port', basePrice: 2, days: 30 } });
    expect(quote.json).toMatchObject({ basePrice: '60.00', resellerPrice: '75.00' });

    const hook = await h.psx('POST', '/reseller/webhooks', { body: { name: 'Desk', url: 'https://example.com/hook', events: ['port.created', 'port.expired', 'port.rotated', 'customer.quota_exceeded', 'balance.low'] } });
    expect(hook.status).toBe(201);
    expect(hook.json).not.toHaveProperty('secret');
    expect(hook.json).not.toHaveProperty('secretHint');
  });

  it('Whozex: account, user, balance, package, add-gb, credentials, usage, pricing, transactions with the note, stats, analytics', async () => {
    expect((await h.wzx('GET', '/account')).json.data.balance).toBe('150.00');
    const user = await wzxUser(h);
    expect((await h.wzx('POST', `/users/${user}/balance`, { body: { action: 'add', amount: 50, note: 'op-J1' } })).status).toBe(200);
    const pkg = await h.wzx('POST', `/users/${user}/packages`, { body: { gb: 10, proxy_type: 'residential' } });
    expect(pkg.status, pkg.text).toBe(201);
    const pkgId = pkg.json.data.id as string;
    expect((await h.wzx('GET', `/packages/${pkgId}`)).json.data.total_gb).toBe(10);
    expect((await h.wzx('POST', `/packages/${pkgId}/add-gb`, { body: { gb: 2, note: 'op-J2' } })).status).toBe(200);
    expect((await h.wzx('GET', `/packages/${pkgId}/credentials?country=TR`)).json.data.targeting).toEqual({ country: 'TR', city: null });
    expect((await h.wzx('GET', `/packages/${pkgId}/usage?duration=1d&granularity=hour`)).json.data.usage).toHaveLength(24);
    expect((await h.wzx('GET', '/pricing')).status).toBe(200);
    expect((await wzxTransactions(h, 'op-J1')).length).toBe(1);
    expect((await wzxTransactions(h, 'op-J2')).length).toBe(1);
    expect((await h.wzx('GET', `/users?search=${user}`)).status).toBe(200);
    expect((await h.wzx('GET', '/account/stats')).status).toBe(200);
    expect((await h.wzx('GET', '/analytics/overview')).status).toBe(200);
  });
});

describe('Idempotency-Key: ignored in documented, deduplicated in extended', () => {
  const cases: [SandboxProfile, number, number][] = [
    ['documented', 2, 2],
    ['extended', 1, 1],
  ];
  for (const [profile, psxTopups, wzxAdds] of cases) {
    it(`${profile}: the same key sent twice makes ${psxTopups === 2 ? 'two writes' : 'one write'}`, async () => {
      const h = await startProfile(profile);
      try {
        const id = await psxCustomer(h, { externalId: `CRM-IK-${profile}` });
        const headers = { 'idempotency-key': `topup-${profile}-0001` };
        const first = await h.psx('POST', `/reseller/customers/${id}/topup`, { headers, body: { amount: 10 } });
        const second = await h.psx('POST', `/reseller/customers/${id}/topup`, { headers, body: { amount: 10 } });
        expect([first.status, second.status]).toEqual([200, 200]);
        expect(second.headers.get('idempotent-replayed')).toBe(profile === 'extended' ? 'true' : null);
        expect((await psxCustomerRow(h, `CRM-IK-${profile}`)).balance).toBe(psxTopups === 2 ? '20.00' : '10.00');

        const user = await wzxUser(h);
        const wHeaders = { 'idempotency-key': `bal-${profile}-0001` };
        for (let i = 0; i < 2; i++) {
          expect((await h.wzx('POST', `/users/${user}/balance`, { headers: wHeaders, body: { action: 'add', amount: 5, note: `ik-${profile}` } })).status).toBe(200);
        }
        expect((await wzxTransactions(h, `ik-${profile}`)).length).toBe(wzxAdds);
      } finally {
        await h.close();
      }
    });
  }
});

describe('fault injector: an answer lost after the write committed (documented profile)', () => {
  it('commits the top-up, drops the connection, and a resend is a second top-up', async () => {
    const h = await startProfile('documented');
    try {
      const id = await psxCustomer(h, { externalId: 'CRM-LOST' });
      expect((await h.admin('PUT', '/__admin/faults', { dropAfterCommitNext: 1 })).json.dropAfterCommitNext).toBe(1);
      await expect(h.psx('POST', `/reseller/customers/${id}/topup`, { headers: { 'idempotency-key': 'lost-answer-0001' }, body: { amount: 7 } })).rejects.toThrow();
      // The write landed although no answer came back; the documented list shows it.
      expect((await psxCustomerRow(h, 'CRM-LOST')).balance).toBe('7.00');
      expect(h.sandbox.faults.settings().dropAfterCommitNext).toBe(0);
      // Nothing promises deduplication: the same request again is another top-up.
      expect((await h.psx('POST', `/reseller/customers/${id}/topup`, { headers: { 'idempotency-key': 'lost-answer-0001' }, body: { amount: 7 } })).status).toBe(200);
      expect((await psxCustomerRow(h, 'CRM-LOST')).balance).toBe('14.00');

      // Whozex too: the balance add lands, its answer does not.
      const user = await wzxUser(h);
      h.sandbox.faults.configure({ dropAfterCommitNext: 1 });
      await expect(h.wzx('POST', `/users/${user}/balance`, { body: { action: 'add', amount: 3, note: 'lost-1' } })).rejects.toThrow();
      expect((await wzxTransactions(h, 'lost-1')).length).toBe(1);
      expect((await h.admin('PUT', '/__admin/faults', { dropAfterCommitNext: 1.5 })).status).toBe(400);
    } finally {
      await h.close();
    }
  });
});
