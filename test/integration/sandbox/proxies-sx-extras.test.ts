import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, startPsx, US, type PsxHarness } from './proxies-sx-harness';

/** The smaller routes: key listing, override removal, webhook by id, aliases and the sandbox-only admin. */
let h: PsxHarness;
beforeAll(async () => {
  h = await startPsx();
});
afterAll(async () => h.close());

describe('Proxies.sx extra routes', () => {
  it('lists API keys (Bearer only) without revealing them', async () => {
    const token = (await h.call('POST', '/login/signin', { key: null, body: { email: 'reseller@sandbox.proxies.sx', password: 'sandbox-password' } })).json.token;
    const created = await h.call('POST', '/api-keys', { bearer: token, body: { name: 'Listed', scopes: ['ports:read'] } });
    const list = await h.call('GET', '/api-keys', { bearer: token });
    expect(list.status).toBe(200);
    expect(list.json.map((k: { name: string }) => k.name)).toEqual(['Sandbox key (all scopes)', 'Listed']);
    expect(list.text).not.toContain(created.json.apiKey);
    expect((await h.call('GET', '/api-keys')).status).toBe(403);
  });

  it('removes a country override; PATCH works like PUT on the pricebook', async () => {
    await h.call('POST', '/reseller/pricebook/country-override', { body: { countryId: US, marginPercent: 40 } });
    const del = await h.call('DELETE', `/reseller/pricebook/country-override/${US}`);
    expect(del.status).toBe(200);
    expect(del.json.countryOverrides).toEqual([]);
    expect((await h.call('DELETE', `/reseller/pricebook/country-override/${US}`)).status).toBe(404);
    expect((await h.call('PATCH', '/reseller/pricebook', { body: { defaultMarginPercent: 30 } })).json.defaultMarginPercent).toBe(30);
    expect((await h.call('PATCH', '/reseller/pricebook', { body: {} })).json.message).toEqual([
      'Nothing to update: send at least one of pricingMode, defaultMarginPercent, portPricing, trafficPricing',
    ]);
  });

  it('gets one webhook by id, never with its secret; refuses bad URLs and unknown events', async () => {
    const created = await h.call('POST', '/reseller/webhooks', { body: { name: 'one', url: 'http://127.0.0.1:9/x', events: ['port.expiring', 'balance.low'] } });
    const one = await h.call('GET', `/reseller/webhooks/${created.json._id}`);
    expect(one.json).toMatchObject({ _id: created.json._id, events: ['port.expiring', 'balance.low'], active: true });
    expect(one.json.secret).toBeUndefined();
    expect(one.json.secretHint).toBe(`whsec_…${created.json.secret.slice(-4)}`);
    const bad = await h.call('POST', '/reseller/webhooks', { body: { name: 'x', url: 'ftp://example.com', events: ['port.exploded'] } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toEqual(expect.arrayContaining(['url must be an http or https URL']));
    expect((await h.call('DELETE', '/reseller/webhooks/000000000000000000000000')).status).toBe(404);
  });

  it('has the activate alias and the /countries alias', async () => {
    const id = await createCustomer(h);
    await h.call('POST', `/reseller/customers/${id}/suspend`);
    expect((await h.call('POST', `/reseller/customers/${id}/activate`)).json.status).toBe('active');
    expect((await h.call('GET', '/countries')).json).toEqual((await h.call('GET', '/countries/with-devices')).json);
  });

  it('the sandbox admin adds funds and shows its settings', async () => {
    const before = (await h.call('GET', '/reseller/balance')).json.balance;
    const dep = await h.admin('POST', '/__admin/proxies-sx/deposit', { amount: 250 });
    expect(dep.status).toBe(200);
    expect(Number(dep.json.balance)).toBe(Number(before) + 250);
    const txs = await h.call('GET', '/reseller/transactions?type=deposit');
    expect(txs.json.transactions[0]).toMatchObject({ type: 'deposit', amount: '250.00', description: 'Sandbox deposit' });
    expect((await h.admin('POST', '/__admin/proxies-sx/deposit', { amount: -1 })).status).toBe(400);
    expect((await h.admin('GET', '/__admin/faults')).json).toMatchObject({ errorRate: 0, seed: 1 });
    expect((await h.admin('GET', '/__admin/rate-limit')).json).toEqual({ perSecond: 10_000, burst: 10_000 });
    expect((await h.admin('GET', '/__admin/webhook-deliveries/nope')).status).toBe(404);
    // The Whozex port mounts the same admin over the same clock.
    const wzx = await fetch(`${h.sandbox.whozex.origin}/__admin/clock`);
    expect(await wzx.json()).toEqual({ now: h.sandbox.clock.now(), iso: h.sandbox.clock.nowIso() });
  });
});
