import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookAccountStatus } from '../../../src/shared/contract/events';
import { secretNames } from '../../../src/main/secrets/secret-store';
import { createTestApp, type TestApp } from '../../support/app';
import { documentedAnswer, startFakeUpstream, type FakeRequest, type FakeUpstream } from './fake-upstream';
import { count, rawRequest } from './support';

/**
 * Registering the listener upstream against what the documents promise: a Proxies.sx
 * registration answer without a secret, a Whozex that refuses an undocumented event name,
 * and the https rule for real accounts. Adding an account learns its capabilities first
 * (issue 15): the fake answers those reads as a documented-only upstream would
 * (documentedAnswer), and the assertions below look at the webhook calls under test.
 */

let app: TestApp | null = null;
let upstream: FakeUpstream | null = null;
afterEach(async () => {
  await app?.close();
  await upstream?.close();
  app = null;
  upstream = null;
});

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await app!.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), result.error);
  return result.value as T;
}

const WHOZEX_DOCUMENTED = ['package.created', 'package.low_gb', 'balance.added', 'user.created'];

describe('registering webhooks upstream', () => {
  it('registers a Proxies.sx webhook whose answer has no secret, and takes its deliveries as hints only', async () => {
    const expiresAt = Date.UTC(2026, 0, 20);
    upstream = await startFakeUpstream((r: FakeRequest) => {
      if (r.method === 'POST' && r.path === '/v1/reseller/webhooks') {
        const b = r.body as { url: string; events: string[]; name: string };
        // The seed's example answer shape is unknown; this one has no secret at all.
        return { status: 201, body: { _id: 'wh_1', name: b.name, url: b.url, events: b.events, active: true } };
      }
      if (r.method === 'GET' && r.path.startsWith('/v1/ports?')) {
        return { status: 200, body: { ports: [{ _id: 'P1', status: 'active', expiresAt, customerId: 'C1' }], total: 1 } };
      }
      return documentedAnswer('proxies-sx', r);
    });
    app = await createTestApp();
    const account = await app.ctx.accounts.addUnverified({ provider: 'proxies-sx', name: 'No secret PSX', baseUrl: upstream.baseUrl, apiKey: 'psx_test_key_0000000000000000', isSandbox: true });
    // Adding learned the capabilities from the documented OpenAPI document alone: no probes.
    expect(upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/reseller/docs/openapi']);
    const afterAdd = upstream.requests.length;
    await app.ctx.webhooks.start({ port: 0 });

    const status = await call<WebhookAccountStatus>('webhooks:register', { accountId: account.id });
    expect(status.registrations).toHaveLength(1);
    expect(status.registrations[0]).toMatchObject({ upstreamId: 'wh_1', signed: false, secretStored: false });
    expect(status.notes.join(' ')).toMatch(/no signing secret.*hint/);
    expect(await app.ctx.secrets.get(secretNames.webhookSecret(account.id, 'wh_1'))).toBeNull();

    // A delivery in the design note's shape, unsigned: stored as a hint, confirmed by a read.
    const body = JSON.stringify({ id: 'evt_1', type: 'port.expired', created: Math.floor(app.clock.now().getTime() / 1000), resellerId: 'R1', data: { portId: 'P1' } });
    const res = await rawRequest(app.ctx.webhooks.endpointUrl(account.id)!, {
      headers: { 'content-type': 'application/json', 'x-proxies-event': 'port.expired', 'x-proxies-delivery': 'dlv_1' },
      body,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ received: true, hint: true });
    await app.ctx.webhooks.idle();
    expect(upstream.requests.slice(afterAdd).filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/v1/ports?page=1&limit=100']);
    const hint = app.ctx.events.list({ accountId: account.id }).items;
    expect(hint).toHaveLength(1);
    expect(hint[0]).toMatchObject({ type: 'webhook.unsigned_hint', subject: 'port:P1', payload: { event: 'port.expired', verified: false } });
    expect(hint[0]!.effects.join(' ')).toMatch(/P1 is active upstream.*Nothing changed/);
    expect(count(app, "SELECT count(*) FROM event_inbox WHERE type = 'port.expired'")).toBe(0);
  });

  it('registers the documented Whozex events even when an extra one is refused, and records which extras were accepted', async () => {
    let n = 0;
    upstream = await startFakeUpstream((r: FakeRequest) => {
      if (r.method === 'POST' && r.path === '/v1/webhooks') {
        const b = r.body as { url: string; events: string[] };
        if (b.events.includes('package.depleted')) {
          return { status: 400, body: { success: false, error: { code: 'INVALID_PARAMS', message: 'Unknown event: package.depleted' }, meta: {} } };
        }
        n += 1;
        return { status: 201, body: { success: true, data: { id: `WH-${n}`, url: b.url, events: b.events, secret: `wxsec_${n}_secret`, note: 'Save the secret' }, meta: {} } };
      }
      return documentedAnswer('whozex', r);
    });
    app = await createTestApp();
    const account = await app.ctx.accounts.addUnverified({ provider: 'whozex', name: 'Picky WZX', baseUrl: upstream.baseUrl, apiKey: 'wx_live_test_key_000000000000', isSandbox: true });
    await app.ctx.webhooks.start({ port: 0 });

    const status = await call<WebhookAccountStatus>('webhooks:register', { accountId: account.id });
    // The documented ones first, then each extra on its own.
    const registrations = upstream.requests.filter((r) => r.method === 'POST' && r.path === '/v1/webhooks');
    expect(registrations.map((r) => (r.body as { events: string[] }).events)).toEqual([
      WHOZEX_DOCUMENTED,
      ['balance.deducted'],
      ['package.gb_added'],
      ['package.depleted'],
      ['package.expired'],
    ]);
    expect(status.registrations.map((r) => r.events)).toEqual([WHOZEX_DOCUMENTED, ['balance.deducted'], ['package.gb_added'], ['package.expired']]);
    expect(status.registrations.every((r) => r.signed && r.secretStored)).toBe(true);
    expect(status.registrations[0]!.refusedEvents).toEqual(['package.depleted']);
    expect(status.notes.join(' ')).toMatch(/refused these extra events.*package\.depleted/);
    for (const [i, r] of status.registrations.entries()) {
      expect(await app.ctx.secrets.get(secretNames.webhookSecret(account.id, r.upstreamId))).toBe(`wxsec_${i + 1}_secret`);
    }
  });

  it('does not resend a registration whose outcome is unknown (no document promises that a resend is deduplicated)', async () => {
    upstream = await startFakeUpstream((r: FakeRequest) =>
      r.method === 'POST' ? { status: 500, body: { statusCode: 500, message: 'Internal server error' } } : { status: 404, body: {} },
    );
    app = await createTestApp();
    const account = await app.ctx.accounts.addUnverified({ provider: 'proxies-sx', name: 'Flaky PSX', baseUrl: upstream.baseUrl, apiKey: 'psx_test_key_0000000000000000', isSandbox: true });
    await app.ctx.webhooks.start({ port: 0 });
    const result = await app.dispatch('webhooks:register', { accountId: account.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_OUTCOME_UNKNOWN' } });
    expect(!result.ok && result.error.message).toMatch(/did not send it again.*dashboard/);
    expect(upstream.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(count(app, 'SELECT count(*) FROM webhook_registrations')).toBe(0);
  });

  it('refuses an http address for a real account and a non-loopback http address for a sandbox, before asking the upstream', async () => {
    // Any registration reaching the fake fails loudly; the capability reads on add are answered as documented.
    upstream = await startFakeUpstream((r) => (r.method === 'POST' ? { status: 500, body: {} } : documentedAnswer('whozex', r)));
    app = await createTestApp();
    // A real account (isSandbox false) on a host that never resolves (RFC 2606 .invalid): the
    // capability check on add must not reach the real api.proxies.sx from a test.
    const real = await app.ctx.accounts.addUnverified({ provider: 'proxies-sx', name: 'Real PSX', baseUrl: 'https://api.proxies.sx.invalid/v1', apiKey: 'psx_test_key_0000000000000000', isSandbox: false });
    const sandbox = await app.ctx.accounts.addUnverified({ provider: 'whozex', name: 'Sandbox WZX', baseUrl: upstream.baseUrl, apiKey: 'wx_live_test_key_000000000000', isSandbox: true });
    await app.ctx.webhooks.start({ port: 0 });

    // The local listener is plain http on loopback: fine for the sandbox, never for a real account.
    const local = await app.dispatch('webhooks:register', { accountId: real.id });
    expect(local).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'publicBaseUrl' } });
    expect(!local.ok && local.error.message).toMatch(/must go to an https:\/\/ address.*tunnel/);

    await call('webhooks:settings', { publicBaseUrl: 'http://tunnel.example.net' });
    const realHttp = await app.dispatch('webhooks:register', { accountId: real.id });
    expect(realHttp).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'publicBaseUrl' } });
    const sandboxHttp = await app.dispatch('webhooks:register', { accountId: sandbox.id });
    expect(sandboxHttp).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'publicBaseUrl' } });
    expect(!sandboxHttp.ok && sandboxHttp.error.message).toMatch(/only to this computer.*tunnel\.example\.net/);

    expect(upstream.requests.filter((r) => r.path.startsWith('/v1/webhooks') && r.method === 'POST')).toEqual([]);
    expect(count(app, 'SELECT count(*) FROM webhook_registrations')).toBe(0);
  });
});
