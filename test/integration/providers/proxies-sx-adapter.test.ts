import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROXIES_SX_SCOPES, proxiesSxCreateApiKey, proxiesSxLogin, type Provider } from '../../../src/main/providers';
import { caught, fastHttp, key, providerFor, startSandbox, type RunningSandbox } from './support/sandbox';

let sb: RunningSandbox;
let psx: Provider;
const extra: Provider[] = [];

beforeAll(async () => {
  sb = await startSandbox({ autoDeliverWebhooks: false });
  psx = providerFor(sb, 'proxies-sx');
});
afterEach(() => sb.faults.reset());
afterAll(async () => {
  for (const p of [psx, ...extra]) await p.close();
  await sb.close();
});

const usId = async () => (await psx.listCountries()).items.find((c) => c.code === 'US')!.id;

describe('Proxies.sx adapter against the sandbox', () => {
  it('follows the seed money flow: 500 → top-up 100 → 400 → 30-day port → 340, price 75, margin 15', async () => {
    const before = await psx.getAccount();
    expect(before.balance).toBe(50_000);
    expect(before.currency).toBe('USD');
    expect(before.requestId).toMatch(/\S/);

    const c = await psx.createCustomer({ email: 'john@company.com', name: 'John Smith', company: 'Acme Corp', allocatedPortSlots: 10, externalId: 'CRM-12345' }, key());
    expect(c).toMatchObject({ email: 'john@company.com', company: 'Acme Corp', externalId: 'CRM-12345', status: 'active', allocatedPortSlots: 10 });

    await psx.updatePricebook({ pricingMode: 'margin', defaultMarginBps: 2500, portPricing: { marginBps: 2500 } }, key());
    const top = await psx.topUpCustomer(c.id, { amount: 10_000, note: 'Monthly credit', referenceId: 'INV-2024-001' }, key());
    expect(top).toMatchObject({ amount: 10_000, customerBalance: 10_000, resellerBalance: 40_000 });

    const created = await psx.createPort({ customerId: c.id, countryId: await usId(), days: 30 }, key());
    expect(created.pricing).toEqual({ costToReseller: 6_000, resellerPrice: 7_500, margin: 1_500 });
    expect(created.port.id).toMatch(/\S/);
    expect(created.port.httpPort).toBeGreaterThan(0);
    expect(Date.parse(created.port.expiresAt!)).toBe(Date.parse('2026-01-31T00:00:00.000Z'));
    expect((await psx.getAccount()).balance).toBe(34_000);

    const tx = await psx.listTransactions({ limit: 10 });
    expect(tx.items.map((t) => t.balanceAfter)).toContain(34_000);
  });

  it('quotes through the server pricebook exactly as the seed example (60 → 75, margin 15)', async () => {
    await psx.updatePricebook({ pricingMode: 'margin', defaultMarginBps: 2500, portPricing: { marginBps: 2500 } }, key());
    const q = await psx.quote({ type: 'port', basePricePerDayMicros: 2_000_000, days: 30 });
    expect(q).toMatchObject({ cost: 6_000, resellerPrice: 7_500, margin: 1_500, marginBps: 2_500 });
    expect(q.appliedRules.length).toBeGreaterThan(0);
  });

  it('reads and edits the pricebook and a country override', async () => {
    const us = await usId();
    const book = await psx.setCountryOverride({ countryId: us, marginBps: 4000 }, key());
    expect(book.kind).toBe('proxies-sx');
    if (book.kind !== 'proxies-sx') return;
    expect(book.countryOverrides).toContainEqual(expect.objectContaining({ countryId: us, marginBps: 4000 }));
    const again = await psx.getPricebook();
    expect(again).toMatchObject({ kind: 'proxies-sx', pricingMode: 'margin' });
  });

  it('lists customers page by page with an opaque cursor until the end', async () => {
    for (let i = 0; i < 5; i++) await psx.createCustomer({ email: `page${i}@x.com`, name: `P${i}` }, key());
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await psx.listCustomers({ limit: 2, cursor, search: 'page' });
      seen.push(...page.items.map((c) => c.email));
      expect(page.total).toBe(5);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(['page0@x.com', 'page1@x.com', 'page2@x.com', 'page3@x.com', 'page4@x.com']));
  });

  it('gets, updates, suspends and resumes a customer', async () => {
    const c = await psx.createCustomer({ email: 'edit@x.com', name: 'Edit' }, key());
    expect((await psx.getCustomer(c.id)).email).toBe('edit@x.com');
    const u = await psx.updateCustomer(c.id, { name: 'Edited', allocatedPortSlots: 3 }, key());
    expect(u).toMatchObject({ name: 'Edited', allocatedPortSlots: 3 });
    expect((await psx.suspendCustomer(c.id, key())).status).toBe('suspended');
    expect((await psx.listCustomers({ status: 'suspended' })).items.map((x) => x.id)).toContain(c.id);
    expect((await psx.resumeCustomer(c.id, key())).status).toBe('active');
  });

  it('rotates, extends, lists and reads ports', async () => {
    const c = await psx.createCustomer({ email: 'ports@x.com', name: 'Ports', allocatedPortSlots: 2 }, key());
    const { port } = await psx.createPort({ customerId: c.id, countryId: await usId(), days: 7 }, key());
    const r = await psx.rotatePort(port.id, key());
    expect(r.rotated).toBe(true);
    expect(r.newIp).toMatch(/\d+\.\d+\.\d+\.\d+/);
    const ext = await psx.extendPort(port.id, { days: 3 }, key());
    expect(Date.parse(ext.port.expiresAt!) - Date.parse(port.expiresAt!)).toBe(3 * 86_400_000);
    expect(ext.pricing?.costToReseller).toBe(600);
    const list = await psx.listPorts({ customerId: c.id });
    expect(list.items.map((p) => p.id)).toEqual([port.id]);
    expect((await psx.getPort(port.id)).proxyLogin).toBe(port.proxyLogin);
  });

  it('serves reference data: countries, cities, carriers', async () => {
    const countries = await psx.listCountries();
    const us = countries.items.find((c) => c.code === 'US')!;
    expect(us).toMatchObject({ name: 'United States', iso3: 'USA' });
    expect(countries.items.some((c) => c.freeDeviceCount === 0)).toBe(true);
    expect((await psx.listCities(us.id)).items.map((c) => c.name)).toContain('New York');
    expect((await psx.listCarriers(us.id)).items.map((c) => c.name)).toContain('T-Mobile');
  });

  it('registers a webhook (secret returned once), lists and deletes it', async () => {
    const w = await psx.registerWebhook({ url: 'http://127.0.0.1:9/hook', events: ['port.created', 'port.expired'], name: 'Desk' }, key());
    expect(w.secret).toMatch(/^whsec_/);
    const list = await psx.listWebhooks();
    expect(list.items.find((x) => x.id === w.id)).toMatchObject({ url: 'http://127.0.0.1:9/hook', events: ['port.created', 'port.expired'] });
    expect(JSON.stringify(list)).not.toContain(w.secret);
    await psx.deleteWebhook(w.id, key());
    expect((await psx.listWebhooks()).items.map((x) => x.id)).not.toContain(w.id);
  });

  it('signs in with email/password and creates a scoped API key', async () => {
    const s = await proxiesSxLogin(sb.proxiesSx.baseUrl, sb.proxiesSx.email, sb.proxiesSx.password, { http: fastHttp() });
    expect(s.token.length).toBeGreaterThan(10);
    const k = await proxiesSxCreateApiKey(sb.proxiesSx.baseUrl, s.token, 'Desk', PROXIES_SX_SCOPES, { ...key(), http: fastHttp() });
    expect(k.apiKey).toMatch(/^psx_/);
    expect(k.keyInfo.scopes).toEqual([...PROXIES_SX_SCOPES]);
    const p = providerFor(sb, 'proxies-sx', { apiKey: k.apiKey });
    extra.push(p);
    expect((await p.listCountries()).items.length).toBeGreaterThan(0);
  });

  it('a wrong password is INVALID_CREDENTIALS, without echoing it', async () => {
    const e = await caught(proxiesSxLogin(sb.proxiesSx.baseUrl, sb.proxiesSx.email, 'hunter2-wrong', { http: fastHttp() }));
    expect(e.code).toBe('INVALID_CREDENTIALS');
    expect(e.message).not.toContain('hunter2');
  });
});

describe('Proxies.sx failures become actionable errors', () => {
  it('401: a rejected key names the account and never shows the key', async () => {
    const bad = 'psx_wrong_key_0000000000000000000000000000000000000';
    const p = providerFor(sb, 'proxies-sx', { apiKey: bad, accountName: 'My PSX' });
    extra.push(p);
    const e = await caught(p.listCountries());
    expect(e.code).toBe('INVALID_API_KEY');
    expect(e.message).toBe("The API key for 'My PSX' was rejected. Paste a new key in Settings (Upstream accounts → Edit).");
    expect(JSON.stringify(e.toIpc())).not.toContain(bad);
  });

  it('403: a key without customers:write is told which scope it lacks', async () => {
    const s = await proxiesSxLogin(sb.proxiesSx.baseUrl, sb.proxiesSx.email, sb.proxiesSx.password, { http: fastHttp() });
    const k = await proxiesSxCreateApiKey(sb.proxiesSx.baseUrl, s.token, 'read only', ['customers:read'], { ...key(), http: fastHttp() });
    const p = providerFor(sb, 'proxies-sx', { apiKey: k.apiKey });
    extra.push(p);
    const e = await caught(p.createCustomer({ email: 'ro@x.com', name: 'RO' }, key()));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain('customers:write');
    expect(e.details).toMatchObject({ scope: 'customers:write' });
  });

  it('404: an unknown customer', async () => {
    const e = await caught(psx.getCustomer('65afffffffffffffffffffff'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('65afffffffffffffffffffff');
  });

  it('409: a duplicate email', async () => {
    await psx.createCustomer({ email: 'dup@x.com', name: 'Dup' }, key());
    const e = await caught(psx.createCustomer({ email: 'dup@x.com', name: 'Dup again' }, key()));
    expect(e.code).toBe('CONFLICT');
    expect(e.field).toBe('email');
  });

  it('QUOTA_EXCEEDED with the slot numbers', async () => {
    const c = await psx.createCustomer({ email: 'quota@x.com', name: 'Q', allocatedPortSlots: 1 }, key());
    await psx.createPort({ customerId: c.id, countryId: await usId(), days: 1 }, key());
    const e = await caught(psx.createPort({ customerId: c.id, countryId: await usId(), days: 1 }, key()));
    expect(e.code).toBe('QUOTA_EXCEEDED');
    expect(e.details).toMatchObject({ used: 1, allocated: 1 });
  });

  it('INSUFFICIENT_BALANCE with balance, cost and the top-up needed', async () => {
    const balance = (await psx.getAccount()).balance;
    const c = await psx.createCustomer({ email: 'poor@x.com', name: 'Poor', allocatedPortSlots: 1 }, key());
    const e = await caught(psx.createPort({ customerId: c.id, countryId: await usId(), days: 365, isPrivate: true }, key()));
    expect(e.code).toBe('INSUFFICIENT_BALANCE');
    expect(e.details).toMatchObject({ balance, required: 109_500, shortfall: 109_500 - balance });
    expect(e.message).toMatch(/^Your Proxies\.sx balance \(\$[\d,]+\.\d\d\) is too low for this port \(\$1,095\.00\)\. Top up at least \$[\d,]+\.\d\d\.$/);
  });

  it('429 with Retry-After: retried, then RATE_LIMITED carrying the wait', async () => {
    sb.faults.configure({ rateLimitStormRate: 1 });
    const waits: number[] = [];
    const p = providerFor(sb, 'proxies-sx', { http: fastHttp({ sleep: async (ms) => void waits.push(ms) }) });
    extra.push(p);
    const e = await caught(p.listCountries());
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.details?.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(waits).toHaveLength(3);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(1000);
  });

  it('a GET answered 5xx is retried and succeeds once the upstream recovers', async () => {
    sb.faults.configure({ errorRate: 1 });
    let retries = 0;
    const p = providerFor(sb, 'proxies-sx', {
      http: fastHttp({
        sleep: async () => {
          retries++;
          sb.faults.configure({ errorRate: 0 });
        },
      }),
    });
    extra.push(p);
    const list = await p.listCountries();
    expect(list.items.length).toBeGreaterThan(0);
    expect(retries).toBe(1);
  });

  it('a POST whose connection drops after the commit is outcome-unknown; the same key then replays, never doubles', async () => {
    const k = key();
    sb.faults.configure({ dropAfterCommitRate: 1 });
    const e = await caught(psx.createCustomer({ email: 'dropped@x.com', name: 'Dropped' }, k));
    expect(e.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    sb.faults.reset();
    // the operations journal retries with the SAME key: the committed answer is replayed
    const replay = await psx.createCustomer({ email: 'dropped@x.com', name: 'Dropped' }, k);
    expect(replay.email).toBe('dropped@x.com');
    const found = await psx.listCustomers({ search: 'dropped@x.com' });
    expect(found.items).toHaveLength(1);
  });

  it('a POST that times out is not retried and is outcome-unknown', async () => {
    sb.faults.configure({ timeoutRate: 1, timeoutMs: 3000 });
    const p = providerFor(sb, 'proxies-sx', { http: fastHttp({ headersTimeoutMs: 300 }) });
    extra.push(p);
    const before = (await caught(p.createCustomer({ email: 'slow@x.com', name: 'Slow' }, key()))).code;
    expect(before).toBe('UPSTREAM_OUTCOME_UNKNOWN');
  });

  it('methods Proxies.sx lacks are UNSUPPORTED, as its capabilities say', async () => {
    expect(psx.capabilities).toMatchObject({ kind: 'proxies-sx', billing: 'per-day-ports', customerDeduct: false, packages: false });
    expect((await caught(psx.deductCustomer('x', { amount: 100 }, key()))).code).toBe('UNSUPPORTED');
    expect((await caught(psx.createPackage({ customerId: 'x', gb: 1 }, key()))).code).toBe('UNSUPPORTED');
    expect((await caught(psx.regenerateKey(key()))).code).toBe('UNSUPPORTED');
  });
});
