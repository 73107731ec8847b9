import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createProvider, type Provider, type ProviderKind } from '../../../src/main/providers';
import { json, startLocalServer, type Handler } from './support/local-server';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function against(kind: ProviderKind, handler: Handler): Promise<{ p: Provider; arrivals: { method: string; url: string; body: string }[] }> {
  const server = await startLocalServer(handler);
  const p = createProvider(kind, {
    accountName: 'Local',
    baseUrl: server.baseUrl,
    apiKey: async () => (kind === 'whozex' ? 'wx_live_local' : 'psx_local'),
    http: { sleep: async () => {}, random: () => 0 },
  });
  cleanups.push(() => server.close(), () => p.close());
  return { p, arrivals: server.arrivals };
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

const envelope = (data: string) => `{"success":true,"data":${data},"meta":{"timestamp":"2026-01-01T00:00:00.000Z","version":"1.0.0","requestId":"meta_req_7"}}`;

describe('money over the wire is exact', () => {
  it('Whozex account: 150.00 → 15000 cents, 0.90/GB → 900000 micros, total_spent 0.1 → 10 cents; meta.requestId kept', async () => {
    const { p } = await against('whozex', (_q, res) =>
      json(res, 200, envelope('{"id":"r1","name":"R","email":"r@x","balance":150.00,"is_vip":true,"stats":{"packages":1,"sub_users":2,"total_spent":0.1},"pricing":{"custom_price_per_gb":0.90}}')),
    );
    const a = await p.getAccount();
    expect(a).toMatchObject({ balance: 15_000, customPricePerGbMicros: 900_000, stats: { totalSpent: 10, packages: 1, subUsers: 2 } });
    expect(a.requestId).toBe('meta_req_7');
  });

  it('a 1.005 rate is 1005000 micros; a 1.005 amount is refused clearly, never rounded', async () => {
    const { p } = await against('whozex', (req, res) =>
      req.url!.startsWith('/v1/pricing/calculate')
        ? json(res, 200, envelope('{"gb":1,"price_per_gb":1.005,"total":1.01,"is_vip":false,"custom_price":false}'))
        : json(res, 200, envelope('{"id":"r1","name":"R","email":"r@x","balance":1.005,"is_vip":false}')),
    );
    expect((await p.quote({ type: 'traffic', gb: 1 })).unitPriceMicros).toBe(1_005_000);
    const e = await caught(p.getAccount());
    expect(e.code).toBe('UPSTREAM_PROTOCOL');
    expect(e.message).toContain('1.005');
    expect(e.message).toContain('balance');
  });

  it('sends money as exact JSON numbers: 1250 cents → "amount":12.50', async () => {
    const { p, arrivals } = await against('whozex', (_q, res) =>
      json(res, 200, envelope('{"user_id":"u1","action":"add","amount":12.50,"user_balance":12.50,"reseller_balance":137.50}')),
    );
    const r = await p.topUpCustomer('u1', { amount: 1_250, note: 'paid' }, { idempotencyKey: 'op_money_001' });
    expect(r).toMatchObject({ amount: 1_250, customerBalance: 1_250, resellerBalance: 13_750 });
    expect(arrivals[0]!.body).toBe('{"action":"add","amount":12.50,"note":"paid"}');
  });

  it('Proxies.sx quote sends basePrice 2.00 from micros and reads 60.00/75.00/15.00 exactly', async () => {
    const { p, arrivals } = await against('proxies-sx', (_q, res) =>
      json(res, 200, '{"basePrice":60.00,"resellerPrice":75.00,"marginAmount":15.00,"marginPercent":25,"appliedRules":["Margin: +25%","30 days"]}', { 'x-request-id': 'psx_r1' }),
    );
    const q = await p.quote({ type: 'port', basePricePerDayMicros: 2_000_000, days: 30 });
    expect(q).toEqual({ cost: 6_000, resellerPrice: 7_500, margin: 1_500, marginBps: 2_500, unitPriceMicros: null, appliedRules: ['Margin: +25%', '30 days'], requestId: 'psx_r1' });
    expect(JSON.parse(arrivals[0]!.body)).toMatchObject({ type: 'port', days: 30 });
    expect(arrivals[0]!.body).toContain('"basePrice":2.00');
  });
});

describe('unreadable answers', () => {
  it('a GET answered with non-JSON is UPSTREAM_PROTOCOL (after no retries: it was an answer)', async () => {
    const { p, arrivals } = await against('whozex', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
    });
    const e = await caught(p.getAccount());
    expect(e.code).toBe('UPSTREAM_PROTOCOL');
    expect(e.message).not.toContain('<html>');
    expect(arrivals).toHaveLength(1);
  });

  it('a 2xx to a change whose body cannot be read is outcome-unknown, so the journal reconciles instead of failing it', async () => {
    const { p } = await against('whozex', (_q, res) => json(res, 201, envelope('{"id":"PKG-1","cost":"lots"}')));
    const e = await caught(p.createPackage({ customerId: 'u1', gb: 1 }, { idempotencyKey: 'op_unread_01' }));
    expect(e.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    const { p: q } = await against('proxies-sx', (_q, res) => json(res, 201, 'not json at all'));
    const f = await caught(q.createCustomer({ email: 'a@b.c', name: 'A' }, { idempotencyKey: 'op_unread_02' }));
    expect(f.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
  });

  it('a Whozex success:false envelope with 200 is not taken as success', async () => {
    const { p } = await against('whozex', (_q, res) => json(res, 200, '{"success":false,"error":{"code":"X","message":"no"}}'));
    expect((await caught(p.getAccount())).code).toBe('UPSTREAM_PROTOCOL');
  });

  it('a missing key in the keychain fails before anything is sent', async () => {
    const server = await startLocalServer((_q, res) => json(res, 200, '{}'));
    const p = createProvider('whozex', {
      accountName: 'Keyless',
      baseUrl: server.baseUrl,
      apiKey: async () => {
        throw new Error('Secret Service is not running');
      },
    });
    cleanups.push(() => server.close(), () => p.close());
    const e = await caught(p.getAccount());
    expect(e.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(e.message).toContain("'Keyless'");
    expect(server.arrivals).toHaveLength(0);
  });
});
