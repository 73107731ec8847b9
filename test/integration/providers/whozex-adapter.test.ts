import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/main/providers';
import { caught, fastHttp, key, providerFor, startSandbox, type RunningSandbox } from './support/sandbox';

let sb: RunningSandbox;
let wzx: Provider;
const extra: Provider[] = [];

beforeAll(async () => {
  sb = await startSandbox({ autoDeliverWebhooks: false });
  wzx = providerFor(sb, 'whozex');
});
afterEach(() => sb.faults.reset());
afterAll(async () => {
  for (const p of [wzx, ...extra]) await p.close();
  await sb.close();
});

let n = 0;
const email = (tag: string) => `${tag}${n++}@example.com`;

describe('Whozex adapter against the sandbox', () => {
  it('reads the account with exact money: balance 150.00 → 15000 cents, custom price 0.90 → 900000 micros', async () => {
    const a = await wzx.getAccount();
    expect(a).toMatchObject({ balance: 15_000, isVip: true, customPricePerGbMicros: 900_000, currency: 'USD' });
    expect(a.requestId).toMatch(/\S/);
  });

  it('creates, finds and pages sub-users', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await wzx.createCustomer({ email: email('pager'), name: `Pager ${i}` }, key()));
    expect(made[0]).toMatchObject({ status: 'active', balance: 0, packageCount: 0 });
    expect((await wzx.getCustomer(made[0]!.id)).email).toBe(made[0]!.email);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await wzx.listCustomers({ limit: 2, cursor, search: 'pager' });
      expect(page.total).toBe(3);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(new Set(seen)).toEqual(new Set(made.map((m) => m.id)));
  });

  it('moves balance to and from a sub-user, then buys a package and adds GB from it', async () => {
    const u = await wzx.createCustomer({ email: email('buyer'), name: 'Buyer' }, key());
    const resellerBefore = (await wzx.getAccount()).balance;
    const add = await wzx.topUpCustomer(u.id, { amount: 5_000, note: 'TRX payment received' }, key());
    expect(add).toMatchObject({ action: 'add', amount: 5_000, customerBalance: 5_000, resellerBalance: resellerBefore - 5_000 });
    const back = await wzx.deductCustomer(u.id, { amount: 1_000 }, key());
    expect(back).toMatchObject({ action: 'deduct', customerBalance: 4_000, resellerBalance: resellerBefore - 4_000 });

    const buy = await wzx.createPackage({ customerId: u.id, gb: 20, proxyType: 'residential' }, key());
    expect(buy.cost).toBe(1_800); // 20 GB × $0.90
    expect(buy.pricePerGbMicros).toBe(900_000);
    expect(buy.customerBalanceAfter).toBe(2_200);
    expect(buy.package).toMatchObject({ customerId: u.id, totalGbMilli: 20_000, usedGbMilli: 0, remainingGbMilli: 20_000, status: 'active' });
    expect(buy.package.username).toMatch(/\S/);

    const more = await wzx.addGb(buy.package.id, { gb: 2, note: 'extra' }, key());
    expect(more.cost).toBe(180);
    expect(more.package.totalGbMilli).toBe(22_000);
    expect(more.customerBalanceAfter).toBe(2_020);

    const tx = await wzx.listTransactions({ limit: 100 });
    expect(tx.items.some((t) => t.type === 'purchase' && t.amount === 1_800)).toBe(true);
  });

  it('reads live package data, credentials with targeting and usage over time', async () => {
    const u = await wzx.createCustomer({ email: email('usage'), name: 'Usage' }, key());
    await wzx.topUpCustomer(u.id, { amount: 1_000 }, key());
    const { package: p } = await wzx.createPackage({ customerId: u.id, gb: 10 }, key());
    sb.clock.advance(2 * 86_400_000);
    const live = await wzx.getPackage(p.id);
    expect(live.live).toBe(true);
    expect(live.usedGbMilli).toBeGreaterThan(0);
    expect(live.usedGbMilli + live.remainingGbMilli).toBe(live.totalGbMilli);

    const creds = await wzx.getCredentials(p.id, { country: 'TR' });
    expect(creds.targeting.country).toBe('TR');
    expect(creds.http?.port).toBeGreaterThan(0);
    expect(creds.http?.connectionString).toContain('country-TR');

    const usage = await wzx.getUsage(p.id, { duration: '7d', granularity: 'day' });
    expect(usage.points.length).toBeGreaterThan(0);
    expect(usage.points.reduce((s, x) => s + x.usedGbMilli, 0)).toBeGreaterThan(0);
  });

  it('reads pricing tiers and quotes exactly', async () => {
    const book = await wzx.getPricebook();
    expect(book.kind).toBe('whozex');
    if (book.kind !== 'whozex') return;
    expect(book.customPricePerGbMicros).toBe(900_000);
    expect(book.plans.find((p) => p.gb === 10)).toMatchObject({ standardPriceMicros: 2_000_000, vipPriceMicros: 1_600_000, yourPriceMicros: 900_000, totalCost: 900 });
    const q = await wzx.quote({ type: 'traffic', gb: 50 });
    expect(q).toMatchObject({ cost: 4_500, unitPriceMicros: 900_000 });
    expect((await caught(wzx.quote({ type: 'port', basePricePerDayMicros: 1, days: 1 }))).code).toBe('UNSUPPORTED');
  });

  it('registers a webhook with its one-time secret, lists and deletes it', async () => {
    const w = await wzx.registerWebhook({ url: 'https://bot.example.com/webhook', events: ['package.low_gb', 'balance.added'] }, key());
    expect(w.secret).toMatch(/^wxsec_/);
    expect((await wzx.listWebhooks()).items.find((x) => x.id === w.id)).toMatchObject({ events: ['package.low_gb', 'balance.added'] });
    await wzx.deleteWebhook(w.id, key());
    expect((await wzx.listWebhooks()).items.map((x) => x.id)).not.toContain(w.id);
  });

  it('capabilities match what Whozex offers; port methods are UNSUPPORTED', async () => {
    expect(wzx.capabilities).toMatchObject({ kind: 'whozex', billing: 'gb-packages', subUserBalances: true, customerDeduct: true, rotation: false, ports: false });
    expect((await caught(wzx.createPort({ customerId: 'x', countryId: 'y', days: 1 }, key()))).code).toBe('UNSUPPORTED');
    expect((await caught(wzx.rotatePort('x', key()))).code).toBe('UNSUPPORTED');
    expect((await caught(wzx.suspendCustomer('x', key()))).code).toBe('UNSUPPORTED');
  });
});

describe('Whozex failures become actionable errors', () => {
  it('INSUFFICIENT_BALANCE on a package names both amounts and the top-up needed', async () => {
    const u = await wzx.createCustomer({ email: email('poor'), name: 'Poor' }, key());
    await wzx.topUpCustomer(u.id, { amount: 500 }, key());
    const e = await caught(wzx.createPackage({ customerId: u.id, gb: 20 }, key()));
    expect(e.code).toBe('INSUFFICIENT_BALANCE');
    expect(e.message).toBe("This customer's Whozex balance ($5.00) is too low for this package ($18.00). Top up the customer at least $13.00.");
    expect(e.details).toMatchObject({ balance: 500, required: 1_800, shortfall: 1_300 });
  });

  it('INSUFFICIENT_BALANCE on the reseller balance when topping up too much', async () => {
    const u = await wzx.createCustomer({ email: email('big'), name: 'Big' }, key());
    const have = (await wzx.getAccount()).balance;
    const e = await caught(wzx.topUpCustomer(u.id, { amount: have + 1_500 }, key()));
    expect(e.code).toBe('INSUFFICIENT_BALANCE');
    expect(e.message).toMatch(/^Your Whozex balance \(\$[\d,.]+\) is too low for this top-up \(\$[\d,.]+\)\. Top up at least \$15\.00\.$/);
  });

  it('401: rejected key', async () => {
    const p = providerFor(sb, 'whozex', { apiKey: 'wx_live_not_a_real_key_000000000000', accountName: 'Shop Whozex' });
    extra.push(p);
    const e = await caught(p.getAccount());
    expect(e.code).toBe('INVALID_API_KEY');
    expect(e.message).toBe("The API key for 'Shop Whozex' was rejected. Paste a new key in Settings (Upstream accounts → Edit).");
    expect(JSON.stringify(e.toIpc())).not.toContain('wx_live_not_a_real_key');
  });

  it('404: unknown package and sub-user', async () => {
    expect((await caught(wzx.getPackage('PKG-NOPE00'))).code).toBe('NOT_FOUND');
    const e = await caught(wzx.getCustomer('00000000-0000-0000-0000-000000000000'));
    expect(e.code).toBe('NOT_FOUND');
  });

  it('409: duplicate email', async () => {
    const addr = email('dup');
    await wzx.createCustomer({ email: addr, name: 'Dup' }, key());
    const e = await caught(wzx.createCustomer({ email: addr, name: 'Dup' }, key()));
    expect(e.code).toBe('CONFLICT');
    expect(e.field).toBe('email');
  });

  it('400: refused input comes back as INVALID_INPUT', async () => {
    const e = await caught(wzx.createCustomer({ email: 'not-an-email', name: 'X' }, key()));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('Whozex refused');
  });

  it('429 storm: RATE_LIMITED with the retry time after honouring Retry-After', async () => {
    sb.faults.configure({ rateLimitStormRate: 1 });
    const waits: number[] = [];
    const p = providerFor(sb, 'whozex', { http: fastHttp({ sleep: async (ms) => void waits.push(ms), retry: { retries: 2 } }) });
    extra.push(p);
    const e = await caught(p.getAccount());
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.details?.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(waits).toHaveLength(2);
  });

  it('5xx on reads: retried; when it persists, a clear upstream error', async () => {
    sb.faults.configure({ errorRate: 1 });
    const e = await caught(wzx.getAccount());
    expect(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR']).toContain(e.code);
    expect(e.message).toContain("'Whozex Main'");
  });

  it('a package purchase whose connection drops is outcome-unknown; the retry with the same key does not charge twice', async () => {
    const u = await wzx.createCustomer({ email: email('drop'), name: 'Drop' }, key());
    await wzx.topUpCustomer(u.id, { amount: 2_000 }, key());
    const k = key();
    sb.faults.configure({ dropAfterCommitRate: 1 });
    const e = await caught(wzx.createPackage({ customerId: u.id, gb: 10 }, k));
    expect(e.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    sb.faults.reset();
    const replay = await wzx.createPackage({ customerId: u.id, gb: 10 }, k);
    expect(replay.cost).toBe(900);
    expect((await wzx.getCustomer(u.id)).balance).toBe(1_100);
  });

  it('regenerateKey returns the new key; the old one stops working', async () => {
    // a second sandbox so the shared key of the other tests stays valid
    const own = await startSandbox({ autoDeliverWebhooks: false });
    try {
      const p = providerFor(own, 'whozex');
      const { apiKey } = await p.regenerateKey(key());
      expect(apiKey).toMatch(/^wx_live_/);
      expect((await caught(p.getAccount())).code).toBe('INVALID_API_KEY');
      const fresh = providerFor(own, 'whozex', { apiKey });
      expect((await fresh.getAccount()).balance).toBe(15_000);
      await p.close();
      await fresh.close();
    } finally {
      await own.close();
    }
  });
});
