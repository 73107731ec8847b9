import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSX_COUNTRY_IDS, type SandboxProfile } from '../../../src/main/sandbox';
import { startProfile, type ProfileHarness } from './profile-harness';
import { startReceiver, verifyPsxSignature } from './proxies-sx-harness';

const US = PSX_COUNTRY_IDS.US!;
let n = 0;
const email = () => `w${++n}_${Date.now()}@example.com`;

describe('Whozex webhook registration', () => {
  const hs: Partial<Record<SandboxProfile, ProfileHarness>> = {};
  beforeAll(async () => {
    hs.documented = await startProfile('documented');
    hs.extended = await startProfile('extended');
  });
  afterAll(async () => {
    await hs.documented?.close();
    await hs.extended?.close();
  });
  const register = (p: SandboxProfile, url: string, events: string[]) => hs[p]!.wzx('POST', '/webhooks', { body: { url, events } });

  it('documented: takes the four documented events and refuses any other, naming it', async () => {
    const ok = await register('documented', 'https://bot.example.com/hook', ['package.created', 'package.low_gb', 'balance.added', 'user.created']);
    expect(ok.status).toBe(201);
    expect(ok.json.data.secret).toMatch(/^wxsec_/);
    for (const extra of ['balance.deducted', 'package.gb_added', 'package.depleted', 'package.expired']) {
      const r = await register('documented', 'https://bot.example.com/hook', ['user.created', extra]);
      expect(r.status, extra).toBe(400);
      expect(r.json.error.code).toBe('INVALID_PARAMS');
      expect(r.json.error.message).toContain(`"${extra}"`);
    }
  });

  it('extended: also takes the assumed events', async () => {
    expect((await register('extended', 'https://bot.example.com/hook', ['balance.deducted', 'package.expired'])).status).toBe(201);
  });

  it('wants HTTPS, except plain http on loopback, in both profiles', async () => {
    for (const p of ['documented', 'extended'] as const) {
      for (const url of ['http://example.com/hook', 'http://10.0.0.5/hook', 'ftp://127.0.0.1/hook', 'http://127.0.0.2.example.com/h']) {
        const r = await register(p, url, ['user.created']);
        expect(r.status, `${p} ${url}`).toBe(400);
        expect(r.json.error.code).toBe('INVALID_PARAMS');
        expect(r.json.error.message).toMatch(/HTTPS/);
      }
      for (const url of ['https://example.com/hook', 'http://127.0.0.1:4000/hook', 'http://localhost:4000/hook', 'http://[::1]:4000/hook']) {
        expect((await register(p, url, ['user.created'])).status, `${p} ${url}`).toBe(201);
      }
    }
  });
});

describe('webhook deliveries per profile', () => {
  it('Proxies.sx documented: the design note body, X-Proxies-Event and X-Proxies-Delivery, no signature and no secret', async () => {
    const h = await startProfile('documented');
    const rx = await startReceiver();
    try {
      const reg = await h.psx('POST', '/reseller/webhooks', { body: { name: 'Desk', url: rx.url, events: ['port.created'] } });
      expect(reg.status).toBe(201);
      expect(reg.json).not.toHaveProperty('secret');
      const c = await h.psx('POST', '/reseller/customers', { body: { email: email(), name: 'W', allocatedPortSlots: 1 } });
      const port = await h.psx('POST', '/reseller/ports', { body: { customerId: c.json._id, countryId: US, days: 1 } });
      expect(port.status).toBe(201);
      await h.sandbox.webhooks.flush();
      expect(rx.received).toHaveLength(1);
      const { headers, body } = rx.received[0]!;
      const event = JSON.parse(body) as Record<string, unknown>;
      expect(Object.keys(event).sort()).toEqual(['created', 'data', 'id', 'resellerId', 'type']);
      expect(event).toMatchObject({ type: 'port.created', resellerId: expect.any(String) });
      expect(Number.isSafeInteger(event.created)).toBe(true);
      expect(event.created).toBe(Math.floor(h.sandbox.clock.now() / 1000));
      expect((event.data as { port: { _id: string } }).port._id).toBe(port.json.port._id);
      expect(headers['x-proxies-event']).toBe('port.created');
      expect(headers['x-proxies-delivery']).toMatch(/^dlv_[0-9a-f]{24}$/);
      expect(headers['x-proxies-signature']).toBeUndefined();
      expect(headers['x-proxies-event-id']).toBeUndefined();
    } finally {
      await rx.close();
      await h.close();
    }
  });

  it('Proxies.sx extended: the sandbox shape, a secret at registration and a verifiable signature (assumed)', async () => {
    const h = await startProfile('extended');
    const rx = await startReceiver();
    try {
      const reg = await h.psx('POST', '/reseller/webhooks', { body: { name: 'Desk', url: rx.url, events: ['port.created'] } });
      expect(reg.json.secret).toMatch(/^whsec_/);
      const c = await h.psx('POST', '/reseller/customers', { body: { email: email(), name: 'W', allocatedPortSlots: 1 } });
      expect((await h.psx('POST', '/reseller/ports', { body: { customerId: c.json._id, countryId: US, days: 1 } })).status).toBe(201);
      await h.sandbox.webhooks.flush();
      const { headers, body } = rx.received[0]!;
      expect(Object.keys(JSON.parse(body) as object).sort()).toEqual(['createdAt', 'data', 'event', 'id']);
      expect(verifyPsxSignature(headers, body, reg.json.secret as string)).toBe(true);
    } finally {
      await rx.close();
      await h.close();
    }
  });

  for (const profile of ['documented', 'extended'] as const) {
    it(`Whozex ${profile}: {event, data, timestamp} signed sha256=<hex> with the registration secret${profile === 'documented' ? ', no undocumented headers' : ''}`, async () => {
      const h = await startProfile(profile);
      const rx = await startReceiver();
      try {
        const reg = await h.wzx('POST', '/webhooks', { body: { url: rx.url, events: ['user.created'] } });
        expect(reg.status).toBe(201);
        expect((await h.wzx('POST', '/users', { body: { email: email() } })).status).toBe(201);
        await h.sandbox.webhooks.flush();
        const { headers, body } = rx.received[0]!;
        expect(headers['x-whozex-signature']).toBe('sha256=' + createHmac('sha256', reg.json.data.secret as string).update(body).digest('hex'));
        expect(JSON.parse(body)).toMatchObject({ event: 'user.created', timestamp: expect.any(String) });
        expect(headers['x-whozex-event-id'] === undefined).toBe(profile === 'documented');
      } finally {
        await rx.close();
        await h.close();
      }
    });
  }
});
