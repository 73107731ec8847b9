import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { createCustomer, startPsx, startReceiver, US, type PsxHarness } from './proxies-sx-harness';

let h: PsxHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const balance = async (x: PsxHarness) => (await x.call('GET', '/reseller/balance')).json.balance as string;

describe('Proxies.sx reliability: idempotency, faults, rate limits, persistence', () => {
  it('the same Idempotency-Key twice → one charge, the same answer, marked as a replay', async () => {
    h = await startPsx();
    const customerId = await createCustomer(h);
    const body = { customerId, countryId: US, days: 30 };
    const headers = { 'Idempotency-Key': 'create-port-0001' };
    const first = await h.call('POST', '/reseller/ports', { body, headers });
    const second = await h.call('POST', '/reseller/ports', { body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await balance(h)).toBe('440.00');
    expect((await h.call('GET', '/reseller/ports')).json.total).toBe(1);

    const reused = await h.call('POST', '/reseller/ports', { body: { ...body, days: 2 }, headers });
    expect(reused.status).toBe(409);
    expect(reused.json).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'IDEMPOTENCY_KEY_REUSED' });
    const badKey = await h.call('POST', '/reseller/ports', { body, headers: { 'Idempotency-Key': 'short' } });
    expect(badKey.status).toBe(400);
    expect(badKey.json.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(await balance(h)).toBe('440.00');

    // Kept 24 h of sandbox time, then the key is free again.
    h.sandbox.clock.advance(24 * 3_600_000 + 1);
    const later = await h.call('POST', '/reseller/ports', { body, headers });
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(await balance(h)).toBe('380.00');
  });

  it('a connection dropped after commit, retried with the same key → the committed answer, one charge', async () => {
    h = await startPsx();
    const customerId = await createCustomer(h);
    const body = { amount: 100, description: 'Monthly credit', referenceId: 'INV-1' };
    h.sandbox.faults.configure({ dropAfterCommitRate: 1 });
    await expect(h.call('POST', `/reseller/customers/${customerId}/topup`, { body, headers: { 'Idempotency-Key': 'topup-inv-1' } })).rejects.toThrow();
    h.sandbox.faults.configure({ dropAfterCommitRate: 0 });
    expect(await balance(h)).toBe('400.00'); // it did commit

    const retry = await h.call('POST', `/reseller/customers/${customerId}/topup`, { body, headers: { 'Idempotency-Key': 'topup-inv-1' } });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json).toMatchObject({ resellerBalance: '400.00', customerBalance: '100.00' });
    expect(await balance(h)).toBe('400.00');
    expect((await h.call('GET', '/reseller/transactions?type=topup')).json.total).toBe(1);
  });

  it('port creation dropped after commit: the retry gets the same port, never a second one', async () => {
    h = await startPsx();
    const customerId = await createCustomer(h);
    h.sandbox.faults.configure({ dropAfterCommitRate: 1 });
    const body = { customerId, countryId: US, days: 10 };
    await expect(h.call('POST', '/reseller/ports', { body, headers: { 'Idempotency-Key': 'port-op-42' } })).rejects.toThrow();
    h.sandbox.faults.configure({ dropAfterCommitRate: 0 });
    const retry = await h.call('POST', '/reseller/ports', { body, headers: { 'Idempotency-Key': 'port-op-42' } });
    const list = await h.call('GET', '/reseller/ports');
    expect(list.json.total).toBe(1);
    expect(retry.json.port._id).toBe(list.json.ports[0]._id);
    expect(await balance(h)).toBe('480.00');
  });

  it('answers 429 with Retry-After and X-RateLimit headers when the bucket is empty', async () => {
    h = await startPsx({ rateLimit: { perSecond: 0.5, burst: 2 } });
    const a = await h.call('GET', '/reseller/balance');
    expect(a.headers.get('x-ratelimit-limit')).toBe('2');
    expect(a.headers.get('x-ratelimit-remaining')).toBe('1');
    await h.call('GET', '/reseller/balance');
    const limited = await h.call('GET', '/reseller/balance');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.json).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED' });
    // Buckets are per key: another credential is not limited.
    expect((await h.call('GET', '/reseller/balance', { key: 'psx_other' })).status).toBe(401);
    // The admin endpoint retunes the shared limiter.
    const tuned = await h.admin('PUT', '/__admin/rate-limit', { perSecond: 100, burst: 100 });
    expect(tuned.json).toEqual({ perSecond: 100, burst: 100 });
    expect((await h.call('GET', '/reseller/balance')).status).toBe(200);
  });

  it('injected errors and 429 storms happen before the handler: nothing changes', async () => {
    h = await startPsx();
    const customerId = await createCustomer(h);
    const put = await h.admin('PUT', '/__admin/faults', { errorRate: 1, seed: 7 });
    expect(put.json).toMatchObject({ errorRate: 1, seed: 7 });
    const failed = await h.call('POST', `/reseller/customers/${customerId}/topup`, { body: { amount: 10 } });
    expect([500, 503]).toContain(failed.status);
    expect(failed.json.statusCode).toBe(failed.status);
    await h.admin('PUT', '/__admin/faults', { errorRate: 0, rateLimitStormRate: 1 });
    const storm = await h.call('POST', `/reseller/customers/${customerId}/topup`, { body: { amount: 10 } });
    expect(storm.status).toBe(429);
    expect(storm.headers.get('retry-after')).toBe('1');
    await h.admin('DELETE', '/__admin/faults');
    expect(await balance(h)).toBe('500.00');
    expect((await h.admin('PUT', '/__admin/faults', { errorRate: 2 })).status).toBe(400);
  });

  it('retries a failed webhook delivery with backoff by sandbox time until it succeeds', async () => {
    h = await startPsx();
    const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
    try {
      await h.call('POST', '/reseller/webhooks', { body: { name: 'w', url: receiver.url, events: ['port.created'] } });
      const customerId = await createCustomer(h);
      await h.call('POST', '/reseller/ports', { body: { customerId, countryId: US, days: 1 } });
      await h.sandbox.webhooks.flush();
      let d = h.sandbox.webhooks.list({ api: 'proxies-sx' })[0]!;
      expect(d.status).toBe('pending');
      expect(d.attempts).toHaveLength(1);
      expect(d.attempts[0]!.statusCode).toBe(500);
      h.sandbox.clock.advance(1000);
      await h.sandbox.webhooks.flush();
      d = h.sandbox.webhooks.get(d.id)!;
      expect(d.status).toBe('delivered');
      expect(d.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
      expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
      expect(receiver.received[0]!.headers['x-proxies-event-id']).toBe(receiver.received[1]!.headers['x-proxies-event-id']);

      const replay = await h.admin('POST', `/__admin/webhook-deliveries/${d.id}/replay`);
      expect(replay.status).toBe(201);
      expect(replay.json).toMatchObject({ status: 'delivered', replayOf: d.id });
      expect(receiver.received).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });

  it('state survives closing and reopening a file store (including sandbox time)', async () => {
    const tmp = makeTempDir();
    try {
      h = await startPsx({ stateDir: tmp.dir });
      const customerId = await createCustomer(h, { email: 'keep@example.com' });
      const port = (await h.call('POST', '/reseller/ports', { body: { customerId, countryId: US, days: 30 } })).json.port;
      await h.call('POST', '/reseller/ports', { body: { customerId, countryId: US, days: 5 }, headers: { 'Idempotency-Key': 'persisted-key-1' } });
      h.sandbox.clock.advance(3_600_000);
      await h.close();
      h = null;

      h = await startPsx({ stateDir: tmp.dir });
      expect(h.sandbox.clock.now()).toBe(Date.UTC(2026, 0, 1, 1));
      expect(await balance(h)).toBe('430.00');
      expect((await h.call('GET', `/reseller/ports/${port._id}`)).json.proxyPassword).toBe(port.proxyPassword);
      expect((await h.call('GET', '/reseller/customers?search=keep')).json.total).toBe(1);
      const replay = await h.call('POST', '/reseller/ports', { body: { customerId, countryId: US, days: 5 }, headers: { 'Idempotency-Key': 'persisted-key-1' } });
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await balance(h)).toBe('430.00');
    } finally {
      await h?.close();
      h = null;
      tmp.cleanup();
    }
  });
});
