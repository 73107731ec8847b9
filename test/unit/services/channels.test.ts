import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordSale } from '../../../src/main/services/money';
import { createTestApp, type TestApp } from '../../support/app';

/** The customers, money and pricing channels through the real dispatcher (validation included). */
describe('customers, money and pricing channels', () => {
  let app: TestApp;
  const call = async (channel: string, input?: unknown) => app.dispatch(channel, input);
  const value = async <T,>(channel: string, input?: unknown): Promise<T> => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  beforeEach(async () => {
    app = await createTestApp();
    const now = app.clock.now().toISOString();
    app.ctx.ledger.sqlite.prepare("INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES ('psx', 'proxies-sx', 'Main', 'http://127.0.0.1', ?, ?)").run(now, now);
  });
  afterEach(() => app.close());

  it('creates a customer, records money and shows it in the profile, list and statement', async () => {
    const seen: string[] = [];
    app.ctx.bus.subscribe((name) => seen.push(name));
    const c = await value<{ id: string; status: string }>('customers:create', { email: 'john@company.com', name: 'John Smith', company: 'Acme Corp', externalId: 'CRM-12345', portSlotQuota: 10 });
    expect(c.status).toBe('active');
    const dup = await call('customers:create', { email: 'JOHN@company.com', name: 'Other' });
    expect(dup).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'A customer with this email already exists', field: 'email' } });

    const paid = await value<{ customer: { credit: number } }>('payments:record', { customerId: c.id, amount: 10000, method: 'card', reference: 'ch_1' });
    expect(paid.customer.credit).toBe(10000);
    recordSale(app.ctx.ledger.sqlite, { customerId: c.id, accountId: 'psx', product: 'port', quantity: 30, unit: 'day', cost: 6000, price: 7500 }, app.clock.now());
    const refund = await call('money:refund', { customerId: c.id, amount: 3000 });
    expect(refund.ok ? null : refund.error.code).toBe('INSUFFICIENT_BALANCE');
    await value('money:refund', { customerId: c.id, amount: 2500, method: 'card' });

    const profile = await value<{ credit: number; receivable: number; counts: { sales: number } }>('customers:get', { id: c.id });
    expect(profile).toMatchObject({ credit: 0, receivable: 0, counts: { sales: 1 } });
    const page = await value<{ total: number; items: { email: string }[] }>('customers:list', { search: 'acme' });
    expect(page.total).toBe(1);
    const statement = await value<{ lines: { kind: string }[]; closingBalance: number }>('customers:statement', { customerId: c.id });
    expect(statement.lines.map((l) => l.kind)).toEqual(['payment', 'sale', 'refund']);
    expect(statement.closingBalance).toBe(0);

    await value('money:deposit', { accountId: 'psx', amount: 50000 });
    const books = await value<{ revenue: number; cost: number; profit: number; upstreams: { accountId: string; balance: number }[] }>('ledger:balances');
    expect(books).toMatchObject({ revenue: 7500, cost: 6000, profit: 1500 });
    expect(books.upstreams).toEqual([expect.objectContaining({ accountId: 'psx', balance: 44000 })]);

    const suspended = await value<{ status: string }>('customers:set-status', { id: c.id, status: 'suspended' });
    expect(suspended.status).toBe('suspended');
    expect(seen).toContain('event:customer-changed');
    expect(seen).toContain('event:money-changed');
  });

  it('refuses bad input before any handler runs, writing nothing', async () => {
    const c = await value<{ id: string }>('customers:create', { email: 'a@b.test', name: 'A' });
    const count = () => app.ctx.ledger.sqlite.prepare('SELECT (SELECT count(*) FROM transactions) + (SELECT count(*) FROM customers)').pluck().get();
    const before = count();
    const cases: [string, unknown, string][] = [
      ['payments:record', { customerId: c.id, amount: 12.5, method: 'card' }, 'amount'],
      ['payments:record', { customerId: c.id, amount: 100, method: 'paypal' }, 'method'],
      ['payments:record', { customerId: c.id, amount: 100, method: 'card', extra: true }, ''],
      ['money:credit-note', { customerId: c.id, amount: -1 }, 'amount'],
      ['customers:create', { email: 'nope', name: 'X' }, 'email'],
      ['customers:list', { limit: 1000 }, 'limit'],
      ['pricing:update', { defaultMarginPercent: '12.345678' }, 'defaultMarginPercent'],
      ['pricing:quote', { product: 'port', baseRateMicros: 2.5, quantity: 30 }, 'baseRateMicros'],
      ['pricing:set-country-override', { country: 'USA', marginPercent: 40 }, 'country'],
    ];
    for (const [channel, input, field] of cases) {
      const r = await call(channel, input);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) {
        expect(r.error.code, channel).toBe('INVALID_INPUT');
        if (field) expect(r.error.field, channel).toBe(field);
      }
    }
    expect(count()).toBe(before);
  });

  it('quotes with the saved pricebook, a draft, country overrides and customer discounts', async () => {
    const book = await value<{ mode: string; defaultMarginPercent: string }>('pricing:get');
    expect(book).toMatchObject({ mode: 'margin', defaultMarginPercent: '20' });
    const q20 = await value<{ price: number }>('pricing:quote', { product: 'port', baseRateMicros: 2_000_000, quantity: 1 });
    expect(q20.price).toBe(240);

    await value('pricing:update', { defaultMarginPercent: 25, port: { marginPercent: null } });
    const q = await value<{ cost: number; price: number; margin: number; appliedRules: string[] }>('pricing:quote', { product: 'port', baseRateMicros: 2_000_000, quantity: 30 });
    expect(q).toMatchObject({ cost: 6000, price: 7500, margin: 1500, appliedRules: ['Margin: +25%', '30 days'] });

    // The calculator previews unsaved changes without saving them.
    const draft = await value<{ price: number; belowCost: boolean }>('pricing:quote', { product: 'port', baseRateMicros: 2_000_000, quantity: 1, draft: { mode: 'multiplier', port: { multiplier: '1.5' }, traffic: { multiplier: 2 } } });
    expect(draft.price).toBe(300);
    expect((await value<{ mode: string }>('pricing:get')).mode).toBe('margin');
    const badDraft = await call('pricing:quote', { product: 'port', baseRateMicros: 2_000_000, quantity: 1, draft: { mode: 'fixed' } });
    expect(badDraft.ok ? null : badDraft.error.code).toBe('INVALID_INPUT');

    const fixed = await value<{ mode: string; port: { fixedPriceMicros: number } }>('pricing:update', { mode: 'fixed', port: { fixedPriceMicros: 3_000_000 }, traffic: { fixedPriceMicros: 1_000_000 } });
    expect(fixed.port.fixedPriceMicros).toBe(3_000_000);
    expect((await value<{ price: number }>('pricing:quote', { product: 'port', baseRateMicros: 2_000_000, quantity: 1 })).price).toBe(300);

    const withUs = await value<{ countryOverrides: unknown[] }>('pricing:set-country-override', { country: 'us', marginPercent: '40' });
    expect(withUs.countryOverrides).toEqual([{ country: 'US', marginPercent: '40' }]);
    expect((await value<{ price: number }>('pricing:quote', { product: 'port', baseRateMicros: 2_000_000, quantity: 30, country: 'US' })).price).toBe(8400);

    const c = await value<{ id: string }>('customers:create', { email: 'vip@b.test', name: 'VIP' });
    const told: unknown[] = [];
    const stop = app.ctx.bus.subscribe((name, payload) => name === 'event:customer-changed' && told.push(payload));
    expect(await value('pricing:set-customer-discount', { customerId: c.id, discountPercent: 10 })).toEqual({ customerId: c.id, discountPercent: '10' });
    stop();
    // Open screens showing this customer hear about it.
    expect(told).toEqual([{ customerId: c.id }]);
    const discounted = await value<{ price: number; appliedRules: string[] }>('pricing:quote', { product: 'port', baseRateMicros: 2_000_000, quantity: 30, customerId: c.id });
    expect(discounted.price).toBe(8100);
    expect(discounted.appliedRules).toEqual(['Fixed: $3.00/day', 'Customer discount: -10%', '30 days']);
    expect((await value<{ discountPercent: string | null }>('customers:get', { id: c.id })).discountPercent).toBe('10');

    const below = await value<{ belowCost: boolean; warning: string }>('pricing:quote', { product: 'port', baseRateMicros: 4_000_000, quantity: 1 });
    expect(below.belowCost).toBe(true);
    expect(below.warning).toMatch(/below your cost/);
  });
});
