import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { HttpClient } from '../../../src/main/providers/http/http-client';
import type { HttpOptions } from '../../../src/main/providers/types';
import { json, recordingSleep, startLocalServer } from './support/local-server';

const KEY = 'wx_live_secret_key_that_must_never_leak_1234';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(handler: Parameters<typeof startLocalServer>[0], http: HttpOptions = {}) {
  const server = await startLocalServer(handler);
  const rec = recordingSleep();
  const client = new HttpClient({
    upstream: 'Whozex',
    accountName: 'Main Whozex',
    baseUrl: server.baseUrl,
    apiKey: async () => KEY,
    keyHeaders: (k) => ({ authorization: `Bearer ${k}` }),
    options: { sleep: rec.sleep, random: () => 0.5, budget: { perSecond: 1000, burst: 1000 }, ...http },
  });
  cleanups.push(() => server.close(), () => client.close());
  return { server, client, waits: rec.waits };
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a failure');
}

describe('HTTP layer: retries', () => {
  it('retries a GET after 503 and succeeds, keeping the final X-Request-ID', async () => {
    const { server, client, waits } = await setup((_req, res, n) => {
      if (n < 3) return json(res, 503, '{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"busy"}}');
      json(res, 200, '{"ok":true}', { 'x-request-id': 'req_final' });
    });
    const res = await client.send({ method: 'GET', path: '/account' });
    expect(res.status).toBe(200);
    expect(res.requestId).toBe('req_final');
    expect(server.arrivals).toHaveLength(3);
    // full jitter with random 0.5: half of 250, then half of 500
    expect(waits).toEqual([125, 250]);
  });

  it('honours Retry-After on 429 (seconds) before retrying', async () => {
    const { server, client, waits } = await setup((_req, res, n) => {
      if (n === 1) return json(res, 429, '{}', { 'retry-after': '2' });
      json(res, 200, '{}');
    });
    const res = await client.send({ method: 'GET', path: '/users' });
    expect(res.status).toBe(200);
    expect(server.arrivals).toHaveLength(2);
    expect(waits).toEqual([2000]);
  });

  it('gives up after 3 retries and returns the last 503 with its Retry-After', async () => {
    const { server, client } = await setup((_req, res) => json(res, 503, '{}', { 'retry-after': '1' }));
    const res = await client.send({ method: 'GET', path: '/account' });
    expect(res.status).toBe(503);
    expect(res.retryAfterMs).toBe(1000);
    expect(server.arrivals).toHaveLength(4);
  });

  it('does not wait out a Retry-After longer than the configured maximum', async () => {
    const { server, client, waits } = await setup((_req, res) => json(res, 429, '{}', { 'retry-after': '120' }));
    const res = await client.send({ method: 'GET', path: '/account' });
    expect(res.status).toBe(429);
    expect(res.retryAfterMs).toBe(120_000);
    expect(server.arrivals).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not retry 4xx other than 429', async () => {
    const { server, client } = await setup((_req, res) => json(res, 404, '{}'));
    const res = await client.send({ method: 'GET', path: '/packages/x' });
    expect(res.status).toBe(404);
    expect(server.arrivals).toHaveLength(1);
  });

  it('retries a POST on 503 and 429 with the SAME Idempotency-Key', async () => {
    const { server, client } = await setup((_req, res, n) => {
      if (n === 1) return json(res, 503, '{}');
      if (n === 2) return json(res, 429, '{}', { 'retry-after': '1' });
      json(res, 201, '{"id":"u1"}');
    });
    const res = await client.send({ method: 'POST', path: '/users', body: { email: 'a@b.c' }, idempotencyKey: 'op_12345678' });
    expect(res.status).toBe(201);
    expect(server.arrivals.map((a) => a.headers['idempotency-key'])).toEqual(['op_12345678', 'op_12345678', 'op_12345678']);
  });

  it('never retries a POST answered with 500: the caller gets the 500 to map as outcome-unknown', async () => {
    const { server, client } = await setup((_req, res) => json(res, 500, '{}'));
    const res = await client.send({ method: 'POST', path: '/users', body: {}, idempotencyKey: 'op_12345678' });
    expect(res.status).toBe(500);
    expect(res.mutation).toBe(true);
    expect(server.arrivals).toHaveLength(1);
  });

  it('retries a read-only POST (safe) on 500 like a GET, without an Idempotency-Key', async () => {
    const { server, client } = await setup((_req, res, n) => (n === 1 ? json(res, 500, '{}') : json(res, 200, '{}')));
    const res = await client.send({ method: 'POST', path: '/reseller/pricebook/calculate', body: {}, safe: true });
    expect(res.status).toBe(200);
    expect(server.arrivals).toHaveLength(2);
    expect(server.arrivals[0]!.headers['idempotency-key']).toBeUndefined();
  });
});

describe('HTTP layer: lost answers', () => {
  it('a POST that times out is NOT retried and yields UPSTREAM_OUTCOME_UNKNOWN', async () => {
    const { server, client } = await setup(() => {
      /* never answer */
    }, { headersTimeoutMs: 300 });
    const e = await caught(client.send({ method: 'POST', path: '/users/u1/packages', body: { gb: 20 }, idempotencyKey: 'op_timeout_1' }));
    expect(e.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(e.message).toContain("'Main Whozex'");
    expect(e.message).toMatch(/timed out/);
    expect(server.arrivals).toHaveLength(1);
  });

  it('a POST whose connection drops is NOT retried and yields UPSTREAM_OUTCOME_UNKNOWN', async () => {
    const { server, client } = await setup((req) => {
      req.socket.destroy();
    });
    const e = await caught(client.send({ method: 'POST', path: '/users/u1/balance', body: { action: 'add' }, idempotencyKey: 'op_drop_001' }));
    expect(e.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(e.message).toMatch(/connection dropped/);
    expect(server.arrivals).toHaveLength(1);
  });

  it('a GET whose connection drops is retried and then succeeds', async () => {
    const { server, client } = await setup((req, res, n) => {
      if (n === 1) return void req.socket.destroy();
      json(res, 200, '{}');
    });
    const res = await client.send({ method: 'GET', path: '/account' });
    expect(res.status).toBe(200);
    expect(server.arrivals).toHaveLength(2);
  });

  it('a body that stalls after the headers: GET retried, POST outcome-unknown', async () => {
    const stall: Parameters<typeof startLocalServer>[0] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    };
    const get = await setup(stall, { bodyTimeoutMs: 200, retry: { retries: 1 } });
    expect((await caught(get.client.send({ method: 'GET', path: '/account' }))).code).toBe('UPSTREAM_TIMEOUT');
    expect(get.server.arrivals).toHaveLength(2);
    const post = await setup(stall, { bodyTimeoutMs: 200 });
    expect((await caught(post.client.send({ method: 'POST', path: '/users', body: {}, idempotencyKey: 'op_stall_01' }))).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(post.server.arrivals).toHaveLength(1);
  });

  it('a GET that keeps timing out ends as UPSTREAM_TIMEOUT after the retries', async () => {
    const { server, client } = await setup(() => {}, { headersTimeoutMs: 200, retry: { retries: 2 } });
    const e = await caught(client.send({ method: 'GET', path: '/account' }));
    expect(e.code).toBe('UPSTREAM_TIMEOUT');
    expect(server.arrivals).toHaveLength(3);
  });

  it('a POST to a closed port (nothing sent) is retried and ends as UPSTREAM_UNAVAILABLE, not outcome-unknown', async () => {
    const { server, client, waits } = await setup((_q, res) => json(res, 200, '{}'));
    await server.close();
    const e = await caught(client.send({ method: 'POST', path: '/users', body: {}, idempotencyKey: 'op_refused1' }));
    expect(e.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(waits).toHaveLength(3);
  });

  it('an aborted GET is CANCELLED; an aborted in-flight POST is outcome-unknown', async () => {
    const { client } = await setup(() => {});
    const a = new AbortController();
    const p = client.send({ method: 'GET', path: '/account', signal: a.signal });
    setTimeout(() => a.abort(), 50);
    expect((await caught(p)).code).toBe('CANCELLED');
    const b = new AbortController();
    const q = client.send({ method: 'POST', path: '/users', body: {}, idempotencyKey: 'op_abort_01', signal: b.signal });
    setTimeout(() => b.abort(), 50);
    expect((await caught(q)).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
  });
});

describe('HTTP layer: headers and keys', () => {
  it('sends Idempotency-Key on mutations only, and the key only in its header', async () => {
    const { server, client } = await setup((_q, res) => json(res, 200, '{}'));
    await client.send({ method: 'GET', path: '/account' });
    await client.send({ method: 'DELETE', path: '/webhooks/WH-1', idempotencyKey: 'op_delete_1' });
    const [get, del] = server.arrivals;
    expect(get!.headers['idempotency-key']).toBeUndefined();
    expect(get!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(del!.headers['idempotency-key']).toBe('op_delete_1');
    expect(get!.url).toBe('/v1/account');
  });

  it('refuses a mutation without a valid idempotency key before sending anything', async () => {
    const { server, client } = await setup((_q, res) => json(res, 200, '{}'));
    const e = await caught(client.send({ method: 'POST', path: '/users', body: {}, idempotencyKey: 'short' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(server.arrivals).toHaveLength(0);
  });

  it('keeps pooled connections alive across calls', async () => {
    const { server, client } = await setup((_q, res) => json(res, 200, '{}'));
    for (let i = 0; i < 5; i++) await client.send({ method: 'GET', path: '/account' });
    expect(server.arrivals).toHaveLength(5);
    // sequential calls reuse pooled sockets instead of opening one per call
    expect(new Set(server.arrivals.map((a) => a.remotePort)).size).toBeLessThan(5);
  });
});
