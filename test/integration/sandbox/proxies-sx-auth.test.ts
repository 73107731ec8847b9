import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, startPsx, US, type PsxHarness } from './proxies-sx-harness';

let h: PsxHarness;
beforeAll(async () => {
  h = await startPsx();
});
afterAll(async () => h.close());

async function signIn(): Promise<string> {
  const res = await h.call('POST', '/login/signin', { key: null, body: { email: 'reseller@sandbox.proxies.sx', password: 'sandbox-password' } });
  expect(res.status).toBe(200);
  return res.json.token as string;
}

describe('Proxies.sx authentication and scopes', () => {
  it('signs in with email and password → {token, access_token, user}', async () => {
    const res = await h.call('POST', '/login/signin', { key: null, body: { email: 'reseller@sandbox.proxies.sx', password: 'sandbox-password' } });
    expect(res.json.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.json.access_token).toBe(res.json.token);
    expect(res.json.user).toMatchObject({ email: 'reseller@sandbox.proxies.sx', balance: '500.00' });
    const wrong = await h.call('POST', '/login/signin', { key: null, body: { email: 'reseller@sandbox.proxies.sx', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
    expect((await h.call('POST', '/login/signin', { key: null, body: { email: 'x' } })).status).toBe(400);
  });

  it('a Bearer token authenticates every route', async () => {
    const token = await signIn();
    expect((await h.call('GET', '/reseller/balance', { bearer: token })).json.balance).toBe('500.00');
    expect((await h.call('GET', '/reseller/balance', { bearer: token + 'x' })).status).toBe(401);
  });

  it('creates API keys with a Bearer session only, and enforces their scopes per route', async () => {
    const token = await signIn();
    const created = await h.call('POST', '/api-keys', {
      bearer: token,
      body: { name: 'My App', scopes: ['customers:read', 'customers:write', 'ports:read'] },
    });
    expect(created.status).toBe(201);
    const key = created.json.apiKey as string;
    expect(key).toMatch(/^psx_[0-9a-f]{40}$/);
    expect(created.json.keyInfo).toMatchObject({ name: 'My App', scopes: ['customers:read', 'customers:write', 'ports:read'] });

    // An API key cannot mint API keys.
    const viaKey = await h.call('POST', '/api-keys', { body: { name: 'x', scopes: ['ports:read'] } });
    expect(viaKey.status).toBe(403);
    expect(viaKey.json.code).toBe('BEARER_REQUIRED');

    const customerId = await createCustomer(h, {});
    expect((await h.call('GET', '/reseller/customers', { key })).status).toBe(200);
    expect((await h.call('GET', '/reseller/ports', { key })).status).toBe(200);
    const denied = await h.call('POST', '/reseller/ports', { key, body: { customerId, countryId: US, days: 1 } });
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({ statusCode: 403, error: 'Forbidden', message: 'This API key lacks the ports:write scope' });
    expect((await h.call('GET', '/reseller/webhooks', { key })).status).toBe(403);
    expect((await h.call('GET', '/reseller/balance', { key })).status).toBe(403);
    expect((await h.call('PUT', '/reseller/pricebook', { key, body: { defaultMarginPercent: 30 } })).status).toBe(403);
    expect((await h.call('GET', '/reseller/ports', { key })).json.total).toBe(0);

    // Bearer with a psx_ key works like X-API-Key.
    expect((await h.call('GET', '/reseller/customers', { bearer: key })).status).toBe(200);
    expect((await h.call('POST', '/api-keys', { bearer: token, body: { name: 'x', scopes: ['admin:all'] } })).status).toBe(400);
  });

  it('401 for a missing or unknown credential, on every protected route', async () => {
    for (const [method, path] of [
      ['GET', '/reseller/customers'],
      ['POST', '/reseller/ports'],
      ['GET', '/countries/with-devices'],
      ['GET', '/reseller/pricebook'],
      ['POST', '/api-keys'],
    ] as const) {
      const none = await h.call(method, path, { key: null });
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.json.code).toBe('MISSING_API_KEY');
      const bad = await h.call(method, path, { key: 'psx_not_a_key' });
      expect(bad.status).toBe(401);
      expect(bad.json).toMatchObject({ message: 'Invalid API key', error: 'Unauthorized' });
    }
    expect((await h.call('GET', '/reseller/customers', { key: null, headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('a token expires after 24 h of sandbox time', async () => {
    const token = await signIn();
    h.sandbox.clock.advance(24 * 3_600_000 + 1000);
    const res = await h.call('GET', '/reseller/balance', { bearer: token });
    expect(res.status).toBe(401);
    expect(res.json.message).toContain('sign in again');
  });

  it('serves reference data: countries with devices, cities, carriers', async () => {
    const countries = await h.call('GET', '/countries/with-devices');
    expect(countries.json.length).toBeGreaterThanOrEqual(8);
    expect(countries.json[0]).toEqual({ _id: US, name: 'United States', code: 'US', iso3: 'USA', phoneCode: '+1', freeDeviceCount: expect.any(Number) });
    expect(countries.json.some((c: { freeDeviceCount: number }) => c.freeDeviceCount === 0)).toBe(true);
    const cities = await h.call('GET', `/countries/${US}/cities`);
    expect(cities.json.map((c: { name: string }) => c.name)).toContain('New York');
    expect((await h.call('GET', `/cities?countryId=${US}`)).json).toEqual(cities.json);
    const carriers = await h.call('GET', `/carriers/country/${US}?withDevice=true`);
    expect(carriers.json.map((c: { name: string }) => c.name)).toEqual(['AT&T', 'T-Mobile', 'Verizon']);
    expect((await h.call('GET', '/carriers/country/65a000000000000000000006?withDevice=true')).json).toEqual([]);
    expect((await h.call('GET', '/carriers/country/65a000000000000000000006')).json).toHaveLength(2);
    expect((await h.call('GET', '/countries/nope/cities')).status).toBe(404);
  });

  it('every answer carries an X-Request-ID, echoing a sane one the client sent', async () => {
    const a = await h.call('GET', '/reseller/balance');
    expect(a.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{20}$/);
    const b = await h.call('GET', '/nothing-here', { headers: { 'x-request-id': 'trace-123' } });
    expect(b.status).toBe(404);
    expect(b.headers.get('x-request-id')).toBe('trace-123');
    expect((await h.call('GET', '/reseller/balance', { key: null })).headers.get('x-request-id')).toBeTruthy();
  });
});
