import { seedWhozexLargeAccount } from '../../../src/main/sandbox/whozex';
import { afterEach, describe, expect, it } from 'vitest';
import { fundedUser, startWhozex, type WhozexHarness } from './whozex-harness';

let h: WhozexHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Whozex sandbox: limits and faults', () => {
  it('rate-limits per API key with 429, Retry-After and the envelope', async () => {
    h = await startWhozex({ rateLimit: { perSecond: 0.001, burst: 3 } });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await h.call('GET', '/pricing');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(last!.json).toMatchObject({ success: false, error: { code: 'RATE_LIMITED' }, meta: { version: '1.0.0' } });
    expect(last!.headers.get('x-request-id')).toBeTruthy();
    // Another key has its own bucket (it is refused for being unknown, not for the limit).
    expect((await h.call('GET', '/pricing', { key: 'wx_live_someone_else' })).status).toBe(401);
  });

  it('gives POST /users/:id/packages its own, tighter bucket (a tenth of the general one)', async () => {
    h = await startWhozex({ rateLimit: { perSecond: 0.001, burst: 30 } });
    const u = await fundedUser(h, 'heavy@example.com', 100);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.call('POST', `/users/${u}/packages`, { body: { gb: 1 } })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await h.call('GET', `/users/${u}`)).json.data.package_count).toBe(3);
  });

  it('injected 5xx answers come in the envelope and have no effect', async () => {
    h = await startWhozex();
    h.faults.configure({ errorRate: 1 });
    const r = await h.call('POST', '/users', { body: { email: 'ghost@example.com' } });
    expect([500, 503]).toContain(r.status);
    expect(r.json).toMatchObject({ success: false, meta: { version: '1.0.0' } });
    h.faults.configure({ errorRate: 0 });
    expect((await h.call('GET', '/users')).json.data.pagination.total).toBe(0);
  });
});

describe('Whozex sandbox: malformed input never changes state or crashes', () => {
  it('answers 400/413 in the envelope for broken bodies, wrong types and huge payloads', async () => {
    h = await startWhozex();
    const u = await fundedUser(h, 'victim@example.com', 10);
    const attempts = [
      h.call('POST', '/users', { raw: 'null' }),
      h.call('POST', '/users', { raw: '"just a string"' }),
      h.call('POST', '/users', { raw: '[1,2,3]' }),
      h.call('POST', '/users', { raw: '{"email": "a@b.co",' }),
      h.call('POST', '/users', { raw: '' }),
      h.call('POST', `/users/${u}/balance`, { body: { action: { $ne: 1 }, amount: 1 } }),
      h.call('POST', `/users/${u}/balance`, { body: { action: 'add', amount: [1] } }),
      h.call('POST', `/users/${u}/balance`, { body: { action: 'add', amount: 1, note: 'x'.repeat(5000) } }),
      h.call('POST', '/users', { body: { email: 'ctl@example.com', name: 'bad\u0000name' } }),
      h.call('GET', '/users?page=1&page=2'),
      h.call('GET', '/users?limit=1e2'),
      h.call('GET', `/packages/${'x'.repeat(300)}/usage`),
    ];
    const results = await Promise.all(attempts);
    for (const [i, r] of results.entries()) {
      expect([400, 404], `attempt ${i}: ${r.text}`).toContain(r.status);
      expect(r.json.success, `attempt ${i}`).toBe(false);
      expect(typeof r.json.error.message).toBe('string');
    }
    const huge = await h.call('POST', '/users', { raw: JSON.stringify({ email: 'big@example.com', name: 'x'.repeat(2_000_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await h.call('GET', '/users')).json.data.pagination.total).toBe(1);
    expect((await h.call('GET', `/users/${u}`)).json.data.balance).toBe(10);
    expect((await h.call('GET', '/account')).json.data.balance).toBe(140);
  });
});

describe('Whozex sandbox: large accounts', () => {
  it('pages through 10,000 sub-users with indexed queries, every user exactly once', async () => {
    h = await startWhozex();
    seedWhozexLargeAccount(h.db, h.clock, { users: 10_000, packagesPerUser: 1 });
    const seen = new Set<string>();
    let page = 1;
    for (;;) {
      const r = await h.call('GET', `/users?page=${page}&limit=100`);
      expect(r.status).toBe(200);
      for (const u of r.json.data.users) seen.add(u.email);
      expect(r.json.data.pagination).toMatchObject({ total: 10_000, pages: 100, limit: 100, page });
      if (!r.json.data.pagination.has_next) break;
      page++;
    }
    expect(page).toBe(100);
    expect(seen.size).toBe(10_000);
    const plan = h.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT u.*, (SELECT COUNT(*) FROM wzx_packages p WHERE p.user_id = u.id) AS package_count
         FROM wzx_users u WHERE reseller_id = ? ORDER BY seq LIMIT ? OFFSET ?`,
      )
      .all('rs_sandbox_reseller', 100, 0) as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/USING (COVERING )?INDEX wzx_users_by_reseller/);
    expect(details).toMatch(/USING (COVERING )?INDEX wzx_packages_by_user/);
    expect(details).not.toMatch(/TEMP B-TREE/);
    const one = await h.call('GET', '/users?search=bulk9999@');
    expect(one.json.data.users).toEqual([expect.objectContaining({ email: 'bulk9999@example.com', balance: 10, package_count: 1 })]);
    // Moving time drains all 10,000 packages in one pass.
    h.clock.advance(86_400_000);
    const overview = (await h.call('GET', '/analytics/overview')).json.data;
    expect(overview.packages).toMatchObject({ total: 10_000, active: 10_000 });
    expect(overview.gb.used).toBeGreaterThan(10_000 * 10 * 0.014);
  });
});
