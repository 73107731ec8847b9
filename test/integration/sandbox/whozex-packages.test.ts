import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fundedUser, heavyUser, startWhozex, type WhozexHarness } from './whozex-harness';

const DAY = 86_400_000;
let h: WhozexHarness;
beforeEach(async () => {
  h = await startWhozex();
});
afterEach(async () => {
  await h.close();
});

/** The seeded reseller without its custom price (standard tiers), or VIP without custom. */
function pricing(isVip: boolean, customMicros: number | null): void {
  h.db.prepare('UPDATE wzx_resellers SET is_vip = ?, custom_price_micros = ?').run(isVip ? 1 : 0, customMicros);
}

describe('Whozex sandbox: buying packages', () => {
  it("charges gb × the custom price to the sub-user's balance and answers the seed's fields", async () => {
    const u = await fundedUser(h, 'buyer@example.com', 50);
    const r = await h.call('POST', `/users/${u}/packages`, { body: { proxy_type: 'residential', gb: 20 } });
    expect(r.status).toBe(201);
    expect(r.json.data).toEqual({
      id: expect.stringMatching(/^PKG-[A-Z0-9]{6}$/),
      user_id: u,
      proxy_type: 'residential',
      total_gb: 20,
      used_gb: 0,
      remaining_gb: 20,
      status: 'active',
      evomi_username: expect.stringMatching(/^wx[0-9a-f]{8}$/),
      evomi_password: expect.stringMatching(/^wxp[0-9a-f]{16}$/),
      cost: 18,
      price_per_gb: 0.9,
      user_balance_after: 32,
      created_at: '2026-01-01T00:00:00.000Z',
      expires_at: '2026-01-31T00:00:00.000Z',
    });
    expect(r.text).toContain('"cost":18.00,"price_per_gb":0.90,"user_balance_after":32.00');
    expect((await h.call('GET', `/users/${u}`)).json.data).toMatchObject({ balance: 32, package_count: 1 });
    // The reseller balance is untouched by a purchase: it was spent when the user was funded.
    expect((await h.call('GET', '/account')).json.data.balance).toBe(100);
  });

  it('prices by tier and proxy type when there is no custom price (the seed example: 20 GB at 1.50 = 30.00)', async () => {
    pricing(false, null);
    const u = await fundedUser(h, 'std@example.com', 100);
    const r = await h.call('POST', `/users/${u}/packages`, { body: { gb: 20 } });
    expect(r.json.data).toMatchObject({ proxy_type: 'residential', cost: 30, price_per_gb: 1.5, user_balance_after: 70 });
    expect(r.text).toContain('"cost":30.00,"price_per_gb":1.50');
    const dc = await h.call('POST', `/users/${u}/packages`, { body: { gb: 10, proxy_type: 'datacenter' } });
    expect(dc.json.data).toMatchObject({ cost: 10, price_per_gb: 1 });
    pricing(true, null);
    const vip = await h.call('POST', `/users/${u}/packages`, { body: { gb: 10, proxy_type: 'mobile' } });
    expect(vip.json.data).toMatchObject({ cost: 32, price_per_gb: 3.2, user_balance_after: 28 });
  });

  it('refuses a purchase the sub-user cannot pay with the exact INSUFFICIENT_BALANCE message and no effect', async () => {
    pricing(false, null);
    const u = await fundedUser(h, 'broke@example.com', 5);
    const r = await h.call('POST', `/users/${u}/packages`, { body: { gb: 10 } });
    expect(r.status).toBe(402);
    expect(r.json).toMatchObject({
      success: false,
      error: { code: 'INSUFFICIENT_BALANCE', message: 'User balance ($5.00) is insufficient. Cost: $20.00' },
      meta: { version: '1.0.0' },
    });
    expect((await h.call('GET', `/users/${u}`)).json.data).toMatchObject({ balance: 5, package_count: 0 });
    expect((await h.call('GET', '/account/transactions?type=purchase')).json.data.pagination.total).toBe(0);
  });

  it('refuses bad package requests with 400 and changes nothing', async () => {
    const u = await fundedUser(h, 'typo@example.com', 50);
    const cases: [unknown, string][] = [
      [{}, 'MISSING_FIELD'],
      [{ gb: 0 }, 'INVALID_PARAMS'],
      [{ gb: 2.5 }, 'INVALID_PARAMS'],
      [{ gb: '10' }, 'INVALID_PARAMS'],
      [{ gb: 10, proxy_type: 'isp' }, 'INVALID_PARAMS'],
      [{ gb: 1_000_000 }, 'INVALID_PARAMS'],
    ];
    for (const [body, code] of cases) {
      const r = await h.call('POST', `/users/${u}/packages`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code, JSON.stringify(body)).toBe(code);
    }
    const notJson = await h.call('POST', `/users/${u}/packages`, { raw: '{"gb": 10', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toEqual({ code: 'INVALID_PARAMS', message: 'Request body is not valid JSON' });
    const form = await h.call('POST', `/users/${u}/packages`, { raw: 'gb=10', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(400);
    expect(form.json.error.code).toBe('INVALID_PARAMS');
    const nobody = await h.call('POST', '/users/nobody/packages', { body: { gb: 1 } });
    expect(nobody.status).toBe(404);
    expect((await h.call('GET', `/users/${u}`)).json.data).toMatchObject({ balance: 50, package_count: 0 });
  });

  it('an Idempotency-Key replays the first answer and charges once; the same key with another body is refused', async () => {
    const u = await fundedUser(h, 'retry@example.com', 50);
    const headers = { 'Idempotency-Key': 'order-0001-abcdef' };
    const first = await h.call('POST', `/users/${u}/packages`, { body: { gb: 10 }, headers });
    const again = await h.call('POST', `/users/${u}/packages`, { body: { gb: 10 }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
    expect((await h.call('GET', `/users/${u}`)).json.data).toMatchObject({ balance: 41, package_count: 1 });
    const other = await h.call('POST', `/users/${u}/packages`, { body: { gb: 11 }, headers });
    expect(other.status).toBe(409);
    expect(other.json).toMatchObject({ success: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const badKey = await h.call('POST', `/users/${u}/packages`, { body: { gb: 1 }, headers: { 'Idempotency-Key': 'short' } });
    expect(badKey.status).toBe(400);
    expect(badKey.json.error.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect((await h.call('GET', `/users/${u}`)).json.data.package_count).toBe(1);
  });

  it('a purchase whose answer was lost after commit is replayed from its Idempotency-Key, never charged twice', async () => {
    const u = await fundedUser(h, 'dropped@example.com', 50);
    h.faults.configure({ dropAfterCommitRate: 1 });
    const headers = { 'Idempotency-Key': 'lost-answer-0001' };
    await expect(h.call('POST', `/users/${u}/packages`, { body: { gb: 10 }, headers })).rejects.toThrow();
    h.faults.configure({ dropAfterCommitRate: 0 });
    const retry = await h.call('POST', `/users/${u}/packages`, { body: { gb: 10 }, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.data.user_balance_after).toBe(41);
    expect((await h.call('GET', `/users/${u}`)).json.data).toMatchObject({ balance: 41, package_count: 1 });
  });
});

describe('Whozex sandbox: one package', () => {
  async function buy(gb = 20): Promise<{ user: string; id: string }> {
    const user = await fundedUser(h, `p${Math.random().toString(36).slice(2)}@example.com`, 100);
    const r = await h.call('POST', `/users/${user}/packages`, { body: { gb } });
    return { user, id: r.json.data.id as string };
  }

  it('GET /packages/:id is live: usage grows as sandbox time passes', async () => {
    const { id } = await buy(20);
    const fresh = await h.call('GET', `/packages/${id}`);
    expect(fresh.json.data).toMatchObject({ id, live: true, total_gb: 20, used_gb: 0, remaining_gb: 20, status: 'active' });
    h.clock.advance(3 * DAY);
    const later = (await h.call('GET', `/packages/${id}`)).json.data;
    expect(later.used_gb).toBeGreaterThan(0);
    // 2–6 % of 20 GB per day, ±30 % per day: 3 days use between 0.84 and 4.68 GB.
    expect(later.used_gb).toBeGreaterThanOrEqual(0.84);
    expect(later.used_gb).toBeLessThanOrEqual(4.68);
    expect(later.remaining_gb).toBeCloseTo(20 - later.used_gb, 3);
    expect((await h.call('GET', '/packages/PKG-NOPE00')).status).toBe(404);
  });

  it('POST /packages/:id/add-gb charges the owner and adds GB, reviving a depleted package', async () => {
    const { user, id } = await buy(10); // 9.00 → user has 91.00
    heavyUser(h, id, 3000); // 10 GB at ~3 GB a day (at least 2.1): dry within 5 days
    h.clock.advance(7 * DAY);
    expect((await h.call('GET', `/packages/${id}`)).json.data).toMatchObject({ status: 'depleted', used_gb: 10, remaining_gb: 0 });
    const r = await h.call('POST', `/packages/${id}/add-gb`, { body: { gb: 10, note: 'top-up' } });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ id, total_gb: 20, used_gb: 10, remaining_gb: 10, status: 'active', gb_added: 10, cost: 9, user_balance_after: 82 });
    expect((await h.call('GET', `/users/${user}`)).json.data.balance).toBe(82);
    const tx = (await h.call('GET', '/account/transactions?type=add_gb')).json.data.transactions;
    expect(tx[0]).toMatchObject({ type: 'add_gb', amount: 9, gb: 10, package_id: id, note: 'top-up' });
    h.clock.advance(DAY / 2);
    expect((await h.call('GET', `/packages/${id}`)).json.data.used_gb).toBeGreaterThan(10);
  });

  it('add-gb refuses what the owner cannot pay, bad amounts, and expired packages', async () => {
    const { user, id } = await buy(10);
    await h.call('POST', `/users/${user}/balance`, { body: { action: 'deduct', amount: 90 } }); // leaves 1.00
    const poor = await h.call('POST', `/packages/${id}/add-gb`, { body: { gb: 10 } });
    expect(poor.status).toBe(402);
    expect(poor.json.error.message).toBe('User balance ($1.00) is insufficient. Cost: $9.00');
    for (const body of [{}, { gb: 0 }, { gb: 'x' }]) {
      expect((await h.call('POST', `/packages/${id}/add-gb`, { body })).status).toBe(400);
    }
    h.clock.advance(31 * DAY);
    await h.call('POST', `/users/${user}/balance`, { body: { action: 'add', amount: 20 } });
    const expired = await h.call('POST', `/packages/${id}/add-gb`, { body: { gb: 1 } });
    expect(expired.status).toBe(400);
    expect(expired.json.error.message).toMatch(/expired/);
    expect((await h.call('GET', `/packages/${id}`)).json.data).toMatchObject({ status: 'expired', total_gb: 10 });
  });

  it('GET /packages/:id/credentials formats http and socks5 strings with country/city targeting as the seed shows', async () => {
    const { id } = await buy(10);
    const pkg = (await h.call('GET', `/packages/${id}`)).json.data;
    const u = pkg.evomi_username as string;
    const p = pkg.evomi_password as string;
    const tr = await h.call('GET', `/packages/${id}/credentials?country=TR`);
    expect(tr.status).toBe(200);
    expect(tr.json.data).toEqual({
      package_id: id,
      username: u,
      password: p,
      http: {
        host: 'rp.evomi.com',
        port: 1000,
        connection_string: `rp.evomi.com:1000:${u}:${p}_country-TR`,
        curl_example: `curl -x "http://${u}:${p}_country-TR@rp.evomi.com:1000" https://ip.whozex.com`,
      },
      socks5: { host: 'rp.evomi.com', port: 1002, connection_string: `rp.evomi.com:1002:${u}:${p}_country-TR` },
      targeting: { country: 'TR', city: null },
    });
    const city = await h.call('GET', `/packages/${id}/credentials?country=tr&city=Istanbul`);
    expect(city.json.data.targeting).toEqual({ country: 'TR', city: 'Istanbul' });
    expect(city.json.data.http.connection_string).toBe(`rp.evomi.com:1000:${u}:${p}_country-TR_city-istanbul`);
    const any = await h.call('GET', `/packages/${id}/credentials?country=any`);
    expect(any.json.data.http.connection_string).toBe(`rp.evomi.com:1000:${u}:${p}`);
    expect(any.json.data.targeting).toEqual({ country: null, city: null });
    // The seed lists city as its own parameter: a city alone is targeting too.
    const cityOnly = await h.call('GET', `/packages/${id}/credentials?city=Istanbul`);
    expect(cityOnly.status).toBe(200);
    expect(cityOnly.json.data.targeting).toEqual({ country: null, city: 'Istanbul' });
    expect(cityOnly.json.data.http.connection_string).toBe(`rp.evomi.com:1000:${u}:${p}_city-istanbul`);
    for (const q of ['country=XX', 'country=TUR', 'country=1', 'country=TR&city=%3Cscript%3E']) {
      const bad = await h.call('GET', `/packages/${id}/credentials?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.json.error.code, q).toBe('INVALID_PARAMS');
    }
  });

  it('GET /packages/:id/usage gives chart series that add up to the usage, per day, hour or minute', async () => {
    const { id } = await buy(50);
    h.clock.advance(10 * DAY);
    const pkg = (await h.call('GET', `/packages/${id}`)).json.data;
    const week = (await h.call('GET', `/packages/${id}/usage`)).json.data;
    expect(week).toMatchObject({ package_id: id, duration: '7d', granularity: 'day' });
    expect(week.usage).toHaveLength(7);
    const month = (await h.call('GET', `/packages/${id}/usage?duration=30d&granularity=day`)).json.data;
    const monthMb = month.usage.reduce((a: number, p: { used_mb: number }) => a + p.used_mb, 0);
    expect(monthMb / 1000).toBeCloseTo(pkg.used_gb, 3);
    expect(month.total_used_gb).toBeCloseTo(pkg.used_gb, 3);
    // Days differ (the model is not a flat line) and nights are quieter than evenings.
    const days = week.usage.map((p: { used_mb: number }) => p.used_mb);
    expect(new Set(days).size).toBeGreaterThan(1);
    const hours = (await h.call('GET', `/packages/${id}/usage?duration=1d&granularity=hour`)).json.data.usage;
    expect(hours).toHaveLength(24);
    const minutes = (await h.call('GET', `/packages/${id}/usage?duration=1d&granularity=minute`)).json.data.usage;
    expect(minutes).toHaveLength(1440);
    expect(minutes[0].timestamp).toBe('2026-01-10T00:00:00.000Z');
    const sameBefore = (await h.call('GET', `/packages/${id}/usage?duration=30d`)).text;
    expect((await h.call('GET', `/packages/${id}/usage?duration=30d`)).text).toBe(sameBefore);
    // Every combination the seed names works, 7d and 30d at minute granularity included.
    const weekMinutes = await h.call('GET', `/packages/${id}/usage?duration=7d&granularity=minute`);
    expect(weekMinutes.status).toBe(200);
    expect(weekMinutes.json.data.usage).toHaveLength(7 * 1440);
    const monthMinutes = await h.call('GET', `/packages/${id}/usage?duration=30d&granularity=minute`);
    expect(monthMinutes.status).toBe(200);
    expect(monthMinutes.json.data.usage).toHaveLength(30 * 1440);
    for (const q of ['duration=forever', 'duration=365d', 'granularity=second', 'duration=31d&granularity=minute']) {
      const bad = await h.call('GET', `/packages/${id}/usage?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.json.error.code, q).toBe('INVALID_PARAMS');
    }
  });
});

describe('Whozex sandbox: pricing and analytics', () => {
  it('GET /pricing lists the tiers with standard, VIP and your price', async () => {
    const r = await h.call('GET', '/pricing');
    expect(r.json.data.is_vip).toBe(true);
    expect(r.json.data.custom_price_per_gb).toBe(0.9);
    const plans = r.json.data.plans as { gb: number }[];
    expect(plans.find((p) => p.gb === 10)).toEqual({ gb: 10, label: '10 GB', standard_price: 2, vip_price: 1.6, your_price: 0.9, total_cost: 9 });
    expect(plans.find((p) => p.gb === 100)).toEqual({ gb: 100, label: '100 GB', standard_price: 1, vip_price: 0.8, your_price: 0.9, total_cost: 90 });
    expect(r.text).toContain('{"gb":10,"label":"10 GB","standard_price":2.00,"vip_price":1.60,"your_price":0.90,"total_cost":9.00}');
    pricing(true, null);
    const vip = (await h.call('GET', '/pricing')).json.data;
    expect(vip.custom_price_per_gb).toBeNull();
    expect(vip.plans.find((p: { gb: number }) => p.gb === 100).your_price).toBe(0.8);
    expect((await h.call('GET', '/pricing?proxy_type=plasma')).status).toBe(400);
  });

  it('GET /pricing/calculate gives the exact cost (the seed example: 50 GB → 45.00)', async () => {
    const r = await h.call('GET', '/pricing/calculate?gb=50');
    expect(r.json.data).toEqual({ gb: 50, proxy_type: 'residential', price_per_gb: 0.9, total: 45, is_vip: true, custom_price: true });
    expect(r.text).toContain('"price_per_gb":0.90,"total":45.00');
    pricing(false, null);
    const std = await h.call('GET', '/pricing/calculate?gb=7&proxy_type=datacenter');
    expect(std.json.data).toMatchObject({ price_per_gb: 1, total: 7, custom_price: false, is_vip: false });
    expect((await h.call('GET', '/pricing/calculate')).json.error.code).toBe('MISSING_FIELD');
    expect((await h.call('GET', '/pricing/calculate?gb=-3')).json.error.code).toBe('INVALID_PARAMS');
  });

  it('GET /analytics/overview sums balances, packages, GB and spending with a 30-day chart', async () => {
    const a = await fundedUser(h, 'a@example.com', 40);
    await fundedUser(h, 'b@example.com', 0);
    await h.call('POST', `/users/${a}/packages`, { body: { gb: 20 } });
    h.clock.advance(2 * DAY);
    const r = await h.call('GET', '/analytics/overview');
    expect(r.status).toBe(200);
    const d = r.json.data;
    expect(d.reseller_balance).toBe(110);
    expect(d.users).toEqual({ total: 2, with_balance: 1, total_balance: 22 });
    expect(d.packages).toMatchObject({ total: 1, active: 1, depleted: 0, expired: 0 });
    expect(d.gb.purchased).toBe(20);
    expect(d.gb.used).toBeGreaterThan(0);
    expect(d.spending).toEqual({ total: 18, last_30_days: 18 });
    expect(d.chart).toHaveLength(30);
    expect(d.chart.at(-3)).toMatchObject({ date: '2026-01-01', spent: 18, new_users: 2 });
  });
});
