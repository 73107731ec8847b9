import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer, DE, startPsx, startReceiver, TR, US, verifyPsxSignature, type PsxHarness } from './proxies-sx-harness';

let h: PsxHarness;
beforeEach(async () => {
  h = await startPsx();
});
afterEach(async () => h.close());

const DAY = 86_400_000;
const createPort = (body: Record<string, unknown>, key?: string) => h.call('POST', '/reseller/ports', { body, ...(key ? { key } : {}) });

async function addWebhook(url: string, events: string[]) {
  const res = await h.call('POST', '/reseller/webhooks', { body: { name: 'Test hook', url, events } });
  expect(res.status).toBe(201);
  return res.json as { _id: string; secret: string };
}

describe('Proxies.sx ports', () => {
  it('follows the seed money flow to the cent: 500 → top-up 100 → 400 → 30-day port → 340', async () => {
    await h.call('PUT', '/reseller/pricebook', { body: { pricingMode: 'margin', defaultMarginPercent: 25, portPricing: { marginPercent: 25 } } });
    const customerId = await createCustomer(h, { allocatedPortSlots: 10 });
    expect((await h.call('GET', '/reseller/balance')).json.balance).toBe('500.00');
    await h.call('POST', `/reseller/customers/${customerId}/topup`, { body: { amount: 100 } });
    expect((await h.call('GET', '/reseller/balance')).json.balance).toBe('400.00');

    const res = await createPort({ customerId, countryId: DE, days: 30, exclusive: false, isPrivate: false });
    expect(res.status).toBe(201);
    expect(res.json.pricing).toEqual({ costToReseller: '60.00', resellerPrice: '75.00', margin: '15.00' });
    const port = res.json.port;
    expect(port).toMatchObject({ status: 'active', customerId, countryId: DE, type: 'shared', expiresAt: Date.UTC(2026, 0, 31) });
    for (const f of ['_id', 'displayName', 'proxyLogin', 'proxyPassword', 'serverIp']) expect(typeof port[f]).toBe('string');
    expect(port.httpPort).toBeGreaterThan(0);
    expect(port.socksPort).toBeGreaterThan(0);
    expect(port.proxyUrls.http).toBe(`http://${port.proxyLogin}:${port.proxyPassword}@${port.serverIp}:${port.httpPort}`);

    expect((await h.call('GET', '/reseller/balance')).json.balance).toBe('340.00');
    const customer = await h.call('GET', `/reseller/customers/${customerId}`);
    expect(customer.json).toMatchObject({ usedPortSlots: 1, balance: '100.00' });
    const txs = await h.call('GET', '/reseller/transactions');
    expect(txs.json.transactions.map((t: { type: string; amount: string }) => [t.type, t.amount])).toEqual([
      ['port_purchase', '-60.00'],
      ['topup', '-100.00'],
      ['deposit', '500.00'],
    ]);
  });

  it('private ports cost $3/day', async () => {
    const customerId = await createCustomer(h);
    const res = await createPort({ customerId, countryId: US, days: 10, isPrivate: true });
    expect(res.json.pricing).toEqual({ costToReseller: '30.00', resellerPrice: '36.00', margin: '6.00' });
    expect(res.json.port.type).toBe('private');
  });

  it('checks in the seed’s order: customer → quota → balance, and refuses bad references', async () => {
    const receiver = await startReceiver();
    try {
      const hook = await addWebhook(receiver.url, ['customer.quota_exceeded']);
      // Unknown customer: 404 before anything else.
      expect((await createPort({ customerId: '000000000000000000000000', countryId: US, days: 300 })).status).toBe(404);
      // Suspended customer.
      const suspended = await createCustomer(h, { allocatedPortSlots: 0 });
      await h.call('POST', `/reseller/customers/${suspended}/suspend`);
      const s = await createPort({ customerId: suspended, countryId: US, days: 300 });
      expect(s.status).toBe(400);
      expect(s.json.code).toBe('CUSTOMER_NOT_ACTIVE');
      // No slots AND too expensive: the quota is reported first, and a webhook goes out.
      const noSlots = await createCustomer(h, { allocatedPortSlots: 0 });
      const q = await createPort({ customerId: noSlots, countryId: US, days: 300 });
      expect(q.status).toBe(403);
      expect(q.json).toMatchObject({ code: 'QUOTA_EXCEEDED', error: 'Forbidden' });
      expect(q.json.message).toContain('0 of 0 used');
      await h.sandbox.webhooks.flush();
      expect(receiver.received).toHaveLength(1);
      const evt = JSON.parse(receiver.received[0]!.body);
      expect(evt).toMatchObject({ event: 'customer.quota_exceeded', data: { customerId: noSlots, allocatedPortSlots: 0, usedPortSlots: 0 } });
      expect(verifyPsxSignature(receiver.received[0]!.headers, receiver.received[0]!.body, hook.secret)).toBe(true);
      // Slots but not enough money: 300 days × $2 = $600 > $500.
      const slots = await createCustomer(h, { allocatedPortSlots: 1 });
      const b = await createPort({ customerId: slots, countryId: US, days: 300 });
      expect(b.status).toBe(402);
      expect(b.json.message).toContain('costs $600.00 but your balance is $500.00. Add at least $100.00');
      // No devices in Turkey.
      const t = await createPort({ customerId: slots, countryId: TR, days: 1 });
      expect(t.status).toBe(409);
      expect(t.json.code).toBe('NO_DEVICES_AVAILABLE');
      expect((await createPort({ customerId: slots, countryId: '000000000000000000000000', days: 1 })).status).toBe(404);
      expect((await createPort({ customerId: slots, countryId: US, cityId: '65a100000000000000000005', days: 1 })).json.code).toBe('INVALID_CITY');
      expect((await createPort({ customerId: slots, countryId: US, days: 0 })).json.message).toEqual(['days must not be less than 1']);
      expect((await createPort({ customerId: slots, countryId: US })).status).toBe(400);
      // Nothing was charged by any of these.
      expect((await h.call('GET', '/reseller/balance')).json.balance).toBe('500.00');
      expect((await h.call('GET', '/reseller/ports')).json.total).toBe(0);
      // The free slot still works.
      expect((await createPort({ customerId: slots, countryId: US, days: 1 })).status).toBe(201);
      expect((await createPort({ customerId: slots, countryId: US, days: 1 })).status).toBe(403);
    } finally {
      await receiver.close();
    }
  });

  it('rotates to a new device and IP, emitting port.rotated', async () => {
    const receiver = await startReceiver();
    try {
      await addWebhook(receiver.url, ['port.rotated']);
      const customerId = await createCustomer(h);
      const { port } = (await createPort({ customerId, countryId: US, days: 5 })).json;
      const r = await h.call('POST', `/reseller/ports/${port._id}/rotate`);
      expect(r.status).toBe(200);
      expect(r.json.previousIp).toBe(port.currentIp);
      expect(r.json.port.deviceId).not.toBe(port.deviceId);
      expect(r.json.port.rotationCount).toBe(1);
      expect((await h.call('GET', `/ports/${port._id}/can-rotate`)).json).toEqual({ canRotate: true });
      expect((await h.call('POST', `/ports/${port._id}/rotate`)).json.port.rotationCount).toBe(2);
      await h.sandbox.webhooks.flush();
      expect(receiver.received.map((x) => JSON.parse(x.body).event)).toEqual(['port.rotated', 'port.rotated']);
      expect((await h.call('POST', '/reseller/ports/000000000000000000000000/rotate')).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });

  it('extends by days, charging basePrice × days', async () => {
    const customerId = await createCustomer(h);
    const { port } = (await createPort({ customerId, countryId: US, days: 30 })).json;
    const e = await h.call('POST', `/reseller/ports/${port._id}/extend`, { body: { days: 10 } });
    expect(e.status).toBe(200);
    expect(e.json.pricing).toEqual({ costToReseller: '20.00', resellerPrice: '24.00', margin: '4.00' });
    expect(e.json.port.expiresAt).toBe(port.expiresAt + 10 * DAY);
    expect(e.json.port.days).toBe(40);
    expect((await h.call('GET', '/reseller/balance')).json.balance).toBe('420.00');
    const txs = await h.call('GET', '/reseller/transactions?type=port_extend');
    expect(txs.json.transactions).toHaveLength(1);
    expect(txs.json.transactions[0]).toMatchObject({ amount: '-20.00', portId: port._id });
    expect((await h.call('POST', `/reseller/ports/${port._id}/extend`, { body: { days: 1000 } })).status).toBe(400);
    expect((await h.call('POST', `/reseller/ports/${port._id}/extend`, { body: { days: 300 } })).status).toBe(402);
  });

  it('lists ports with filters and offset pagination (limit/skip and page/limit)', async () => {
    const a = await createCustomer(h);
    const b = await createCustomer(h);
    for (let i = 0; i < 3; i++) await createPort({ customerId: a, countryId: US, days: 1 });
    await createPort({ customerId: b, countryId: DE, days: 1, isPrivate: true });
    const all = await h.call('GET', '/reseller/ports');
    expect(all.json.total).toBe(4);
    expect((await h.call('GET', `/reseller/ports?customerId=${a}`)).json.total).toBe(3);
    const page = await h.call('GET', `/reseller/ports?limit=2&skip=2`);
    expect(page.json.ports.map((p: { _id: string }) => p._id)).toEqual(all.json.ports.slice(2).map((p: { _id: string }) => p._id));
    const byPage = await h.call('GET', '/ports?page=2&limit=3');
    expect(byPage.json).toMatchObject({ total: 4, page: 2, limit: 3, pages: 2 });
    expect(byPage.json.ports).toHaveLength(1);
    expect((await h.call('GET', '/ports?type=private')).json.total).toBe(1);
    expect((await h.call('GET', `/ports?countryId=${DE}`)).json.total).toBe(1);
    expect((await h.call('GET', '/reseller/ports?status=expired')).json.total).toBe(0);
    const one = await h.call('GET', `/reseller/ports/${all.json.ports[0]._id}`);
    expect(one.json._id).toBe(all.json.ports[0]._id);
    expect((await h.call('GET', '/reseller/ports/nope')).status).toBe(404);
    expect((await h.call('GET', '/reseller/ports?status=dead')).status).toBe(400);
  });

  it('moving the clock warns 3 days ahead, expires the port, frees the slot and sends a signed port.expired', async () => {
    const receiver = await startReceiver();
    try {
      const hook = await addWebhook(receiver.url, ['port.expired', 'port.expiring', 'port.created']);
      const customerId = await createCustomer(h, { allocatedPortSlots: 1 });
      const { port } = (await createPort({ customerId, countryId: US, days: 30 })).json;
      const devicesBefore = (await h.call('GET', '/countries/with-devices')).json.find((c: { _id: string }) => c._id === US).freeDeviceCount;

      h.sandbox.clock.advance(27 * DAY + 1);
      await h.sandbox.webhooks.flush();
      expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual(['port.created', 'port.expiring']);
      expect((await h.call('GET', `/reseller/ports/${port._id}`)).json.status).toBe('active');

      const adv = await h.admin('POST', '/__admin/clock/advance', { days: 3 });
      expect(adv.status).toBe(200);
      await h.admin('POST', '/__admin/flush');
      expect((await h.call('GET', `/reseller/ports/${port._id}`)).json.status).toBe('expired');
      expect((await h.call('GET', `/reseller/customers/${customerId}`)).json.usedPortSlots).toBe(0);
      const devicesAfter = (await h.call('GET', '/countries/with-devices')).json.find((c: { _id: string }) => c._id === US).freeDeviceCount;
      expect(devicesAfter).toBe(devicesBefore + 1);

      const expired = receiver.received.find((r) => JSON.parse(r.body).event === 'port.expired')!;
      expect(expired).toBeDefined();
      const body = JSON.parse(expired.body);
      expect(body).toMatchObject({ event: 'port.expired', data: { port: { _id: port._id, status: 'expired' }, customerId } });
      expect(body.id).toMatch(/^evt_/);
      expect(expired.headers['x-proxies-event-id']).toBe(body.id);
      expect(verifyPsxSignature(expired.headers, expired.body, hook.secret)).toBe(true);
      expect(verifyPsxSignature(expired.headers, expired.body, 'whsec_wrong')).toBe(false);
      expect(verifyPsxSignature(expired.headers, expired.body.replace('expired', 'active'), hook.secret)).toBe(false);

      // The freed slot can be used again; an expired port can be neither rotated nor extended.
      expect((await createPort({ customerId, countryId: US, days: 1 })).status).toBe(201);
      expect((await h.call('POST', `/reseller/ports/${port._id}/rotate`)).status).toBe(400);
      expect((await h.call('POST', `/reseller/ports/${port._id}/extend`, { body: { days: 1 } })).json.code).toBe('PORT_EXPIRED');
      const deliveries = await h.admin('GET', '/__admin/webhook-deliveries?event=port.expired');
      expect(deliveries.json.deliveries[0]).toMatchObject({ status: 'delivered', event: 'port.expired' });
    } finally {
      await receiver.close();
    }
  });

  it('sends balance.low once when the balance drops below $50', async () => {
    const receiver = await startReceiver();
    try {
      await addWebhook(receiver.url, ['balance.low']);
      const customerId = await createCustomer(h, { allocatedPortSlots: 5 });
      await h.call('POST', `/reseller/customers/${customerId}/topup`, { body: { amount: 440 } }); // 60 left
      await createPort({ customerId, countryId: US, days: 6 }); // 48 left → low
      await createPort({ customerId, countryId: US, days: 1 }); // 46 left → no second event
      await h.sandbox.webhooks.flush();
      expect(receiver.received).toHaveLength(1);
      expect(JSON.parse(receiver.received[0]!.body).data).toEqual({ balance: 48, threshold: 50, currency: 'USD' });
      expect(receiver.received[0]!.body).toContain('"balance":48.00');
      expect((await h.call('GET', '/reseller/balance')).json).toMatchObject({ balance: '46.00', isLow: true });
    } finally {
      await receiver.close();
    }
  });

  it('a suspended customer’s ports are suspended and come back on reactivation', async () => {
    const customerId = await createCustomer(h);
    const { port } = (await createPort({ customerId, countryId: US, days: 3 })).json;
    await h.call('POST', `/reseller/customers/${customerId}/suspend`);
    expect((await h.call('GET', `/reseller/ports/${port._id}`)).json.status).toBe('suspended');
    expect((await h.call('GET', `/ports/${port._id}/can-rotate`)).json.canRotate).toBe(false);
    await h.call('POST', `/reseller/customers/${customerId}/reactivate`);
    expect((await h.call('GET', `/reseller/ports/${port._id}`)).json.status).toBe('active');
  });
});
