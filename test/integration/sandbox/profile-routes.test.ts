import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/main/sandbox';
import { isAssumed, openApiPath, type RouteSpec } from '../../../src/main/sandbox/core/profile';
import { PSX_ROUTES, WHOZEX_ROUTES } from '../../../src/main/sandbox/core/profile-routes';
import { concretePath, isPsxRouteNotFound, isWhozexRouteNotFound, startProfile, type ProfileHarness } from './profile-harness';

const documented = (routes: readonly RouteSpec[]) => routes.filter((r) => !isAssumed(r));
const assumed = (routes: readonly RouteSpec[]) => routes.filter(isAssumed);
const bodyFor = (r: RouteSpec) => (r.method === 'GET' || r.method === 'DELETE' ? undefined : {});

/** `{ "/ports/{id}/rotate": ["post"] }` → ["POST /ports/{id}/rotate"], sorted. */
function operations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}
const specOps = (routes: readonly RouteSpec[]) => routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort();

describe('sandbox profile "documented": only what the upstream documents promise', () => {
  let h: ProfileHarness;
  beforeAll(async () => {
    h = await startProfile('documented');
  });
  afterAll(async () => h.close());

  it('exposes the profile it serves', () => {
    expect(h.sandbox.profile).toBe('documented');
  });

  it('answers every undocumented Proxies.sx route with the NestJS route-not-found 404, before auth and with no sandbox code', async () => {
    expect(assumed(PSX_ROUTES).length).toBeGreaterThan(15);
    for (const r of assumed(PSX_ROUTES)) {
      for (const key of [undefined, null] as const) {
        const res = await h.psx(r.method, concretePath(r), { key, body: bodyFor(r) });
        expect(isPsxRouteNotFound(res), `${r.method} ${r.path}: ${res.status} ${res.text}`).toBe(true);
        expect(res.json).toEqual({ statusCode: 404, message: `Cannot ${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '65a0ffffffffffffffffffff')}`, error: 'Not Found' });
      }
    }
  });

  it('answers every undocumented Whozex route with NOT_FOUND "Route not found: …" in the envelope', async () => {
    for (const r of assumed(WHOZEX_ROUTES)) {
      const res = await h.wzx(r.method, concretePath(r), { body: bodyFor(r) });
      expect(isWhozexRouteNotFound(res), `${r.method} ${r.path}: ${res.status} ${res.text}`).toBe(true);
      expect(res.json.meta).toMatchObject({ version: '1.0.0' });
    }
  });

  it('serves every documented route (its answer is never a route-not-found)', async () => {
    for (const r of documented(PSX_ROUTES)) {
      const res = await h.psx(r.method, concretePath(r), { body: bodyFor(r) });
      expect(isPsxRouteNotFound(res), `${r.method} ${r.path}: ${res.status} ${res.text}`).toBe(false);
    }
    for (const r of documented(WHOZEX_ROUTES)) {
      if (r.path === '/v1/account/regenerate-key') continue; // would revoke the key the other probes use
      const res = await h.wzx(r.method, concretePath(r), { body: bodyFor(r) });
      expect(isWhozexRouteNotFound(res), `${r.method} ${r.path}: ${res.status} ${res.text}`).toBe(false);
    }
  });

  it('tells a missing resource from a missing route the way the real servers do', async () => {
    const psx = await h.psx('POST', '/reseller/customers/65a0ffffffffffffffffffff/topup', { body: { amount: 1 } });
    expect(psx.status).toBe(404);
    expect(isPsxRouteNotFound(psx)).toBe(false);
    expect(psx.json.message).toMatch(/not found/i);
    const wzx = await h.wzx('GET', '/packages/PKG-NOPE00');
    expect(wzx.status).toBe(404);
    expect(wzx.json.error.code).toBe('NOT_FOUND');
    expect(isWhozexRouteNotFound(wzx)).toBe(false);
  });

  it('serves an OpenAPI document listing exactly the documented Proxies.sx routes, without a key', async () => {
    const res = await h.psx('GET', '/reseller/docs/openapi', { key: null });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\./);
    expect(res.json.info['x-sandbox-profile']).toBe('documented');
    expect(operations(res.json)).toEqual(specOps(documented(PSX_ROUTES)));
    expect(res.json.paths['/ports'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['page', 'limit', 'type', 'status', 'countryId', 'carrierId']);
    expect(JSON.stringify(res.json)).not.toContain('x-assumed');
  });

  it('refuses undocumented Proxies.sx query parameters as its validation pipe does', async () => {
    const ports = await h.psx('GET', '/ports?page=1&limit=5&customerId=65a0ffffffffffffffffffff&skip=5');
    expect(ports.status).toBe(400);
    expect(ports.json.message).toEqual(['property customerId should not exist', 'property skip should not exist']);
    const customers = await h.psx('GET', '/reseller/customers?externalId=CRM-1');
    expect(customers.status).toBe(400);
    expect((await h.psx('GET', '/ports?page=2&limit=5&type=shared&status=active')).json).toMatchObject({ ports: [], page: 2, limit: 5 });
    expect((await h.psx('GET', '/reseller/customers?status=active&search=x&limit=5&skip=0')).status).toBe(200);
  });

  it('quotes ports only and takes only the documented webhook events', async () => {
    const traffic = await h.psx('POST', '/reseller/pricebook/calculate', { body: { type: 'traffic', basePrice: 1, gb: 5 } });
    expect(traffic.status).toBe(400);
    expect(traffic.json.message).toEqual(expect.arrayContaining(['type must be one of: port']));
    const hook = await h.psx('POST', '/reseller/webhooks', { body: { name: 'x', url: 'https://example.com/h', events: ['port.expiring'] } });
    expect(hook.status).toBe(400);
  });

  it('ignores proxy_type on Whozex pricing (residential prices, no proxy_type in the answer)', async () => {
    const calc = await h.wzx('GET', '/pricing/calculate?gb=10&proxy_type=mobile');
    expect(calc.status).toBe(200);
    expect(Object.keys(calc.json.data).sort()).toEqual(['custom_price', 'gb', 'is_vip', 'price_per_gb', 'total']);
    const list = await h.wzx('GET', '/pricing?proxy_type=mobile');
    expect(list.json.data).not.toHaveProperty('proxy_type');
    expect(list.json.data.plans.length).toBeGreaterThan(0);
  });

  it('keeps the sandbox admin working (clock and faults)', async () => {
    const before = (await h.admin('GET', '/__admin/clock')).json.now as number;
    expect((await h.admin('POST', '/__admin/clock/advance', { minutes: 5 })).json.now).toBe(before + 300_000);
    expect((await h.admin('PUT', '/__admin/faults', { latencyMs: 0 })).status).toBe(200);
    expect((await h.admin('GET', '/__admin/webhook-deliveries')).status).toBe(200);
    const wzxAdmin = await fetch(`${h.sandbox.whozex.origin}/__admin/clock`);
    expect(wzxAdmin.status).toBe(200);
  });
});

describe('sandbox profile "extended": documented routes plus labelled assumptions', () => {
  let h: ProfileHarness;
  beforeAll(async () => {
    h = await startProfile('extended');
  });
  afterAll(async () => h.close());

  it('serves every route, and its OpenAPI documents mark exactly the assumed ones', async () => {
    expect(h.sandbox.profile).toBe('extended');
    for (const r of PSX_ROUTES) {
      const res = await h.psx(r.method, concretePath(r), { body: bodyFor(r) });
      expect(isPsxRouteNotFound(res), `${r.method} ${r.path}`).toBe(false);
    }
    const psx = (await h.psx('GET', '/reseller/docs/openapi', { key: null })).json;
    expect(operations(psx)).toEqual(specOps(PSX_ROUTES));
    const flagged = Object.entries(psx.paths as Record<string, Record<string, { 'x-assumed'?: boolean }>>)
      .flatMap(([p, ops]) => Object.entries(ops).filter(([, o]) => o['x-assumed']).map(([m]) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(flagged).toEqual(specOps(assumed(PSX_ROUTES)));
    const wzx = await h.wzx('GET', '/openapi.json');
    expect(wzx.status).toBe(200);
    expect(operations(wzx.json)).toEqual(specOps(WHOZEX_ROUTES));
  });

  it('RESELLER_DESK_SANDBOX_PROFILE picks the profile when startSandbox is not told one; an unknown one is refused', async () => {
    const before = process.env.RESELLER_DESK_SANDBOX_PROFILE;
    try {
      process.env.RESELLER_DESK_SANDBOX_PROFILE = 'documented';
      const s = await startSandbox({ autoDeliverWebhooks: false });
      expect(s.profile).toBe('documented');
      await s.close();
      process.env.RESELLER_DESK_SANDBOX_PROFILE = 'loose';
      await expect(startSandbox({ autoDeliverWebhooks: false })).rejects.toThrow(/documented, extended/);
    } finally {
      if (before === undefined) delete process.env.RESELLER_DESK_SANDBOX_PROFILE;
      else process.env.RESELLER_DESK_SANDBOX_PROFILE = before;
    }
  });

  it('keeps the sandbox code on its route-not-found and honours proxy_type', async () => {
    const res = await h.psx('GET', '/nothing/here');
    expect(res.json).toEqual({ statusCode: 404, message: 'Cannot GET /v1/nothing/here', error: 'Not Found', code: 'ROUTE_NOT_FOUND' });
    expect(isWhozexRouteNotFound(await h.wzx('GET', '/nothing'))).toBe(true);
    expect((await h.wzx('GET', '/pricing/calculate?gb=10&proxy_type=mobile')).json.data.proxy_type).toBe('mobile');
  });
});
