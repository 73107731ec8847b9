import crypto from 'crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fundedUser, heavyUser, startReceiver, startWhozex, type WhozexHarness } from './whozex-harness';

// The seed's verifyWebhook, verbatim.
function verifyWebhook(body: string, signature: string, secret: string): boolean {
const expected = "sha256=" + crypto
.createHmac("sha256", secret)
.update(body)
.digest("hex");
return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

const DAY = 86_400_000;
let h: WhozexHarness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  h = await startWhozex();
  receiver = await startReceiver();
});
afterEach(async () => {
  await h.close();
  await receiver.close();
});

async function subscribe(events: string[], url = receiver.url): Promise<{ id: string; secret: string }> {
  const r = await h.call('POST', '/webhooks', { body: { url, events } });
  expect(r.status).toBe(201);
  return { id: r.json.data.id, secret: r.json.data.secret };
}

function eventsReceived(): { event: string; data: Record<string, unknown>; timestamp: string }[] {
  return receiver.received.map((r) => JSON.parse(r.body));
}

describe('Whozex sandbox: webhook registry', () => {
  it('POST /webhooks shows the wxsec_ secret once with the note; GET lists without it; DELETE removes', async () => {
    const r = await h.call('POST', '/webhooks', {
      body: { url: 'https://bot.example.com/webhook', events: ['package.low_gb', 'balance.added', 'balance.added'] },
    });
    expect(r.status).toBe(201);
    expect(r.json.data).toEqual({
      id: expect.stringMatching(/^WH-[A-Z0-9]{8}$/),
      url: 'https://bot.example.com/webhook',
      events: ['package.low_gb', 'balance.added'],
      secret: expect.stringMatching(/^wxsec_[0-9a-f]{48}$/),
      created_at: '2026-01-01T00:00:00.000Z',
      note: 'Save the secret — it will not be shown again.',
    });
    const list = await h.call('GET', '/webhooks');
    expect(list.json.data.webhooks).toEqual([
      { id: r.json.data.id, url: 'https://bot.example.com/webhook', events: ['package.low_gb', 'balance.added'], created_at: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(list.text).not.toContain('wxsec_');
    const del = await h.call('DELETE', `/webhooks/${r.json.data.id}`);
    expect(del.status).toBe(200);
    expect(del.json.data).toEqual({ id: r.json.data.id, deleted: true });
    expect((await h.call('GET', '/webhooks')).json.data.webhooks).toEqual([]);
    expect((await h.call('DELETE', `/webhooks/${r.json.data.id}`)).status).toBe(404);
  });

  it('refuses an 11th webhook with WEBHOOK_LIMIT_REACHED 400', async () => {
    for (let i = 0; i < 10; i++) await subscribe(['user.created'], `https://hooks.example.com/${i}`);
    const r = await h.call('POST', '/webhooks', { body: { url: 'https://hooks.example.com/11', events: ['user.created'] } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('WEBHOOK_LIMIT_REACHED');
    expect(r.json.error.message).toMatch(/Maximum of 10 webhooks/);
    expect((await h.call('GET', '/webhooks')).json.data.webhooks).toHaveLength(10);
  });

  it('refuses bad webhook definitions', async () => {
    const cases: [unknown, string][] = [
      [{ events: ['user.created'] }, 'MISSING_FIELD'],
      [{ url: 'https://x.example.com' }, 'MISSING_FIELD'],
      [{ url: 'not a url', events: ['user.created'] }, 'INVALID_PARAMS'],
      [{ url: 'ftp://x.example.com', events: ['user.created'] }, 'INVALID_PARAMS'],
      [{ url: 'https://x.example.com', events: [] }, 'INVALID_PARAMS'],
      [{ url: 'https://x.example.com', events: 'user.created' }, 'INVALID_PARAMS'],
      [{ url: 'https://x.example.com', events: ['user.deleted'] }, 'INVALID_PARAMS'],
    ];
    for (const [body, code] of cases) {
      const r = await h.call('POST', '/webhooks', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await h.call('GET', '/webhooks')).json.data.webhooks).toEqual([]);
  });
});

describe('Whozex sandbox: webhook deliveries', () => {
  it("delivers package.created signed so that the seed's verifyWebhook accepts it", async () => {
    const { secret } = await subscribe(['package.created']);
    const u = await fundedUser(h, 'hook@example.com', 50);
    const pkg = (await h.call('POST', `/users/${u}/packages`, { body: { gb: 20 } })).json.data;
    await h.webhooks.flush();
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.headers['content-type']).toBe('application/json');
    expect(verifyWebhook(got.body, got.headers['x-whozex-signature'] as string, secret)).toBe(true);
    expect(verifyWebhook(got.body, got.headers['x-whozex-signature'] as string, 'wxsec_wrong')).toBe(false);
    expect(JSON.parse(got.body)).toEqual({
      event: 'package.created',
      data: { user_id: u, package_id: pkg.id, gb: 20, cost: 18, proxy_type: 'residential' },
      timestamp: '2026-01-01T00:00:00.000Z',
    });
    expect(got.body).toContain('"cost":18.00');
    expect(got.headers['x-whozex-event-id']).toMatch(/^evt_[0-9a-f]{24}$/);
  });

  it('sends package.low_gb once when the clock takes a package to 10 % or less, then depleted and expired', async () => {
    const { secret } = await subscribe(['package.low_gb', 'package.depleted', 'package.expired']);
    const u = await fundedUser(h, 'lowgb@example.com', 50);
    const pkg = (await h.call('POST', `/users/${u}/packages`, { body: { gb: 10 } })).json.data;
    heavyUser(h, pkg.id, 1000); // ~1 GB a day (0.7–1.3): 90 % used between day 7 and day 13
    let days = 0;
    while (receiver.received.length === 0 && days < 20) {
      h.clock.advance(DAY);
      days++;
      await h.webhooks.flush();
    }
    const low = receiver.received[0]!;
    expect(verifyWebhook(low.body, low.headers['x-whozex-signature'] as string, secret)).toBe(true);
    const event = JSON.parse(low.body);
    expect(event.event).toBe('package.low_gb');
    expect(event.data).toMatchObject({ user_id: u, package_id: pkg.id, total_gb: 10 });
    expect(event.data.remaining_gb).toBeLessThanOrEqual(1);
    const now = (await h.call('GET', `/packages/${pkg.id}`)).json.data;
    expect(now.remaining_gb).toBeLessThanOrEqual(1);
    expect(now.remaining_gb).toBe(event.data.remaining_gb);
    // Further moves: no second low_gb, then depleted, then expired at 30 days.
    h.clock.advance(25 * DAY);
    await h.webhooks.flush();
    expect(eventsReceived().map((e) => e.event)).toEqual(['package.low_gb', 'package.depleted', 'package.expired']);
    for (const r of receiver.received) expect(verifyWebhook(r.body, r.headers['x-whozex-signature'] as string, secret)).toBe(true);
    expect((await h.call('GET', `/packages/${pkg.id}`)).json.data).toMatchObject({ status: 'expired', used_gb: 10, remaining_gb: 0 });
  });

  it('sends user.created, balance.added, balance.deducted and package.gb_added only to subscribers', async () => {
    const { secret } = await subscribe(['user.created', 'balance.added', 'balance.deducted', 'package.gb_added']);
    const other = await startReceiver();
    try {
      await subscribe(['package.expired'], other.url);
      const u = await fundedUser(h, 'events@example.com', 30);
      await h.call('POST', `/users/${u}/balance`, { body: { action: 'deduct', amount: 5, note: 'fee' } });
      const pkg = (await h.call('POST', `/users/${u}/packages`, { body: { gb: 10 } })).json.data;
      await h.call('POST', `/packages/${pkg.id}/add-gb`, { body: { gb: 5 } });
      await h.webhooks.flush();
      const got = eventsReceived();
      expect(got.map((e) => e.event)).toEqual(['user.created', 'balance.added', 'balance.deducted', 'package.gb_added']);
      expect(got[0]!.data).toEqual({ user_id: u, email: 'events@example.com', name: 'events' });
      expect(got[1]!.data).toMatchObject({ user_id: u, action: 'add', amount: 30, user_balance: 30, reseller_balance: 120 });
      expect(got[2]!.data).toMatchObject({ action: 'deduct', amount: 5, user_balance: 25, note: 'fee' });
      expect(got[3]!.data).toEqual({ user_id: u, package_id: pkg.id, gb: 5, cost: 4.5, total_gb: 15 });
      for (const r of receiver.received) expect(verifyWebhook(r.body, r.headers['x-whozex-signature'] as string, secret)).toBe(true);
      const ids = receiver.received.map((r) => r.headers['x-whozex-event-id']);
      expect(new Set(ids).size).toBe(ids.length);
      expect(other.received).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('a failed delivery is retried with the same body, signature and event id', async () => {
    let fail = true;
    const { createServer } = await import('node:http');
    const bodies: { body: string; sig: string; id: string }[] = [];
    const flaky = createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        bodies.push({ body: b, sig: String(req.headers['x-whozex-signature']), id: String(req.headers['x-whozex-event-id']) });
        res.writeHead(fail ? 500 : 200).end();
      });
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    try {
      const port = (flaky.address() as { port: number }).port;
      const { secret } = await subscribe(['user.created'], `http://127.0.0.1:${port}/hook`);
      await h.call('POST', '/users', { body: { email: 'retry@example.com' } });
      await h.webhooks.flush();
      fail = false;
      h.clock.advance(2_000); // past the first backoff, by sandbox time
      await h.webhooks.flush();
      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toEqual(bodies[0]);
      expect(verifyWebhook(bodies[1]!.body, bodies[1]!.sig, secret)).toBe(true);
    } finally {
      await new Promise<void>((r) => flaky.close(() => r()));
    }
  });
});
