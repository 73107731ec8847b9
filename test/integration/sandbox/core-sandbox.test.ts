import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopback, registerAdmin } from '../../../src/main/sandbox/core/admin';
import { SandboxClock } from '../../../src/main/sandbox/core/clock';
import { FaultInjector, registerFaults } from '../../../src/main/sandbox/core/faults';
import { createSandboxFastify } from '../../../src/main/sandbox/core/http';
import { recordIdempotentAnswer, registerIdempotency } from '../../../src/main/sandbox/core/idempotency';
import { RateLimiter, registerRateLimit } from '../../../src/main/sandbox/core/rate-limit';
import { openSandboxStore, type SandboxDb } from '../../../src/main/sandbox/core/store';
import { MAX_ATTEMPTS, WebhookSender } from '../../../src/main/sandbox/core/webhook-sender';
import { startReceiver } from './proxies-sx-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A tiny API on the core hooks: a counter that POST /inc increments by `by`. */
async function counterApp(options: { faults?: FaultInjector; limiter?: RateLimiter } = {}) {
  const db = openSandboxStore();
  const clock = new SandboxClock();
  const faults = options.faults ?? new FaultInjector();
  const limiter = options.limiter ?? new RateLimiter();
  const webhooks = new WebhookSender({ db, clock, autoDeliver: false });
  db.exec('CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0);');
  const app: FastifyInstance = createSandboxFastify();
  const errorBody = (code: string, message: string, status: number) => ({ ok: false, code, message, status });
  registerFaults(app, faults, { errorBody });
  registerRateLimit(app, { keyOf: (r) => (r.headers['x-key'] as string | undefined) ?? null, limiter, errorBody });
  registerIdempotency(app, { db, clock, keyOf: (r) => (r.headers['x-key'] as string | undefined) ?? null, errorBody });
  registerAdmin(app, { clock, faults, webhooks, rateLimit: limiter });
  registerAdmin(app, { clock, faults, webhooks, rateLimit: limiter }); // a second mount is a no-op
  let slow = Promise.resolve();
  app.post('/inc', async (request, reply) => {
    const by = (request.body as { by: number }).by;
    await slow;
    const body = db.transaction(() => {
      db.prepare('UPDATE counter SET n = n + ?').run(by);
      const b = { n: (db.prepare('SELECT n FROM counter').get() as { n: number }).n };
      recordIdempotentAnswer(request, 201, b);
      return b;
    })();
    if (faults.afterCommit(request, reply)) return reply;
    return reply.code(201).send(body);
  });
  // A route that does not record inside its transaction: the onSend fallback stores its answer.
  app.post('/plain', async (request) => {
    db.prepare('UPDATE counter SET n = n + 1').run();
    return { n: (db.prepare('SELECT n FROM counter').get() as { n: number }).n, echo: request.body };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    await app.close();
    await webhooks.close();
    db.close();
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-key': 'k1', ...headers }, body: JSON.stringify(body) });
  const count = () => (db.prepare('SELECT n FROM counter').get() as { n: number }).n;
  return { app, url, db, clock, post, count, setSlow: (p: Promise<void>) => (slow = p) };
}

describe('SandboxClock', () => {
  it('starts at 2026-01-01, runs listeners synchronously with (from, to), and never goes back', () => {
    const clock = new SandboxClock();
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    const seen: [number, number][] = [];
    const off = clock.onAdvance((from, to) => seen.push([from, to]));
    clock.advance(1000);
    expect(seen).toEqual([[Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1) + 1000]]);
    off();
    clock.advance(5);
    expect(seen).toHaveLength(1);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(0)).toThrow(RangeError);
  });
});

describe('FaultInjector', () => {
  it('replays the same fault sequence from the same seed and refuses nonsense settings', () => {
    const draw = (seed: number) => {
      const f = new FaultInjector({ seed });
      return Array.from({ length: 50 }, () => f.roll(0.5));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const f = new FaultInjector();
    expect(() => f.configure({ errorRate: 1.5 })).toThrow('errorRate must be between 0 and 1');
    expect(() => f.configure({ bogus: 1 } as never)).toThrow('Unknown fault setting');
    expect(f.settings().errorRate).toBe(0);
  });

  it('a timeout fault holds the request then drops it, with no effect', async () => {
    const faults = new FaultInjector({ timeoutRate: 1, timeoutMs: 50 });
    const c = await counterApp({ faults });
    await expect(c.post('/inc', { by: 1 })).rejects.toThrow();
    expect(c.count()).toBe(0);
  });
});

describe('RateLimiter', () => {
  it('is a token bucket per key: burst, then refill at perSecond; Retry-After is whole seconds ≥ 1', () => {
    let now = 0;
    const rl = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => rl.take('a').allowed)).toEqual([true, true, true]);
    const denied = rl.take('a');
    expect(denied).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect(rl.take('b').allowed).toBe(true);
    now += 500;
    expect(rl.take('a').allowed).toBe(true);
    const slow = new RateLimiter({ perSecond: 0.1, burst: 1 }, () => now);
    slow.take('x');
    expect(slow.take('x').retryAfterSeconds).toBe(10);
    expect(() => rl.configure({ burst: 0 })).toThrow(RangeError);
  });
});

describe('idempotency', () => {
  it('replays the stored answer, scoped per credential, and refuses a changed body with 409', async () => {
    const c = await counterApp();
    const h = { 'Idempotency-Key': 'abcdefgh-1' };
    const a = await c.post('/inc', { by: 5 }, h);
    const b = await c.post('/inc', { by: 5 }, h);
    expect(await a.json()).toEqual({ n: 5 });
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await b.json()).toEqual({ n: 5 });
    expect(c.count()).toBe(5);
    // Key order in the body does not matter; another credential has its own keys.
    await c.post('/inc', { by: 5 }, { ...h, 'x-key': 'k2' });
    expect(c.count()).toBe(10);
    const changed = await c.post('/inc', { by: 6 }, h);
    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({ ok: false, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await c.post('/inc', { by: 1 }, { 'Idempotency-Key': 'bad key!' })).status).toBe(400);
    expect(c.count()).toBe(10);
  });

  it('stores answers of routes that did not record in their transaction (onSend fallback)', async () => {
    const c = await counterApp();
    const h = { 'Idempotency-Key': 'plain-key-01' };
    const a = await (await c.post('/plain', { x: 1, y: 2 }, h)).json();
    const b = await c.post('/plain', { y: 2, x: 1 }, h);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await b.json()).toEqual(a);
    expect(c.count()).toBe(1);
  });

  it('a second request with a key still in flight gets 409, not a second effect', async () => {
    const c = await counterApp();
    let release!: () => void;
    c.setSlow(new Promise<void>((r) => (release = r)));
    const h = { 'Idempotency-Key': 'in-flight-01' };
    const first = c.post('/inc', { by: 1 }, h);
    await new Promise((r) => setTimeout(r, 100));
    const second = await c.post('/inc', { by: 1 }, h);
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
    release();
    expect((await first).status).toBe(201);
    expect(c.count()).toBe(1);
  });
});

describe('admin', () => {
  it('answers only loopback callers', () => {
    const req = (remoteAddress: string) => ({ raw: { socket: { remoteAddress } } }) as unknown as FastifyRequest;
    expect(isLoopback(req('127.0.0.1'))).toBe(true);
    expect(isLoopback(req('::1'))).toBe(true);
    expect(isLoopback(req('::ffff:127.0.0.1'))).toBe(true);
    expect(isLoopback(req('192.168.1.20'))).toBe(false);
    expect(isLoopback(req('::ffff:10.0.0.1'))).toBe(false);
  });

  it('moves the clock by ms/hours/days and validates the body', async () => {
    const c = await counterApp();
    const adv = async (body: unknown) => fetch(`${c.url}/__admin/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await adv({ days: 1, hours: 2 })).json()).toEqual({ now: Date.UTC(2026, 0, 2, 2), iso: '2026-01-02T02:00:00.000Z' });
    expect((await adv({})).status).toBe(400);
    expect((await adv({ days: -1 })).status).toBe(400);
    expect(await (await fetch(`${c.url}/__admin/clock`)).json()).toMatchObject({ iso: '2026-01-02T02:00:00.000Z' });
  });
});

describe('WebhookSender', () => {
  let db: SandboxDb;
  const sender = (clock: SandboxClock, autoDeliver = false) => {
    db = openSandboxStore();
    const s = new WebhookSender({ db, clock, autoDeliver });
    cleanups.push(async () => {
      await s.close();
      db.close();
    });
    return s;
  };
  const input = (url: string) => ({ api: 'proxies-sx' as const, webhookId: 'wh1', url, event: 'port.created', body: '{"a":1}', headers: { 'X-Test': 'yes' } });

  it('posts the exact body and headers, records attempts, and gives up after MAX_ATTEMPTS', async () => {
    const receiver = await startReceiver(() => 503);
    cleanups.push(receiver.close);
    const clock = new SandboxClock();
    const s = sender(clock);
    const id = s.enqueue(input(receiver.url));
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await s.flush();
      clock.advance(3_600_000);
    }
    const d = s.get(id)!;
    expect(d.status).toBe('failed');
    expect(d.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(receiver.received[0]!.body).toBe('{"a":1}');
    expect(receiver.received[0]!.headers['x-test']).toBe('yes');
    expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
  });

  it('records a network error as a failed attempt; cancelPending stops retries', async () => {
    const clock = new SandboxClock();
    const s = sender(clock);
    const id = s.enqueue(input('http://127.0.0.1:1/unreachable'));
    await s.flush();
    const d = s.get(id)!;
    expect(d.status).toBe('pending');
    expect(d.attempts[0]!.statusCode).toBeNull();
    expect(d.attempts[0]!.error).toBeTruthy();
    s.cancelPending('proxies-sx', 'wh1');
    clock.advance(3_600_000);
    await s.flush();
    expect(s.get(id)!.attempts).toHaveLength(1);
    expect(s.list({ status: 'failed' }).map((x) => x.id)).toEqual([id]);
  });

  it('delivers on its own (real timer) when autoDeliver is on', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const s = sender(new SandboxClock(), true);
    const id = s.enqueue(input(receiver.url));
    for (let i = 0; i < 200 && s.get(id)!.status !== 'delivered'; i++) await new Promise((r) => setTimeout(r, 25));
    expect(s.get(id)!.status).toBe('delivered');
    expect(receiver.received).toHaveLength(1);
  });
});

describe('shutdown', () => {
  it('a request held by a timeout fault does not block closing the server', async () => {
    const faults = new FaultInjector({ timeoutRate: 1, timeoutMs: 600_000 });
    const c = await counterApp({ faults });
    const pending = c.post('/inc', { by: 1 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    faults.close();
    await c.app.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(c.count()).toBe(0);
  });
});
