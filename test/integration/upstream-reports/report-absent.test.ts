import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createProvider } from '../../../src/main/providers';
import { createUpstreamReportsService } from '../../../src/main/services/upstream-reports';
import { createTestApp, type TestApp } from '../../support/app';

/**
 * An upstream that serves only part of what the card asks for: /account/stats answers
 * 404 in Whozex's own error shape, /analytics/overview answers an empty object. The card
 * must say the first is not offered and still show the second (nothing invented).
 */

let app: TestApp | null = null;
let server: Server | null = null;
afterEach(async () => {
  await app?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  app = null;
  server = null;
});

it('says a report the upstream does not serve is not offered, and reads the other one', async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const meta = { timestamp: new Date().toISOString(), version: '1.0.0' };
    if (req.url === '/v1/analytics/overview') return res.end(JSON.stringify({ success: true, data: { users: { total: 3 }, spending: { total: 12.34 } }, meta }));
    res.statusCode = 404;
    res.end(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'Route not found' }, meta }));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  app = await createTestApp();
  const at = app.clock.now().toISOString();
  app.ctx.ledger.sqlite
    .prepare("INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES ('w1', 'whozex', 'Partial Whozex', ?, ?, ?)")
    .run(baseUrl, at, at);
  const provider = createProvider('whozex', { accountName: 'Partial Whozex', baseUrl, apiKey: async () => 'wx_live_test', http: { retry: { retries: 0 } } });
  const reports = createUpstreamReportsService({ ledger: app.ctx.ledger, clock: app.clock, providerFor: () => provider });
  try {
    const r = await reports.whozexInsights('w1');
    expect(r.stats).toMatchObject({ status: 'absent' });
    if (r.stats.status === 'absent') expect(r.stats.message).toMatch(/does not serve its account statistics/);
    expect(r.overview).toMatchObject({ status: 'ok' });
    if (r.overview.status === 'ok') {
      expect(r.overview.value.users.total).toBe(3);
      expect(r.overview.value.spending).toEqual([{ key: 'total', label: 'Total spent', amount: 1_234 }]);
      expect(r.overview.value.packages).toEqual({ total: null, active: null, lowGb: null, depleted: null, expired: null });
      expect(r.overview.value.chart).toEqual([]);
    }
  } finally {
    await provider.close();
  }
});
