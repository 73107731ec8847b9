import { afterEach, describe, expect, it } from 'vitest';
import type { EventsPage } from '../../../src/shared/contract/events';
import { insertRegistration } from '../../../src/main/webhooks/endpoints';
import { countRows, createEventsHarness, US, type EventsHarness } from '../events/harness';
import { rawRequest } from './support';

/**
 * A Proxies.sx account whose registration answer carried no secret (no document promises
 * one): its deliveries cannot be verified, so the path token admits them as HINTS and the
 * app re-reads the port through the documented `GET /v1/ports` (the sandbox, over real
 * HTTP) before anything changes. A forged delivery can cause a read, nothing else.
 */

let h: EventsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function unsignedRegistration(harness: EventsHarness, accountId: string): void {
  // What registering stores when the upstream's answer carries no secret.
  insertRegistration(harness.ctx.ledger.sqlite, {
    account_id: accountId,
    upstream_id: 'wh_unsigned',
    url: harness.ctx.webhooks.endpointUrl(accountId)!,
    events: '[]',
    created_at: new Date(harness.clock.now()).toISOString(),
    signing: 'none',
  });
}

/** The design note's shape; `headers` may add a (forged) signature. */
function noteDelivery(harness: EventsHarness, id: string, type: string, data: Record<string, unknown>, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ id, type, created: Math.floor(harness.clock.now() / 1000), resellerId: 'R-forged', data });
  return { headers: { 'content-type': 'application/json', 'x-proxies-event': type, 'x-proxies-delivery': `dlv_${id}`, ...headers }, body };
}

describe('unsigned Proxies.sx deliveries are hints confirmed by a documented read', () => {
  it('a forged port.expired for a port the upstream still shows active changes nothing; a true one is applied from the read', async () => {
    h = await createEventsHarness();
    await h.ctx.webhooks.start({ port: 0 });
    const psx = h.provider(h.psx);
    const ann = await psx.createCustomer({ email: 'ann@example.com', name: 'Ann', allocatedPortSlots: 3 }, h.key());
    const port = (await psx.createPort({ customerId: ann.id, countryId: US, days: 1 }, h.key())).port;
    await h.call('sync:run');
    const status = () => h!.ctx.ledger.sqlite.prepare("SELECT status FROM services WHERE kind = 'port' AND upstream_id = ?").pluck().get(port.id);
    expect(status()).toBe('active');
    unsignedRegistration(h, h.psx.id);
    const url = h.ctx.webhooks.endpointUrl(h.psx.id)!;
    const balanceBefore = h.ctx.ledger.sqlite.prepare('SELECT balance FROM upstream_observations WHERE account_id = ?').pluck().get(h.psx.id);

    // Forged: unsigned, or with a made-up signature, while the port is active upstream.
    const forged = noteDelivery(h, 'evt_forged_1', 'port.expired', { portId: port.id });
    const res = await rawRequest(url, forged);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ received: true, hint: true, duplicate: false });
    const badSig = noteDelivery(h, 'evt_forged_2', 'port.expired', { port: { _id: port.id } }, { 'x-proxies-signature': `t=${Math.floor(h.clock.now() / 1000)},v1=${'00'.repeat(32)}` });
    expect((await rawRequest(url, badSig)).status).toBe(200);
    // A forged low balance: no documented read reports the balance, so it stays a hint.
    expect((await rawRequest(url, noteDelivery(h, 'evt_forged_3', 'balance.low', { balance: 1, threshold: 50 }))).status).toBe(200);
    await h.ctx.webhooks.idle();

    expect(status()).toBe('active');
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.expired'")).toBe(0);
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'balance.low'")).toBe(0);
    expect(h.ctx.ledger.sqlite.prepare('SELECT balance FROM upstream_observations WHERE account_id = ?').pluck().get(h.psx.id)).toBe(balanceBefore);
    const hints = (await h.call<EventsPage>('events:list', { type: 'webhook.unsigned_hint' })).items;
    expect(hints).toHaveLength(3);
    const byEvent = (e: string) => hints.filter((x) => (x.payload as { event: string }).event === e);
    for (const hint of byEvent('port.expired')) {
      expect(hint).toMatchObject({ source: 'webhook', subject: `port:${port.id}`, status: 'applied' });
      expect(hint.effects.join(' ')).toMatch(new RegExp(`GET /v1/ports: port ${port.id} is active upstream.*Nothing changed`));
    }
    expect(byEvent('balance.low')[0]!.effects.join(' ')).toMatch(/No documented read confirms balance\.low.*Nothing changed/);
    expect(h.raised.filter((a) => a.kind === 'balance_low')).toHaveLength(0);

    // A replay of the forged body is a duplicate: no second hint, no second read.
    expect(JSON.parse((await rawRequest(url, forged)).body)).toMatchObject({ duplicate: true });

    // The port really ends upstream: the next (unsigned) port.expired is confirmed by the read and applied once.
    await h.advance({ days: 1, hours: 1 });
    const real = noteDelivery(h, 'evt_real', 'port.expired', { portId: port.id });
    expect((await rawRequest(url, real)).status).toBe(200);
    await h.ctx.webhooks.idle();
    expect(status()).toBe('expired');
    const expired = (await h.call<EventsPage>('events:list', { type: 'port.expired' })).items;
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ source: 'poll', subject: `port:${port.id}`, status: 'applied' });
    // The poller meets the same fact: still one event.
    await h.call('poller:run-now');
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.expired'")).toBe(1);
  });

  it('Whozex without a secret: a forged package.depleted changes nothing; a package.created hint is confirmed by GET /packages/:id', async () => {
    h = await createEventsHarness();
    await h.ctx.webhooks.start({ port: 0 });
    const wzx = h.provider(h.wzx);
    const bob = await wzx.createCustomer({ email: 'bob@example.com', name: 'Bob' }, h.key());
    await wzx.topUpCustomer(bob.id, { amount: 10_000 }, h.key());
    await h.call('sync:run');
    const pkg = (await wzx.createPackage({ customerId: bob.id, gb: 10 }, h.key())).package;
    unsignedRegistration(h, h.wzx.id);
    const url = h.ctx.webhooks.endpointUrl(h.wzx.id)!;
    const post = (event: string, data: Record<string, unknown>) =>
      rawRequest(url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, data, timestamp: new Date(h!.clock.now()).toISOString() }) });
    const service = () => h!.ctx.ledger.sqlite.prepare("SELECT status FROM services WHERE kind = 'package' AND upstream_id = ?").pluck().get(pkg.id);

    expect(service()).toBeUndefined();
    expect((await post('package.created', { user_id: bob.id, package_id: pkg.id, gb: 10, cost: 30 })).status).toBe(200);
    await h.ctx.webhooks.idle();
    expect(service()).toBe('active');

    expect((await post('package.depleted', { user_id: bob.id, package_id: pkg.id, total_gb: 10 })).status).toBe(200);
    expect((await post('package.expired', { user_id: bob.id, package_id: 'PKG-NOT-OURS' })).status).toBe(200);
    await h.ctx.webhooks.idle();
    expect(service()).toBe('active');
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type IN ('package.depleted', 'package.expired')")).toBe(0);
    const hints = (await h.call<EventsPage>('events:list', { type: 'webhook.unsigned_hint', accountId: h.wzx.id })).items;
    expect(hints.map((x) => x.effects.join(' '))).toEqual([
      expect.stringMatching(/PKG-NOT-OURS is not found upstream\. Nothing changed/),
      expect.stringMatching(new RegExp(`package ${pkg.id} is active upstream.*Nothing changed`)),
      expect.stringMatching(/recorded package\.created/),
    ]);
  });
});
