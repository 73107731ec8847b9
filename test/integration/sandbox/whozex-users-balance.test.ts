import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fundedUser, startWhozex, type WhozexHarness } from './whozex-harness';

let h: WhozexHarness;
beforeEach(async () => {
  h = await startWhozex();
});
afterEach(async () => {
  await h.close();
});

describe('Whozex sandbox: sub-users', () => {
  it('POST /users creates a verified sub-user with a uuid, zero balance and the name given', async () => {
    const r = await h.call('POST', '/users', { body: { name: 'John Doe', email: 'john@example.com', note: 'from the bot' } });
    expect(r.status).toBe(201);
    expect(r.json.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name: 'John Doe',
      email: 'john@example.com',
      balance: 0,
      package_count: 0,
      created_at: '2026-01-01T00:00:00.000Z',
    });
    expect(r.text).toContain('"balance":0.00');
    expect(r.text).not.toContain('from the bot');
    const one = await h.call('GET', `/users/${r.json.data.id}`);
    expect(one.json.data).toEqual(r.json.data);
  });

  it('defaults the name to the email prefix', async () => {
    const r = await h.call('POST', '/users', { body: { email: 'alice.w@example.com' } });
    expect(r.json.data.name).toBe('alice.w');
  });

  it('refuses a taken email (any case) with EMAIL_TAKEN 409, a missing one with MISSING_FIELD, a bad one with INVALID_PARAMS', async () => {
    await h.call('POST', '/users', { body: { email: 'dup@example.com' } });
    const dup = await h.call('POST', '/users', { body: { email: 'DUP@example.com' } });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('EMAIL_TAKEN');
    const missing = await h.call('POST', '/users', { body: { name: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toEqual({ code: 'MISSING_FIELD', message: 'email is required' });
    for (const body of [{ email: 'not-an-email' }, { email: 42 }, { email: 'ok@example.com', name: 7 }, ['email']]) {
      const bad = await h.call('POST', '/users', { body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.json.error.code).toBe('INVALID_PARAMS');
    }
    const list = await h.call('GET', '/users');
    expect(list.json.data.pagination.total).toBe(1);
  });

  it('GET /users pages oldest first with the pagination object, and searches name or email', async () => {
    for (let i = 1; i <= 25; i++) {
      await h.call('POST', '/users', { body: { email: `user${i}@example.com`, name: i === 7 ? 'Seventh Special' : `User ${i}` } });
    }
    const p1 = await h.call('GET', '/users');
    expect(p1.json.data.pagination).toEqual({ total: 25, page: 1, limit: 20, pages: 2, has_next: true, has_prev: false });
    expect(p1.json.data.users).toHaveLength(20);
    expect(p1.json.data.users[0].email).toBe('user1@example.com');
    const p2 = await h.call('GET', '/users?page=2&limit=20');
    expect(p2.json.data.users.map((u: { email: string }) => u.email)).toEqual([21, 22, 23, 24, 25].map((i) => `user${i}@example.com`));
    expect(p2.json.data.pagination).toMatchObject({ has_next: false, has_prev: true });
    const byName = await h.call('GET', '/users?search=special');
    expect(byName.json.data.users.map((u: { email: string }) => u.email)).toEqual(['user7@example.com']);
    const byEmail = await h.call('GET', '/users?search=user2');
    expect(byEmail.json.data.pagination.total).toBe(7); // user2, user20..user25
    const wildcard = await h.call('GET', '/users?search=%25');
    expect(wildcard.json.data.pagination.total).toBe(0);
    for (const q of ['limit=101', 'page=-1', 'limit=1.5']) {
      const bad = await h.call('GET', `/users?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.json.error.code).toBe('INVALID_PARAMS');
    }
  });

  it('GET /users/:id of an unknown id is NOT_FOUND 404', async () => {
    const r = await h.call('GET', '/users/00000000-0000-4000-8000-000000000000');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('NOT_FOUND');
  });
});

describe('Whozex sandbox: sub-user balance', () => {
  it('add takes from the reseller balance, deduct gives it back (the seed example: 150 → add 50 → 100)', async () => {
    const u = await fundedUser(h, 'bal@example.com', 0);
    const add = await h.call('POST', `/users/${u}/balance`, { body: { action: 'add', amount: 50, note: 'TRX payment received' } });
    expect(add.status).toBe(200);
    expect(add.json.data).toEqual({ user_id: u, action: 'add', amount: 50, user_balance: 50, reseller_balance: 100 });
    expect(add.text).toContain('"amount":50.00,"user_balance":50.00,"reseller_balance":100.00');
    const ded = await h.call('POST', `/users/${u}/balance`, { body: { action: 'deduct', amount: 12.34 } });
    expect(ded.json.data).toEqual({ user_id: u, action: 'deduct', amount: 12.34, user_balance: 37.66, reseller_balance: 112.34 });
    const acct = await h.call('GET', '/account');
    expect(acct.json.data.balance).toBe(112.34);
  });

  it('refuses to add more than the reseller has, or deduct more than the user has, with INSUFFICIENT_BALANCE and exact messages', async () => {
    const u = await fundedUser(h, 'poor@example.com', 5);
    const tooMuch = await h.call('POST', `/users/${u}/balance`, { body: { action: 'add', amount: 200 } });
    expect(tooMuch.status).toBe(402);
    expect(tooMuch.json.error).toEqual({ code: 'INSUFFICIENT_BALANCE', message: 'Reseller balance ($145.00) is insufficient. Amount: $200.00' });
    const overDeduct = await h.call('POST', `/users/${u}/balance`, { body: { action: 'deduct', amount: 20 } });
    expect(overDeduct.status).toBe(402);
    expect(overDeduct.json.error).toEqual({ code: 'INSUFFICIENT_BALANCE', message: 'User balance ($5.00) is insufficient. Amount: $20.00' });
    const user = await h.call('GET', `/users/${u}`);
    expect(user.json.data.balance).toBe(5);
    expect((await h.call('GET', '/account')).json.data.balance).toBe(145);
  });

  it('refuses malformed movements without changing anything', async () => {
    const u = await fundedUser(h, 'strict@example.com', 10);
    const cases: [unknown, string][] = [
      [{ amount: 5 }, 'MISSING_FIELD'],
      [{ action: 'add' }, 'MISSING_FIELD'],
      [{ action: 'steal', amount: 5 }, 'INVALID_PARAMS'],
      [{ action: 'add', amount: -5 }, 'INVALID_PARAMS'],
      [{ action: 'add', amount: 0 }, 'INVALID_PARAMS'],
      [{ action: 'add', amount: 1.005 }, 'INVALID_PARAMS'],
      [{ action: 'add', amount: 'lots' }, 'INVALID_PARAMS'],
      [{ action: 'add', amount: 1e300 }, 'INVALID_PARAMS'],
      [{ action: 'add', amount: true }, 'INVALID_PARAMS'],
    ];
    for (const [body, code] of cases) {
      const r = await h.call('POST', `/users/${u}/balance`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code, JSON.stringify(body)).toBe(code);
    }
    const unknown = await h.call('POST', '/users/nobody/balance', { body: { action: 'add', amount: 1 } });
    expect(unknown.status).toBe(404);
    expect((await h.call('GET', `/users/${u}`)).json.data.balance).toBe(10);
    expect((await h.call('GET', '/account')).json.data.balance).toBe(140);
  });

  it("treats another reseller's sub-user as NOT_FOUND", async () => {
    h.db
      .prepare(
        "INSERT INTO wzx_resellers (id, name, email, balance_cents, is_vip, custom_price_micros, api_key, status, created_at) VALUES ('rs_other', 'Other', 'o@x.com', 10000, 0, NULL, 'wx_live_other', 'active', 0)",
      )
      .run();
    const theirs = (await h.call('POST', '/users', { key: 'wx_live_other', body: { email: 'theirs@example.com' } })).json.data.id;
    const r = await h.call('POST', `/users/${theirs}/balance`, { body: { action: 'add', amount: 1 } });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('NOT_FOUND');
    expect((await h.call('GET', `/users/${theirs}`)).status).toBe(404);
    expect((await h.call('GET', '/users')).json.data.pagination.total).toBe(0);
  });
});
