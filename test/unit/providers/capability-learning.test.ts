/**
 * How an adapter learns an account's capabilities (issue 15): from the upstream's OpenAPI
 * document when it serves one (nothing probed), else by probing assumed reads once, telling
 * "no such route" from "no such item". Real HTTP against a local server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../src/main/providers';
import type { CapabilityStates } from '../../../src/main/providers/types';
import { json, startLocalServer } from '../../integration/providers/support/local-server';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const cannot = (method: string, url: string) => JSON.stringify({ statusCode: 404, message: `Cannot ${method} ${url.split('?')[0]}`, error: 'Not Found' });

async function psx(handler: Parameters<typeof startLocalServer>[0], states: CapabilityStates = {}) {
  const server = await startLocalServer(handler);
  const provider = createProvider('proxies-sx', {
    accountName: 'Learning',
    baseUrl: server.baseUrl,
    apiKey: async () => 'psx_learning_key',
    http: { retry: { retries: 0 } },
    capabilityStates: () => states,
    onCapabilityLearned: (cap, state) => void (states[cap] = state),
  });
  cleanups.push(() => server.close(), () => provider.close());
  return { server, provider, states };
}

describe('learning capabilities', () => {
  it('reads the OpenAPI document when served: listed routes are present, the rest absent, nothing probed', async () => {
    const doc = {
      openapi: '3.0.0',
      servers: [{ url: 'https://api.proxies.sx/v1' }],
      paths: {
        '/v1/reseller/account': { get: {} },
        '/v1/reseller/customers': { get: {}, post: {} },
        '/v1/reseller/customers/{id}': { get: {}, patch: {} },
        '/v1/reseller/customers/{id}/suspend': { post: {} },
        // no /activate: suspending without reactivating is not offered as a capability
      },
    };
    const { server, provider } = await psx((req, res) =>
      req.url === '/v1/reseller/docs/openapi' ? json(res, 200, JSON.stringify(doc)) : json(res, 404, cannot(req.method ?? 'GET', req.url ?? '')),
    );
    const report = await provider.learnCapabilities();
    expect(report.source).toBe('openapi');
    expect(report.capabilities.balance?.state).toBe('present');
    expect(report.capabilities.customerRead?.state).toBe('present');
    expect(report.capabilities.customerUpdate?.state).toBe('present');
    expect(report.capabilities.customerSuspend?.state).toBe('absent');
    expect(report.capabilities.portExtend?.state).toBe('absent');
    expect(report.capabilities.transactions?.state).toBe('absent');
    expect(server.arrivals.map((a) => a.url)).toEqual(['/v1/reseller/docs/openapi']);
  });

  it('without a document, probes each assumed read once: route missing = absent; an unknown id that is "not found" stays unknown', async () => {
    const { server, provider } = await psx((req, res) => {
      const url = req.url ?? '';
      if (url.startsWith('/v1/reseller/transactions')) return json(res, 200, '{"transactions":[],"total":0}');
      if (url.startsWith('/v1/reseller/customers?')) return json(res, 200, '{"customers":[],"total":0}');
      if (url.startsWith('/v1/reseller/customers/')) return json(res, 404, JSON.stringify({ statusCode: 404, message: 'Customer not found', error: 'Not Found' }));
      return json(res, 404, cannot(req.method ?? 'GET', url));
    });
    const report = await provider.learnCapabilities();
    expect(report.source).toBe('probe');
    expect(report.capabilities.balance?.state).toBe('absent');
    expect(report.capabilities.transactions?.state).toBe('present');
    expect(report.capabilities.customerRead?.state).toBe('unknown');
    // Writes are never probed.
    expect(report.capabilities.portExtend).toBeUndefined();
    expect(server.arrivals.every((a) => a.method === 'GET')).toBe(true);
  });

  it('an assumed write is tried on first use; "no such route" turns it off, "no such port" does not', async () => {
    let routeMissing = false;
    const { server, provider, states } = await psx((req, res) =>
      routeMissing
        ? json(res, 404, cannot(req.method ?? 'POST', req.url ?? ''))
        : json(res, 404, JSON.stringify({ statusCode: 404, message: 'Port p1 not found', error: 'Not Found' })),
    );
    await expect(provider.extendPort('p1', { days: 1 }, { idempotencyKey: 'learning-key-0001' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(states.portExtend).toBeUndefined();
    expect(provider.capabilities.portExtend).toBe(true);

    routeMissing = true;
    await expect(provider.extendPort('p1', { days: 1 }, { idempotencyKey: 'learning-key-0002' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/does not offer extending a port through its API .*nothing was charged/),
    });
    expect(states.portExtend).toBe('absent');
    expect(provider.capabilities.portExtend).toBe(false);
    const sent = server.arrivals.length;
    await expect(provider.extendPort('p1', { days: 1 }, { idempotencyKey: 'learning-key-0003' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(server.arrivals.length).toBe(sent); // refused before anything is sent
  });

  it('a fresh account relies on documented routes only: an assumed read counts once it answered', async () => {
    const { provider } = await psx((_req, res) => json(res, 200, '{"balance":"12.00","currency":"USD","name":"R"}'));
    expect(provider.capabilities.balanceReport).toBe(false);
    await provider.getAccount();
    expect(provider.capabilities.balanceReport).toBe(true);
  });
});
