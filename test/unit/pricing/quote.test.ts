import { describe, expect, it } from 'vitest';
import { quote, validateRules, type PricingRules } from '../../../src/main/services/pricing/quote';
import { multiplierInput, marginPercentInput, percentToPpm } from '../../../src/shared/contract/pricing';

const base: PricingRules = {
  mode: 'margin',
  defaultMarginPpm: 200_000,
  port: { marginPpm: null, fixedMicros: null, multiplierPpm: null },
  traffic: { marginPpm: null, fixedMicros: null, multiplierPpm: null },
  countryMarginPpm: new Map(),
};
const rules = (patch: Partial<PricingRules>): PricingRules => ({ ...base, ...patch });

describe('quote engine (the seed examples)', () => {
  it('base $2.00/day × 30 days at 25 % → cost 60.00, price 75.00, margin 15.00', () => {
    const q = quote(rules({ port: { marginPpm: 250_000, fixedMicros: null, multiplierPpm: null } }), { product: 'port', baseRateMicros: 2_000_000, quantity: 30 });
    expect(q).toMatchObject({ cost: 6000, price: 7500, margin: 1500, marginPercent: 25, unitCostMicros: 2_000_000, unitPriceMicros: 2_500_000, belowCost: false, warning: null });
    expect(q.appliedRules).toEqual(['Margin: +25%', '30 days']);
  });

  it('20 % margin on $2.00 → $2.40 (the default margin applies when the product has none)', () => {
    const q = quote(base, { product: 'port', baseRateMicros: 2_000_000, quantity: 1 });
    expect(q.price).toBe(240);
    expect(q.appliedRules).toEqual(['Margin: +20%', '1 day']);
  });

  it('fixed → $3.00 whatever the cost', () => {
    const q = quote(rules({ mode: 'fixed', port: { marginPpm: null, fixedMicros: 3_000_000, multiplierPpm: null } }), { product: 'port', baseRateMicros: 2_000_000, quantity: 1 });
    expect(q.price).toBe(300);
    expect(q.appliedRules).toEqual(['Fixed: $3.00/day', '1 day']);
  });

  it('multiplier 1.5 on $2.00 → $3.00', () => {
    const q = quote(rules({ mode: 'multiplier', port: { marginPpm: null, fixedMicros: null, multiplierPpm: 1_500_000 } }), { product: 'port', baseRateMicros: 2_000_000, quantity: 1 });
    expect(q.price).toBe(300);
    expect(q.appliedRules).toEqual(['Multiplier: ×1.5', '1 day']);
  });
});

describe('quote engine rules', () => {
  it('rounds once, half away from zero, on the whole line (not per unit)', () => {
    // $0.905/GB × 3 GB = $2.715 → cost $2.72 (rounded once), never 3 × $0.91 = $2.73.
    const q = quote(rules({ traffic: { marginPpm: 0, fixedMicros: null, multiplierPpm: null } }), { product: 'traffic', baseRateMicros: 905_000, quantity: 3 });
    expect(q.cost).toBe(272);
    expect(q.price).toBe(272);
    expect(q.appliedRules).toEqual(['Margin: +0%', '3 GB']);
    // 12.5 % on $0.01 × 1 = 1.125 cents → 1 cent; on × 3 = 3.375 → 3 cents; on × 4 = 4.5 → 5 cents.
    const r = rules({ traffic: { marginPpm: 125_000, fixedMicros: null, multiplierPpm: null } });
    expect(quote(r, { product: 'traffic', baseRateMicros: 10_000, quantity: 4 }).price).toBe(5);
    expect(quote(r, { product: 'traffic', baseRateMicros: 10_000, quantity: 3 }).price).toBe(3);
  });

  it('a country override wins over the mode for that country, in any mode', () => {
    const r = rules({ mode: 'fixed', port: { marginPpm: null, fixedMicros: 3_000_000, multiplierPpm: null }, traffic: { marginPpm: null, fixedMicros: 1_000_000, multiplierPpm: null }, countryMarginPpm: new Map([['US', 400_000]]) });
    const q = quote(r, { product: 'port', baseRateMicros: 2_000_000, quantity: 30, country: 'us' });
    expect(q.price).toBe(8400);
    expect(q.appliedRules).toEqual(['Country US: +40%', '30 days']);
    expect(quote(r, { product: 'port', baseRateMicros: 2_000_000, quantity: 30, country: 'DE' }).price).toBe(9000);
  });

  it('applies a customer discount to the price, exactly, before the one rounding', () => {
    const q = quote(rules({ port: { marginPpm: 250_000, fixedMicros: null, multiplierPpm: null } }), { product: 'port', baseRateMicros: 2_000_000, quantity: 30, discountPpm: 100_000 });
    expect(q.price).toBe(6750);
    expect(q.margin).toBe(750);
    expect(q.marginPercent).toBe(12.5);
    expect(q.appliedRules).toEqual(['Margin: +25%', 'Customer discount: -10%', '30 days']);
  });

  it('flags a price below cost with a warning a reseller can act on', () => {
    const q = quote(rules({ mode: 'fixed', port: { marginPpm: null, fixedMicros: 1_500_000, multiplierPpm: null }, traffic: { marginPpm: null, fixedMicros: 1, multiplierPpm: null } }), { product: 'port', baseRateMicros: 2_000_000, quantity: 30 });
    expect(q.belowCost).toBe(true);
    expect(q.margin).toBe(-1500);
    expect(q.warning).toBe('This price ($45.00) is below your cost ($60.00): you would lose $15.00 on this sale.');
  });

  it('refuses a fixed or multiplier pricebook that cannot price a product', () => {
    expect(() => validateRules(rules({ mode: 'fixed', port: { marginPpm: null, fixedMicros: 3_000_000, multiplierPpm: null } }))).toThrow(/fixed price for traffic/);
    expect(() => validateRules(rules({ mode: 'multiplier' }))).toThrow(/multiplier for ports/);
  });

  it('keeps huge amounts exact (bigint), no float drift', () => {
    const q = quote(rules({ traffic: { marginPpm: 333_333, fixedMicros: null, multiplierPpm: null } }), { product: 'traffic', baseRateMicros: 999_999_999, quantity: 100_000 });
    // 999999999 × 100000 µ$ = $99,999,999.90; × 1.333333 = 133,333,299.86666 → 13333329986.666… cents → 13333329987
    expect(q.cost).toBe(9_999_999_990);
    expect(q.price).toBe(13_333_329_987);
  });
});

describe('percent and multiplier inputs', () => {
  it('parse exactly from decimal text or plain numbers', () => {
    expect(percentToPpm('25')).toBe(250_000);
    expect(percentToPpm(12.5)).toBe(125_000);
    expect(marginPercentInput.parse('0.0001')).toBe(1);
    expect(multiplierInput.parse('1.5')).toBe(1_500_000);
    expect(multiplierInput.parse(0.1)).toBe(100_000);
  });
  it('refuse too many decimals, garbage and out-of-range values', () => {
    expect(marginPercentInput.safeParse('12.34567').success).toBe(false);
    expect(marginPercentInput.safeParse('abc').success).toBe(false);
    expect(marginPercentInput.safeParse(-101).success).toBe(false);
    expect(marginPercentInput.safeParse(Number.NaN).success).toBe(false);
    expect(multiplierInput.safeParse(0).success).toBe(false);
  });
});
