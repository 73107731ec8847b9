import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../src/main/providers';
import { json, startLocalServer } from './support/local-server';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Arrivals per wall-clock second, as the upstream would count them. */
function perSecond(times: number[]): number[] {
  const counts = new Map<number, number>();
  for (const t of times) counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1);
  return [...counts.values()];
}

describe('per-account request budget', () => {
  it('keeps a burst of 200 GETs under the configured rate at the upstream', async () => {
    const server = await startLocalServer((_req, res) =>
      json(res, 200, '{"success":true,"data":{"id":"u1","email":"a@b.c","name":"A","balance":1.00,"package_count":0,"created_at":"2026-01-01T00:00:00Z"},"meta":{}}'),
    );
    const rate = 50;
    const burst = 5;
    const provider = createProvider('whozex', {
      accountName: 'Budgeted',
      baseUrl: server.baseUrl,
      apiKey: async () => 'wx_live_test',
      http: { budget: { perSecond: rate, burst } },
    });
    cleanups.push(() => server.close(), () => provider.close());

    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => provider.getCustomer(`u${i}`)));
    expect(results).toHaveLength(200);
    expect(server.arrivals).toHaveLength(200);
    // In any one second the upstream sees at most the bucket plus one second of refill.
    const counts = perSecond(server.arrivals.map((a) => a.at));
    expect(Math.max(...counts)).toBeLessThanOrEqual(rate + burst);
    // …and the burst was spread over several seconds rather than refused.
    expect(counts.length).toBeGreaterThanOrEqual(3);
  });

  it('two accounts have separate budgets', async () => {
    const server = await startLocalServer((_req, res) => json(res, 200, '{"success":true,"data":{"is_vip":false,"plans":[]},"meta":{}}'));
    const mk = (name: string) =>
      createProvider('whozex', { accountName: name, baseUrl: server.baseUrl, apiKey: async () => `wx_live_${name}`, http: { budget: { perSecond: 1, burst: 3 } } });
    const a = mk('a');
    const b = mk('b');
    cleanups.push(() => server.close(), () => a.close(), () => b.close());
    await Promise.all([a.getPricebook(), a.getPricebook(), a.getPricebook(), b.getPricebook(), b.getPricebook(), b.getPricebook()]);
    // six calls within the two bursts: none had to wait for a refill
    const counts = perSecond(server.arrivals.map((x) => x.at));
    expect(server.arrivals).toHaveLength(6);
    expect(counts.length).toBeLessThanOrEqual(2);
  });
});
