import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventsPage, InboxEventView } from '../../../src/shared/contract/events';
import { signProxiesSx, signWhozex } from '../../../src/main/webhooks/signatures';
import { createTestApp, type TestApp } from '../../support/app';
import { accountWithWebhook, count, rawRequest } from './support';

const WZX_SECRET = 'wxsec_listener_test_secret';
const PSX_SECRET = 'whsec_listener_test_secret';

let app: TestApp;
let wzx: string;
let psx: string;
let wzxUrl: string;
let psxUrl: string;
const pushed: InboxEventView[] = [];

beforeEach(async () => {
  app = await createTestApp();
  wzx = await accountWithWebhook(app, 'whozex', WZX_SECRET);
  psx = await accountWithWebhook(app, 'proxies-sx', PSX_SECRET);
  await app.ctx.webhooks.start({ port: 0 });
  wzxUrl = app.ctx.webhooks.endpointUrl(wzx)!;
  psxUrl = app.ctx.webhooks.endpointUrl(psx)!;
  pushed.length = 0;
  app.ctx.bus.subscribe((name, payload) => {
    if (name === 'event:inbox') pushed.push(payload as InboxEventView);
  });
});

afterEach(async () => {
  await app.close();
});

const inboxCount = () => count(app, 'SELECT count(*) FROM event_inbox');

function whozexBody(event: string, data: Record<string, unknown>): string {
  return JSON.stringify({ event, data, timestamp: app.clock.now().toISOString() });
}

function postWhozex(body: string, headers: Record<string, string> = {}) {
  return rawRequest(wzxUrl, {
    headers: { 'content-type': 'application/json', 'x-whozex-signature': signWhozex(body, WZX_SECRET), 'x-whozex-event-id': 'evt-1', ...headers },
    body,
  });
}

function psxDelivery(id: string, event: string, data: Record<string, unknown>, atMs = app.clock.now().getTime()) {
  const body = JSON.stringify({ id, event, createdAt: new Date(atMs).toISOString(), data });
  const headers = { 'content-type': 'application/json', 'x-proxies-event-id': id, ...signProxiesSx(body, PSX_SECRET, Math.floor(atMs / 1000)) };
  return { body, headers };
}

describe('webhook listener over real HTTP', () => {
  it('binds to loopback and gives each account its own unguessable path', () => {
    expect(wzxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/[0-9a-f-]+\/[A-Za-z0-9_-]{43}$/);
    expect(psxUrl).not.toBe(wzxUrl);
    expect(new URL(wzxUrl).pathname.split('/')[3]).not.toBe(new URL(psxUrl).pathname.split('/')[3]);
  });

  it('stores a verified Whozex delivery before answering 2xx, with its raw payload, and pushes it once', async () => {
    const body = whozexBody('package.low_gb', { user_id: 'U1', package_id: 'PKG-1', total_gb: 10, used_gb: 9.1, remaining_gb: 0.9, remaining_percent: 9 });
    const res = await postWhozex(body);
    expect(res.status).toBe(200);
    expect(inboxCount()).toBe(1);
    const page = await app.dispatch('events:list', { accountId: wzx });
    expect(page.ok).toBe(true);
    const [event] = (page as { value: EventsPage }).value.items;
    expect(event).toMatchObject({
      source: 'webhook',
      type: 'package.low_gb',
      accountId: wzx,
      subject: 'package:PKG-1',
      raw: body,
      deliveryId: 'evt-1',
      payload: { packageId: 'PKG-1', totalGbMilli: 10_000, usedGbMilli: 9_100, remainingGbMilli: 900, remainingPercent: 9 },
      status: 'applied',
    });
    expect(pushed.map((e) => e.id)).toEqual([event!.id]);
    const one = await app.dispatch('events:get', { id: event!.id });
    expect(one).toMatchObject({ ok: true, value: { raw: body } });
  });

  it('answers 1,000 duplicate deliveries with 2xx and keeps exactly one event', async () => {
    const body = whozexBody('user.created', { user_id: 'U-dup', email: 'dup@example.com', name: 'Dup' });
    const first = await postWhozex(body, { 'x-whozex-event-id': 'evt-dup' });
    expect(first.status).toBe(200);
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 100 }, () => postWhozex(body, { 'x-whozex-event-id': 'evt-dup' })));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses).toHaveLength(1000);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(inboxCount()).toBe(1);
    expect(pushed).toHaveLength(1);
    const last = await postWhozex(body, { 'x-whozex-event-id': 'evt-dup' });
    expect(JSON.parse(last.body)).toMatchObject({ received: true, duplicate: true });
    // Duplicates change nothing, not even the delivery counters.
    const status = await app.ctx.webhooks.status();
    expect(status.accounts.find((a) => a.accountId === wzx)).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('keeps one event when a replay carries a new (unsigned) event id header but the same signed body', async () => {
    const body = whozexBody('balance.added', { user_id: 'U1', action: 'add', amount: 5, user_balance: 5, reseller_balance: 95 });
    expect((await postWhozex(body, { 'x-whozex-event-id': 'evt-a' })).status).toBe(200);
    expect((await postWhozex(body, { 'x-whozex-event-id': 'evt-b' })).status).toBe(200);
    expect(count(app, "SELECT count(*) FROM event_inbox WHERE type = 'customer.balance_added'")).toBe(1);
  });

  it('rejects every hostile delivery and stores none of them', async () => {
    const body = whozexBody('user.created', { user_id: 'U-bad', email: 'bad@example.com', name: 'Bad' });
    const signed = { 'content-type': 'application/json', 'x-whozex-signature': signWhozex(body, WZX_SECRET) };

    // Missing and bad signatures.
    expect((await rawRequest(wzxUrl, { headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    expect((await rawRequest(wzxUrl, { headers: { 'x-whozex-signature': signWhozex(body, 'wxsec_wrong') }, body })).status).toBe(401);
    expect((await rawRequest(wzxUrl, { headers: { 'x-whozex-signature': 'sha256=zz' }, body })).status).toBe(401);
    // The signature of another account's secret.
    expect((await rawRequest(wzxUrl, { headers: { 'x-whozex-signature': signWhozex(body, PSX_SECRET) }, body })).status).toBe(401);
    // A truncated body under the original signature.
    expect((await rawRequest(wzxUrl, { headers: signed, body: body.slice(0, body.length - 10) })).status).toBe(401);
    // Signed, but not JSON (verification comes first: a bad signature on bad JSON is 401).
    const notJson = '{"event": "user.created", "data": {';
    expect((await rawRequest(wzxUrl, { headers: { 'x-whozex-signature': signWhozex(notJson, WZX_SECRET) }, body: notJson })).status).toBe(400);
    expect((await rawRequest(wzxUrl, { headers: { 'x-whozex-signature': 'sha256=' + 'a'.repeat(64) }, body: notJson })).status).toBe(401);
    const array = '[1,2,3]';
    expect((await rawRequest(wzxUrl, { headers: { 'x-whozex-signature': signWhozex(array, WZX_SECRET) }, body: array })).status).toBe(400);
    // Oversized: declared too large (refused before reading) and streamed too large.
    const big = Buffer.alloc(300 * 1024, 0x20);
    const declared = await rawRequest(wzxUrl, { headers: { 'content-length': String(big.length), 'x-whozex-signature': signWhozex(big, WZX_SECRET) }, body: big });
    expect(declared.status).toBe(413);
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(16 * 1024, 0x20));
    const streamed = await rawRequest(wzxUrl, { headers: { 'transfer-encoding': 'chunked', 'x-whozex-signature': signWhozex(body, WZX_SECRET) }, chunks });
    expect(streamed.status).toBe(413);
    // Wrong method, unknown paths, a guessed token.
    const get = await rawRequest(wzxUrl, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await rawRequest(wzxUrl, { method: 'PUT', headers: signed, body })).status).toBe(405);
    const origin = new URL(wzxUrl).origin;
    expect((await rawRequest(`${origin}/`, { headers: signed, body })).status).toBe(404);
    expect((await rawRequest(`${origin}/hooks/${wzx}/${'A'.repeat(43)}`, { headers: signed, body })).status).toBe(404);
    expect((await rawRequest(`${origin}/hooks/not-an-account/${new URL(wzxUrl).pathname.split('/')[3]}`, { headers: signed, body })).status).toBe(404);
    // A sender that declares a body and hangs up half-way gets nothing stored.
    await rawRequest(wzxUrl, { headers: { ...signed, 'content-length': String(body.length) }, body: body.slice(0, 20), endEarly: true }).catch(() => undefined);

    expect(inboxCount()).toBe(0);
    expect(pushed).toHaveLength(0);
    const status = await app.ctx.webhooks.status();
    const account = status.accounts.find((a) => a.accountId === wzx)!;
    expect(account.accepted).toBe(0);
    expect(account.rejected).toBeGreaterThanOrEqual(12);

    // And the listener still takes a good delivery afterwards.
    expect((await rawRequest(wzxUrl, { headers: signed, body })).status).toBe(200);
    expect(inboxCount()).toBe(1);
  });

  it('verifies Proxies.sx deliveries against the app clock: too old or from the future is refused', async () => {
    const now = app.clock.now().getTime();
    const fresh = psxDelivery('evt_fresh', 'port.rotated', { port: { _id: 'P1' }, previousIp: '1.1.1.1', newIp: '2.2.2.2' });
    expect((await rawRequest(psxUrl, fresh)).status).toBe(200);
    const old = psxDelivery('evt_old', 'port.rotated', { port: { _id: 'P1' }, newIp: '3.3.3.3' }, now - 6 * 60_000);
    expect((await rawRequest(psxUrl, old)).status).toBe(401);
    const future = psxDelivery('evt_future', 'port.rotated', { port: { _id: 'P1' }, newIp: '4.4.4.4' }, now + 6 * 60_000);
    expect((await rawRequest(psxUrl, future)).status).toBe(401);
    // Whozex's scheme on a Proxies.sx endpoint is not a signature.
    expect((await rawRequest(psxUrl, { headers: { 'x-whozex-signature': signWhozex(fresh.body, PSX_SECRET) }, body: fresh.body })).status).toBe(401);
    // A replay of the fresh one is accepted and changes nothing.
    expect((await rawRequest(psxUrl, fresh)).status).toBe(200);
    expect(count(app, 'SELECT count(*) FROM event_inbox WHERE account_id = ?', psx)).toBe(1);
  });

  it("accepts Proxies.sx deliveries in the public design note's shape (type, created, X-Proxies-Delivery) as well as today's", async () => {
    const t = Math.floor(app.clock.now().getTime() / 1000);
    const note = JSON.stringify({ id: 'evt_note_1', type: 'port.rotated', created: t, resellerId: 'R1', data: { port: { _id: 'P7' }, previousIp: '1.1.1.1', newIp: '5.5.5.5' } });
    const sig = signProxiesSx(note, PSX_SECRET, t)['X-Proxies-Signature'];
    const headers = { 'content-type': 'application/json', 'x-proxies-event': 'port.rotated', 'x-proxies-delivery': 'dlv_1', 'x-proxies-signature': sig };
    expect((await rawRequest(psxUrl, { headers, body: note })).status).toBe(200);
    const today = psxDelivery('evt_today_1', 'port.rotated', { port: { _id: 'P8' }, newIp: '6.6.6.6' });
    expect((await rawRequest(psxUrl, today)).status).toBe(200);
    const rows = app.ctx.ledger.sqlite
      .prepare("SELECT type, subject, occurred_at AS at FROM event_inbox WHERE account_id = ? ORDER BY seq")
      .all(psx) as { type: string; subject: string; at: string }[];
    expect(rows).toEqual([
      { type: 'port.rotated', subject: 'port:P7', at: new Date(t * 1000).toISOString() },
      { type: 'port.rotated', subject: 'port:P8', at: app.clock.now().toISOString() },
    ]);
    // The same body under a forged signature, or signed with the secret of another account: refused.
    const forged = { ...headers, 'x-proxies-signature': `t=${t},v1=${'ab'.repeat(32)}` };
    expect((await rawRequest(psxUrl, { headers: forged, body: note.replace('5.5.5.5', '9.9.9.9') })).status).toBe(401);
    const other = { ...headers, 'x-proxies-signature': signProxiesSx(note, WZX_SECRET, t)['X-Proxies-Signature'] };
    expect((await rawRequest(psxUrl, { headers: other, body: note.replace('evt_note_1', 'evt_note_2') })).status).toBe(401);
    expect(count(app, 'SELECT count(*) FROM event_inbox WHERE account_id = ?', psx)).toBe(2);
  });

  it('keeps one event when a Proxies.sx body without an id is replayed under new delivery header ids', async () => {
    const t = Math.floor(app.clock.now().getTime() / 1000);
    const body = JSON.stringify({ type: 'customer.quota_exceeded', created: t, resellerId: 'R1', data: { customerId: 'C1', allocatedPortSlots: 1 } });
    const sig = signProxiesSx(body, PSX_SECRET, t)['X-Proxies-Signature'];
    for (const [i, name] of ['x-proxies-delivery', 'x-proxies-event-id', 'x-proxies-delivery', 'x-proxies-event-id'].entries()) {
      const res = await rawRequest(psxUrl, { headers: { 'x-proxies-signature': sig, [name]: `hdr_${i}` }, body });
      expect(res.status).toBe(200);
    }
    expect(count(app, "SELECT count(*) FROM event_inbox WHERE type = 'customer.quota_exceeded'")).toBe(1);
  });

  it('makes one event of one fact even when two deliveries with different ids report it', async () => {
    const expiresAt = app.clock.now().getTime() + 3_600_000;
    const port = { _id: 'P9', expiresAt, status: 'active', customerId: 'C1' };
    const a = psxDelivery('evt_a', 'port.expiring', { port, expiresAt, hoursLeft: 1, customerId: 'C1' });
    const b = psxDelivery('evt_b', 'port.expiring', { port, expiresAt, hoursLeft: 1, customerId: 'C1' });
    expect((await rawRequest(psxUrl, a)).status).toBe(200);
    expect((await rawRequest(psxUrl, b)).status).toBe(200);
    const rows = app.ctx.ledger.sqlite.prepare("SELECT fact_key FROM event_inbox WHERE type = 'port.expiring'").pluck().all();
    expect(rows).toEqual([`port.expiring:${psx}:P9:${new Date(expiresAt).toISOString()}`]);
  });

  it('counts balance.low once per crossing whatever mix of deliveries reports it', async () => {
    const low = (id: string) => psxDelivery(id, 'balance.low', { balance: 45, threshold: 50, currency: 'USD' });
    expect((await rawRequest(psxUrl, low('evt_l1'))).status).toBe(200);
    expect((await rawRequest(psxUrl, low('evt_l2'))).status).toBe(200);
    const keys = app.ctx.ledger.sqlite.prepare("SELECT fact_key FROM event_inbox WHERE type = 'balance.low'").pluck().all();
    expect(keys).toEqual([`balance.low:${psx}:1`]);
    const seen = app.ctx.ledger.sqlite.prepare('SELECT balance FROM upstream_observations WHERE account_id = ?').pluck().get(psx);
    expect(seen).toBe(4_500);
  });
});

describe('webhook listener without a keychain', () => {
  it('answers 503 (the upstream retries later) and stores nothing when the secrets cannot be read', async () => {
    const { MemorySecretStore } = await import('../../support/memory-secrets');
    class LockedKeychain extends MemorySecretStore {
      locked = false;
      override async get(name: string) {
        if (this.locked) throw new Error('The keychain is locked');
        return super.get(name);
      }
    }
    const secrets = new LockedKeychain();
    const locked = await createTestApp({ secrets });
    try {
      const id = await accountWithWebhook(locked, 'whozex', WZX_SECRET);
      await locked.ctx.webhooks.start({ port: 0 });
      secrets.locked = true;
      const body = JSON.stringify({ event: 'user.created', data: { user_id: 'U1' }, timestamp: locked.clock.now().toISOString() });
      const res = await rawRequest(locked.ctx.webhooks.endpointUrl(id)!, { headers: { 'x-whozex-signature': signWhozex(body, WZX_SECRET) }, body });
      expect(res.status).toBe(503);
      expect(res.body).not.toContain(WZX_SECRET);
      expect(locked.ctx.ledger.sqlite.prepare('SELECT count(*) FROM event_inbox').pluck().get()).toBe(0);
      secrets.locked = false;
      expect((await rawRequest(locked.ctx.webhooks.endpointUrl(id)!, { headers: { 'x-whozex-signature': signWhozex(body, WZX_SECRET) }, body })).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
