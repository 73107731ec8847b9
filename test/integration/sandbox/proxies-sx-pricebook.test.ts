import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, startPsx, US, type PsxHarness } from './proxies-sx-harness';

let h: PsxHarness;
beforeAll(async () => {
  h = await startPsx();
});
afterAll(async () => h.close());

const calc = (body: Record<string, unknown>) => h.call('POST', '/reseller/pricebook/calculate', { body });

describe('Proxies.sx pricebook', () => {
  it('starts with the documented defaults: margin, 20 / 20 / 20', async () => {
    const res = await h.call('GET', '/reseller/pricebook');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      pricingMode: 'margin',
      defaultMarginPercent: 20,
      portPricing: { marginPercent: 20 },
      trafficPricing: { marginPercent: 20 },
    });
  });

  it('20 % margin on $2.00 is $2.40', async () => {
    const res = await calc({ type: 'port', basePrice: 2.0, days: 1 });
    expect(res.json).toEqual({ basePrice: '2.00', resellerPrice: '2.40', marginAmount: '0.40', marginPercent: 20, appliedRules: ['Margin: +20%', '1 day'] });
  });

  it('PUT as in the guide, then 2.00 × 30 days at 25 % → 60.00 / 75.00 / 15.00 exactly as the seed shows', async () => {
    const put = await h.call('PUT', '/reseller/pricebook', { body: { pricingMode: 'margin', defaultMarginPercent: 25, portPricing: { marginPercent: 25 } } });
    expect(put.status).toBe(200);
    expect(put.json.portPricing.marginPercent).toBe(25);
    const res = await calc({ type: 'port', basePrice: 2.0, days: 30 });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"basePrice":60.00,"resellerPrice":75.00,"marginAmount":15.00,"marginPercent":25,"appliedRules":["Margin: +25%","30 days"]}');
  });

  it('fixed mode charges the fixed price per day regardless of cost: $3.00', async () => {
    await h.call('PUT', '/reseller/pricebook', { body: { pricingMode: 'fixed', portPricing: { fixedPrice: 3.0 } } });
    const res = await calc({ type: 'port', basePrice: 2.0, days: 1 });
    expect(res.json).toMatchObject({ basePrice: '2.00', resellerPrice: '3.00', marginAmount: '1.00', marginPercent: 50 });
    expect(res.json.appliedRules[0]).toBe('Fixed price: $3.00/day');
  });

  it('multiplier 1.5 on $2.00 is $3.00', async () => {
    await h.call('PUT', '/reseller/pricebook', { body: { pricingMode: 'multiplier', portPricing: { multiplier: 1.5 } } });
    const res = await calc({ type: 'port', basePrice: 2.0, days: 1 });
    expect(res.json).toMatchObject({ basePrice: '2.00', resellerPrice: '3.00', marginAmount: '1.00' });
    expect(res.json.appliedRules).toEqual(['Multiplier: ×1.5', '1 day']);
  });

  it('rounds once, half away from zero (2.005/day × 1 at 0 % → 2.01)', async () => {
    await h.call('PUT', '/reseller/pricebook', { body: { pricingMode: 'margin', portPricing: { marginPercent: 0 } } });
    const res = await calc({ type: 'port', basePrice: 2.005, days: 1 });
    expect(res.json).toMatchObject({ basePrice: '2.01', resellerPrice: '2.01' });
    // 0.125 × 3 days = 0.375 → 0.38 at 0 %, and 0.375 × 1.1 = 0.4125 → 0.41 with 10 %: one rounding of the exact total.
    await h.call('PUT', '/reseller/pricebook', { body: { portPricing: { marginPercent: 10 } } });
    const r2 = await calc({ type: 'port', basePrice: 0.125, days: 3 });
    expect(r2.json).toMatchObject({ basePrice: '0.38', resellerPrice: '0.41', marginAmount: '0.03' });
  });

  it('a country override wins for that country; a customer discount comes off the reseller price', async () => {
    await h.call('PUT', '/reseller/pricebook', { body: { pricingMode: 'margin', portPricing: { marginPercent: 25 } } });
    const ov = await h.call('POST', '/reseller/pricebook/country-override', { body: { countryId: US, marginPercent: 40 } });
    expect(ov.status).toBe(201);
    expect(ov.json.countryOverrides).toEqual([{ countryId: US, marginPercent: 40 }]);
    const us = await calc({ type: 'port', basePrice: 2, days: 30, countryId: US });
    expect(us.json).toMatchObject({ basePrice: '60.00', resellerPrice: '84.00', marginAmount: '24.00', marginPercent: 40 });
    expect(us.json.appliedRules).toEqual(['Country override (US): +40%', '30 days']);

    const customerId = await createCustomer(h);
    const d = await h.call('POST', '/reseller/pricebook/customer-discount', { body: { customerId, discountPercent: 10 } });
    expect(d.status).toBe(201);
    const disc = await calc({ type: 'port', basePrice: 2, days: 30, customerId });
    // 75.00 − 10 % = 67.50; margin 7.50 of 60.00 = 12.5 %
    expect(disc.json).toMatchObject({ resellerPrice: '67.50', marginAmount: '7.50', marginPercent: '12.5' });
    expect(disc.json.appliedRules).toEqual(['Margin: +25%', 'Customer discount: -10%', '30 days']);
  });

  it('traffic pricing uses its own section and GB quantities', async () => {
    const res = await calc({ type: 'traffic', basePrice: 1.5, gb: 10 });
    expect(res.json).toMatchObject({ basePrice: '15.00', resellerPrice: '18.00', appliedRules: ['Margin: +20%', '10 GB'] });
  });

  it('refuses bad input with a 400 listing every problem, and changes nothing', async () => {
    const before = (await h.call('GET', '/reseller/pricebook')).text;
    const bad = await h.call('PUT', '/reseller/pricebook', { body: { pricingMode: 'cheap', defaultMarginPercent: 'x', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('Bad Request');
    expect(bad.json.message).toEqual(expect.arrayContaining(['pricingMode must be one of: margin, fixed, multiplier', 'defaultMarginPercent must be a number', 'property extra should not exist']));
    expect((await h.call('GET', '/reseller/pricebook')).text).toBe(before);

    expect((await calc({ type: 'port', basePrice: 2 })).json.message).toContain('days is required when type is "port"');
    expect((await calc({ type: 'port', basePrice: -1, days: 1 })).status).toBe(400);
    expect((await calc({ type: 'port', basePrice: 2, days: 1.5 })).json.message).toContain('days must be an integer');
    expect((await h.call('POST', '/reseller/pricebook/country-override', { body: { countryId: '000000000000000000000000', marginPercent: 5 } })).status).toBe(404);
    expect((await h.call('POST', '/reseller/pricebook/customer-discount', { body: { customerId: '000000000000000000000000', discountPercent: 5 } })).status).toBe(404);
    expect((await h.call('POST', '/reseller/pricebook/customer-discount', { body: { customerId: 'x', discountPercent: 150 } })).json.message).toContain(
      'discountPercent must be between 0 and 100',
    );
  });
});
