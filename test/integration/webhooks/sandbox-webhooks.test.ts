import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PollRunResult, WebhookAccountStatus, WebhooksStatus } from '../../../src/shared/contract/events';
import { secretNames } from '../../../src/main/secrets/secret-store';
import { dailyBasisPoints } from '../../../src/main/sandbox/whozex/usage-model';
import { countRows, createEventsHarness, US, type EventsHarness } from '../events/harness';

let h: EventsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const typesOf = (harness: EventsHarness) =>
  harness.ctx.ledger.sqlite.prepare("SELECT type FROM event_inbox WHERE source = 'webhook' ORDER BY seq").pluck().all() as string[];

async function replay(harness: EventsHarness, deliveryId: string): Promise<{ attempts: { statusCode: number | null }[] }> {
  const res = await fetch(`${harness.sandbox.whozex.origin}/__admin/webhook-deliveries/${deliveryId}/replay`, { method: 'POST' });
  expect(res.status).toBe(201);
  return (await res.json()) as { attempts: { statusCode: number | null }[] };
}

describe('webhooks from the sandbox, registered through the providers', () => {
  it('registers the listener upstream, stores every real signed delivery exactly once, and meets the poller on one event per fact', async () => {
    h = await createEventsHarness();
    await h.ctx.webhooks.start({ port: 0 });
    const psx = h.provider(h.psx);
    const wzx = h.provider(h.wzx);

    // Register both accounts; the secrets go to the keychain, never to SQLite.
    const psxReg = await h.call<WebhookAccountStatus>('webhooks:register', { accountId: h.psx.id });
    const wzxReg = await h.call<WebhookAccountStatus>('webhooks:register', { accountId: h.wzx.id });
    // The documented events on one webhook, then each extra the upstream accepts on its own.
    expect(psxReg.registrations.map((r) => r.events)).toEqual([['port.created', 'port.expired', 'port.rotated', 'customer.quota_exceeded', 'balance.low'], ['port.expiring']]);
    expect(wzxReg.registrations.map((r) => r.events)).toEqual([
      ['package.created', 'package.low_gb', 'balance.added', 'user.created'],
      ['balance.deducted'],
      ['package.gb_added'],
      ['package.depleted'],
      ['package.expired'],
    ]);
    expect(wzxReg.notes).toEqual([]);
    const psxSecret = await h.secrets.get(secretNames.webhookSecret(h.psx.id, psxReg.registrations[0]!.upstreamId));
    const wzxSecret = await h.secrets.get(secretNames.webhookSecret(h.wzx.id, wzxReg.registrations[0]!.upstreamId));
    expect(psxSecret).toMatch(/^whsec_/);
    expect(wzxSecret).toBeTruthy();
    // Registering again is harmless: one webhook per account upstream.
    await h.call('webhooks:register', { accountId: h.psx.id });
    const status = await h.call<WebhooksStatus>('webhooks:status', { checkUpstream: true });
    expect(status.listener.running).toBe(true);
    expect(status.settings).toMatchObject({ bindAddress: '127.0.0.1', warning: null });
    expect(status.reachabilityNote).toMatch(/tunnel/);
    expect(status.reachabilityNote).toMatch(/poller/);
    for (const a of status.accounts) {
      expect(a.registrations).toHaveLength(a.provider === 'whozex' ? 5 : 2);
      for (const r of a.registrations) expect(r).toMatchObject({ liveUpstream: true, secretStored: true, signed: true });
      expect(a.otherUpstreamWebhooks).toEqual([]);
    }

    // Things happen upstream.
    const ann = await psx.createCustomer({ email: 'ann@example.com', name: 'Ann', allocatedPortSlots: 3 }, h.key());
    const port = (await psx.createPort({ customerId: ann.id, countryId: US, days: 2 }, h.key())).port;
    const bob = await wzx.createCustomer({ email: 'bob@example.com', name: 'Bob' }, h.key());
    await wzx.topUpCustomer(bob.id, { amount: 10_000 }, h.key());
    await h.call('sync:run'); // customers and the port become local
    let pkg = (await wzx.createPackage({ customerId: bob.id, gb: 10 }, h.key())).package;
    for (let i = 0; i < 20 && dailyBasisPoints(pkg.id) < 450; i++) pkg = (await wzx.createPackage({ customerId: bob.id, gb: 10 }, h.key())).package;
    await h.flush();

    const delivered = h.sandbox.webhooks.list();
    expect(delivered.length).toBeGreaterThanOrEqual(4);
    for (const d of delivered) expect({ event: d.event, status: d.status, code: d.attempts.at(-1)?.statusCode }).toMatchObject({ status: 'delivered', code: 200 });
    expect(typesOf(h)).toEqual(expect.arrayContaining(['port.created', 'customer.created', 'customer.balance_added', 'package.created']));
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE source = 'webhook'")).toBe(countRows(h, 'SELECT count(DISTINCT event_id) FROM webhook_receipts WHERE event_id IS NOT NULL'));
    // The package.created webhook told the app about the package (Whozex lists none).
    expect(countRows(h, "SELECT count(*) FROM services WHERE kind = 'package' AND upstream_id = ?", pkg.id)).toBe(1);

    // Replays of every delivery (same event id, same signature): 2xx, nothing new.
    const before = countRows(h, 'SELECT count(*) FROM event_inbox');
    for (const d of delivered) {
      const again = await replay(h, d.id);
      expect(again.attempts.at(-1)?.statusCode).toBe(200);
    }
    expect(countRows(h, 'SELECT count(*) FROM event_inbox')).toBe(before);

    // Spent outside the app: balance.low arrives by webhook; the poller then sees the same crossing.
    await psx.createPort({ customerId: ann.id, countryId: US, days: 224 }, h.key());
    await h.flush();
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'balance.low' AND source = 'webhook'")).toBe(1);
    const polls = await h.call<PollRunResult[]>('poller:run-now');
    expect(polls.every((p) => p.ok)).toBe(true);
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'balance.low'")).toBe(1);
    expect(h.raised.filter((a) => a.kind === 'balance_low')).toHaveLength(1);

    // A day later the port is expiring: webhook first, then the poll adds nothing for that fact.
    await h.advance({ days: 1 });
    await h.flush();
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.expiring' AND subject = ?", `port:${port.id}`)).toBe(1);
    await h.call('poller:run-now');
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.expiring' AND subject = ?", `port:${port.id}`)).toBe(1);
    expect(h.raised.filter((a) => a.kind === 'proxy_expiring')).toHaveLength(1);

    // An old delivery replayed a day later is refused as too old (Proxies.sx timestamps).
    const oldPsx = delivered.find((d) => d.api === 'proxies-sx')!;
    const late = await replay(h, oldPsx.id);
    expect(late.attempts.at(-1)?.statusCode).toBe(401);

    // The port ends: the webhook's effect marks the service expired, once.
    await h.advance({ days: 1, hours: 1 });
    await h.flush();
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.expired'")).toBe(1);
    expect(h.ctx.ledger.sqlite.prepare("SELECT status FROM services WHERE kind = 'port' AND upstream_id = ?").pluck().get(port.id)).toBe('expired');
    await h.call('poller:run-now');
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'port.expired'")).toBe(1);

    // Package usage: the low_gb webhook arrives once; polls in between agree on the crossing.
    for (let half = 0; half < 54 && countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'package.low_gb' AND subject = ?", `package:${pkg.id}`) === 0; half++) {
      await h.advance({ hours: 12 });
      await h.flush();
      await h.call('poller:run-now');
    }
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'package.low_gb' AND subject = ?", `package:${pkg.id}`)).toBe(1);
    expect(h.ctx.ledger.sqlite.prepare("SELECT source FROM event_inbox WHERE type = 'package.low_gb' AND subject = ?").pluck().get(`package:${pkg.id}`)).toBe('webhook');
    await h.flush();
    await h.call('poller:run-now');
    expect(countRows(h, "SELECT count(*) FROM event_inbox WHERE type = 'package.low_gb' AND subject = ?", `package:${pkg.id}`)).toBe(1);
    expect(h.raised.filter((a) => a.kind === 'package_low' && a.subjectKey.startsWith('service:'))).not.toHaveLength(0);
    const subjects = h.raised.map((a) => `${a.kind}|${a.subjectKey}`);
    expect(new Set(subjects).size).toBe(subjects.length);

    // No delivery the sandbox made was lost or double-stored: every upstream event id maps to one receipt.
    const all = h.sandbox.webhooks.list({ limit: 1000 }).filter((d) => d.status === 'delivered' && d.replayOf === null);
    const ids = new Set(all.map((d) => d.headers['X-Proxies-Event-Id'] ?? d.headers['X-Whozex-Event-Id']));
    const receipts = h.ctx.ledger.sqlite.prepare("SELECT delivery_id FROM webhook_receipts WHERE delivery_id NOT LIKE 'sha256:%'").pluck().all() as string[];
    expect(new Set(receipts)).toEqual(ids);

    // No webhook secret in the ledger file.
    const file = readFileSync(h.ctx.ledger.file).toString('latin1') + (() => {
      try {
        return readFileSync(`${h!.ctx.ledger.file}-wal`).toString('latin1');
      } catch {
        return '';
      }
    })();
    expect(file.includes(psxSecret!)).toBe(false);
    expect(file.includes(wzxSecret!)).toBe(false);

    // Removing: gone upstream and from the keychain.
    const removed = await h.call<WebhookAccountStatus>('webhooks:unregister', { accountId: h.psx.id });
    expect(removed.registrations).toEqual([]);
    expect((await psx.listWebhooks()).items).toEqual([]);
    expect(await h.secrets.get(secretNames.webhookSecret(h.psx.id, psxReg.registrations[0]!.upstreamId))).toBeNull();
  });

  it('refuses to register while nothing can receive, and warns about a non-loopback bind address', async () => {
    h = await createEventsHarness();
    const refused = await h.dispatch('webhooks:register', { accountId: h.psx.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LISTENER_UNAVAILABLE' } });
    const settings = await h.call<{ warning: string | null; bindAddress: string; port: number }>('webhooks:settings', { bindAddress: '0.0.0.0', port: 0, enabled: false });
    expect(settings.bindAddress).toBe('0.0.0.0');
    expect(settings.warning).toMatch(/not only from this computer/);
    const back = await h.call<{ warning: string | null }>('webhooks:settings', { bindAddress: '127.0.0.1' });
    expect(back.warning).toBeNull();
    const bad = await h.dispatch('webhooks:settings', { bindAddress: 'example.com' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'bindAddress' } });
    // A public address (a tunnel) is enough to register, even with the listener off.
    await h.call('webhooks:settings', { publicBaseUrl: 'https://tunnel.example.net/' });
    expect(h.ctx.webhooks.endpointUrl(h.psx.id)).toMatch(/^https:\/\/tunnel\.example\.net\/hooks\//);
  });
});
