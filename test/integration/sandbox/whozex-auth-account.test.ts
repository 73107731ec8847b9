import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fundedUser, startWhozex, type WhozexHarness } from './whozex-harness';

let h: WhozexHarness;
beforeEach(async () => {
  h = await startWhozex();
});
afterEach(async () => {
  await h.close();
});

describe('Whozex sandbox: authentication', () => {
  it('refuses a request without a key with MISSING_API_KEY 401 in the envelope', async () => {
    const r = await h.call('GET', '/account', { key: null });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ success: false, error: { code: 'MISSING_API_KEY' }, meta: { version: '1.0.0' } });
    expect(r.json.error.message).toMatch(/Authorization: Bearer/);
  });

  it('refuses an unknown key with INVALID_API_KEY 401', async () => {
    const r = await h.call('GET', '/account', { key: 'wx_live_nope' });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('INVALID_API_KEY');
  });

  it('accepts the key as X-API-Key as well as Bearer', async () => {
    const r = await h.call('GET', '/account', { key: null, headers: { 'X-API-Key': h.apiKey } });
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
  });

  it('answers API_DISABLED 403 when the account is disabled by the admin', async () => {
    h.db.prepare("UPDATE wzx_resellers SET status = 'disabled'").run();
    const r = await h.call('GET', '/account');
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('API_DISABLED');
  });

  it('puts an X-Request-ID on every answer, success or error, and echoes a sane incoming one', async () => {
    const ok = await h.call('GET', '/pricing');
    const bad = await h.call('GET', '/account', { key: null });
    const missing = await h.call('GET', '/nothing-here');
    for (const r of [ok, bad, missing]) expect(r.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]+$/);
    const echoed = await h.call('GET', '/pricing', { headers: { 'X-Request-ID': 'client-trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('client-trace-42');
  });

  it('answers an unknown route with NOT_FOUND 404 in the envelope', async () => {
    const r = await h.call('GET', '/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('Whozex sandbox: account', () => {
  it('GET /account gives the seeded reseller with money as two-decimal numbers', async () => {
    const r = await h.call('GET', '/account');
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({
      balance: 150,
      is_vip: true,
      stats: { packages: 0, sub_users: 0, total_spent: 0 },
      pricing: { custom_price_per_gb: 0.9 },
    });
    expect(r.json.data.api_key.last_used_at).toBe('2026-01-01T00:00:00.000Z');
    // The exact text, as the seed shows it: "balance": 150.00, "custom_price_per_gb": 0.90
    expect(r.text).toContain('"balance":150.00');
    expect(r.text).toContain('"custom_price_per_gb":0.90');
    expect(r.text).not.toContain(h.apiKey);
    expect(r.json.meta.timestamp).toBe('2026-01-01T00:00:00.000Z');
  });

  it('GET /account reflects sub-users, packages and total spent', async () => {
    const u = await fundedUser(h, 'spender@example.com', 50);
    await h.call('POST', `/users/${u}/packages`, { body: { gb: 20 } });
    const r = await h.call('GET', '/account');
    expect(r.json.data.stats).toEqual({ packages: 1, sub_users: 1, total_spent: 18 });
    expect(r.json.data.balance).toBe(100);
  });

  it('GET /account/stats breaks spending and GB down by proxy type, with a 30-day chart', async () => {
    const u = await fundedUser(h, 'stats@example.com', 100);
    await h.call('POST', `/users/${u}/packages`, { body: { gb: 20 } });
    await h.call('POST', `/users/${u}/packages`, { body: { gb: 10, proxy_type: 'mobile' } });
    h.clock.advance(86_400_000);
    const pkgs = (await h.call('GET', `/users/${u}/packages`)).json.data.packages as { id: string }[];
    await h.call('POST', `/packages/${pkgs[0]!.id}/add-gb`, { body: { gb: 5 } });
    const r = await h.call('GET', '/account/stats');
    expect(r.status).toBe(200);
    const d = r.json.data;
    expect(d.spending).toMatchObject({ total_spent: 31.5, packages: 27, add_gb: 4.5, balance_added_to_users: 100, last_30_days: 31.5 });
    expect(d.gb_by_proxy_type.residential).toMatchObject({ packages: 1, total_gb: 20 });
    expect(d.gb_by_proxy_type.mobile).toMatchObject({ packages: 1, total_gb: 15 });
    expect(d.gb_by_proxy_type.datacenter).toMatchObject({ packages: 0, total_gb: 0 });
    expect(d.gb_by_proxy_type.residential.used_gb).toBeGreaterThan(0);
    expect(d.chart).toHaveLength(30);
    expect(d.chart.at(-1)).toMatchObject({ date: '2026-01-02', spent: 4.5, gb_purchased: 5 });
    expect(d.chart.at(-2)).toMatchObject({ date: '2026-01-01', spent: 27, gb_purchased: 30, new_users: 1 });
  });

  it('GET /account/transactions pages newest first, filters by type, and refuses limit > 100', async () => {
    const u = await fundedUser(h, 'tx@example.com', 60);
    await h.call('POST', `/users/${u}/balance`, { body: { action: 'deduct', amount: 10, note: 'refund' } });
    await h.call('POST', `/users/${u}/packages`, { body: { gb: 20 } });
    const all = await h.call('GET', '/account/transactions?limit=2');
    expect(all.status).toBe(200);
    expect(all.json.data.pagination).toEqual({ total: 4, page: 1, limit: 2, pages: 2, has_next: true, has_prev: false });
    expect(all.json.data.transactions.map((t: { type: string }) => t.type)).toEqual(['purchase', 'balance_deduct']);
    expect(all.json.data.transactions[1]).toMatchObject({ amount: 10, note: 'refund', balance_after: 100, user_balance_after: 50 });
    const page2 = await h.call('GET', '/account/transactions?limit=2&page=2');
    expect(page2.json.data.transactions.map((t: { type: string }) => t.type)).toEqual(['balance_add', 'deposit']);
    expect(page2.json.data.pagination).toMatchObject({ has_next: false, has_prev: true });
    const purchases = await h.call('GET', '/account/transactions?type=purchase');
    expect(purchases.json.data.transactions).toHaveLength(1);
    expect(purchases.json.data.transactions[0]).toMatchObject({ type: 'purchase', amount: 18, gb: 20, user_id: u });
    const deposits = await h.call('GET', '/account/transactions?type=deposit');
    expect(deposits.json.data.transactions[0]).toMatchObject({ amount: 150 });
    for (const q of ['limit=101', 'limit=0', 'page=0', 'page=abc', 'type=refund']) {
      const bad = await h.call('GET', `/account/transactions?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.json.error.code, q).toBe('INVALID_PARAMS');
    }
  });

  it('POST /account/regenerate-key returns a new key and the old one stops working at once', async () => {
    const r = await h.call('POST', '/account/regenerate-key');
    expect(r.status).toBe(200);
    const fresh = r.json.data.api_key as string;
    expect(fresh).toMatch(/^wx_live_[0-9a-f]{40}$/);
    const old = await h.call('GET', '/account');
    expect(old.status).toBe(401);
    expect(old.json.error.code).toBe('INVALID_API_KEY');
    const now = await h.call('GET', '/account', { key: fresh });
    expect(now.status).toBe(200);
    expect(now.json.data.api_key.key_hint).toBe(`wx_live_…${fresh.slice(-4)}`);
  });

  it('a regenerate-key answer lost after commit is replayed to the old key with the same Idempotency-Key, and only that', async () => {
    h.faults.configure({ dropAfterCommitRate: 1 });
    const headers = { 'Idempotency-Key': 'rotate-key-0001' };
    await expect(h.call('POST', '/account/regenerate-key', { headers })).rejects.toThrow();
    h.faults.configure({ dropAfterCommitRate: 0 });
    const replay = await h.call('POST', '/account/regenerate-key', { headers });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const fresh = replay.json.data.api_key as string;
    expect((await h.call('GET', '/account', { key: fresh })).status).toBe(200);
    // The old key is dead for everything else, including another regeneration.
    expect((await h.call('GET', '/account')).json.error.code).toBe('INVALID_API_KEY');
    expect((await h.call('POST', '/account/regenerate-key', { headers: { 'Idempotency-Key': 'rotate-key-0002' } })).status).toBe(401);
    expect((await h.call('POST', '/account/regenerate-key')).status).toBe(401);
    expect((await h.call('GET', '/account', { key: fresh })).status).toBe(200);
  });
});
