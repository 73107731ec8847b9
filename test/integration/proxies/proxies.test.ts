import { afterEach, describe, expect, it } from 'vitest';
import { formatCredential, formatCredentials, type ProxyEndpoint } from '../../../src/main/services/credentials/formats';
import type { PricebookPushResult } from '../../../src/shared/contract/operations';
import type { FormattedCredentials, PortPage, PortResult } from '../../../src/shared/contract/proxies';
import { createOpsHarness, type OpsHarness } from '../operations/harness';

let h: OpsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const endpoint: ProxyEndpoint = { host: '185.1.2.3', httpPort: 10001, socksPort: 10002, username: 'user1', password: 'p@ss:1' };

describe('credentials in every common format', () => {
  it('writes each format, encoding the password only inside URLs', () => {
    expect(formatCredential(endpoint, 'host:port:user:pass')).toBe('185.1.2.3:10001:user1:p@ss:1');
    expect(formatCredential(endpoint, 'host:port:user:pass', 'socks5')).toBe('185.1.2.3:10002:user1:p@ss:1');
    expect(formatCredential(endpoint, 'user:pass@host:port')).toBe('user1:p@ss:1@185.1.2.3:10001');
    expect(formatCredential(endpoint, 'http-url')).toBe('http://user1:p%40ss%3A1@185.1.2.3:10001');
    expect(formatCredential(endpoint, 'socks5-url')).toBe('socks5://user1:p%40ss%3A1@185.1.2.3:10002');
    expect(formatCredential(endpoint, 'curl')).toBe("curl -x 'http://user1:p%40ss%3A1@185.1.2.3:10001' https://api.ipify.org");
    expect(formatCredentials([endpoint, { ...endpoint, host: '10.0.0.1' }], 'host:port:user:pass').split('\n')).toHaveLength(2);
    expect(() => formatCredential({ ...endpoint, socksPort: null }, 'socks5-url')).toThrow(/SOCKS5/);
  });
});

describe('ports: list, credentials, and the pricebook pushed upstream', () => {
  it('lists ports by customer, status and expiry, and formats many at once', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const ivy = await h.customer({ email: 'ivy@example.com', name: 'Ivy', portSlotQuota: 3 });
    const jon = await h.customer({ email: 'jon@example.com', name: 'Jon', portSlotQuota: 3 });
    const a = await h.call<PortResult>('proxies:create', { accountId: psx.id, customerId: ivy.id, country: 'US', carrier: 'T-Mobile', days: 2 });
    const b = await h.call<PortResult>('proxies:create', { accountId: psx.id, customerId: ivy.id, country: 'FR', days: 30 });
    await h.call<PortResult>('proxies:create', { accountId: psx.id, customerId: jon.id, country: 'NL', days: 10 });
    expect(a.port.carrier).toBe('T-Mobile');

    expect((await h.call<PortPage>('proxies:list', { customerId: ivy.id })).total).toBe(2);
    expect((await h.call<PortPage>('proxies:list', { expiringWithinDays: 3 })).items.map((p) => p.serviceId)).toEqual([a.port.serviceId]);
    h.advance(3 * 86_400_000);
    const expired = await h.call<PortPage>('proxies:list', { status: 'expired' });
    expect(expired.items.map((p) => p.serviceId)).toEqual([a.port.serviceId]);
    expect((await h.call<PortPage>('proxies:list', { status: 'active', limit: 1 })).total).toBe(2);

    const creds = await h.call<FormattedCredentials>('credentials:format', { serviceIds: [a.port.serviceId, b.port.serviceId], format: 'socks5-url' });
    const [first, second] = creds.text.split('\n');
    const c = b.port.connection;
    expect(second).toBe(`socks5://${c.username}:${c.password}@${c.host}:${c.socksPort}`);
    expect(first).toMatch(/^socks5:\/\//);
    // An unknown country is refused with the list of what is offered.
    const bad = await h.refuse('proxies:create', { accountId: psx.id, customerId: jon.id, country: 'ZZ', days: 1 });
    expect(bad.message).toMatch(/Countries offered: .*DE/);
  });

  it('pushes the local pricebook to the Proxies.sx server-side pricebook so both quote the same', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx');
    await h.call('pricing:update', { mode: 'margin', defaultMarginPercent: '25', port: { marginPercent: '25' } });
    await h.call('pricing:set-country-override', { country: 'US', marginPercent: '40' });
    const pushed = await h.call<PricebookPushResult>('pricing:push-upstream', { accountId: psx.id });
    expect(pushed.accounts[0]).toMatchObject({ accountId: psx.id, changed: true, operations: 2, skippedCountries: [] });
    // Nothing differs any more: a second push changes nothing.
    expect((await h.call<PricebookPushResult>('pricing:push-upstream')).accounts[0]).toMatchObject({ changed: false, operations: 0 });

    const upstream = h.ctx.providers.forAccount(psx.id);
    const theirs = await upstream.quote({ type: 'port', basePricePerDayMicros: 2_000_000, days: 30 });
    const ours = h.ctx.proxies.quote({ country: 'DE', days: 30, isPrivate: false });
    expect([theirs.cost, theirs.resellerPrice]).toEqual([ours.cost, ours.price]);
    const usId = (await upstream.listCountries()).items.find((c) => c.code === 'US')!.id;
    const theirsUs = await upstream.quote({ type: 'port', basePricePerDayMicros: 2_000_000, days: 30, countryId: usId });
    expect(theirsUs.resellerPrice).toBe(h.ctx.proxies.quote({ country: 'US', days: 30, isPrivate: false }).price);
    expect(theirsUs.resellerPrice).toBe(8_400);
  });

  it('pushes automatically after a local pricebook change', async () => {
    h = await createOpsHarness({ autoPushPricebook: true });
    const psx = await h.addAccount('proxies-sx');
    await h.call('pricing:update', { mode: 'margin', defaultMarginPercent: '33', port: { marginPercent: '33' } });
    const upstream = h.ctx.providers.forAccount(psx.id);
    let margin: number | null | undefined = null;
    for (let i = 0; i < 50 && margin !== 3_300; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const book = await upstream.getPricebook();
      margin = book.kind === 'proxies-sx' ? book.portPricing.marginBps : null;
    }
    expect(margin).toBe(3_300);
  });
});
