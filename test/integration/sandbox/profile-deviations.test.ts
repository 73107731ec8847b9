import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSX_COUNTRY_IDS } from '../../../src/main/sandbox';
import { startProfile, type ProfileHarness } from './profile-harness';

const US = PSX_COUNTRY_IDS.US!;
const DAY = 86_400_000;

for (const profile of ['documented', 'extended'] as const) {
  describe(`sandbox deviations fixed (${profile})`, () => {
    let h: ProfileHarness;
    beforeAll(async () => {
      h = await startProfile(profile);
    });
    afterAll(async () => h.close());
    const quote = async () => (await h.psx('POST', '/reseller/pricebook/calculate', { body: { type: 'port', basePrice: 2, days: 30 } })).json;

    it('defaultMarginPercent prices a section that has no margin of its own (quote and port)', async () => {
      const put = await h.psx('PUT', '/reseller/pricebook', { body: { pricingMode: 'margin', defaultMarginPercent: 30, portPricing: { marginPercent: null } } });
      expect(put.status, put.text).toBe(200);
      expect(put.json.portPricing.marginPercent).toBeNull();
      expect((await h.psx('GET', '/reseller/pricebook')).json).toMatchObject({ defaultMarginPercent: 30, portPricing: { marginPercent: null } });
      expect(await quote()).toMatchObject({ basePrice: '60.00', resellerPrice: '78.00', appliedRules: ['Margin: +30%', '30 days'] });
      const c = await h.psx('POST', '/reseller/customers', { body: { email: `dm_${profile}@example.com`, name: 'DM', allocatedPortSlots: 1 } });
      const port = await h.psx('POST', '/reseller/ports', { body: { customerId: c.json._id, countryId: US, days: 30 } });
      expect(port.json.pricing).toMatchObject({ costToReseller: '60.00', resellerPrice: '78.00' });
      // A section margin of its own still wins over the default.
      await h.psx('PUT', '/reseller/pricebook', { body: { portPricing: { marginPercent: 25 } } });
      expect((await quote()).resellerPrice).toBe('75.00');
    });

    it('null clears fixedPrice and multiplier, and a re-read shows exactly what was sent (the push converges)', async () => {
      await h.psx('PUT', '/reseller/pricebook', { body: { pricingMode: 'fixed', portPricing: { marginPercent: 20, fixedPrice: 3 } } });
      expect((await quote()).resellerPrice).toBe('90.00');
      const cleared = await h.psx('PUT', '/reseller/pricebook', { body: { portPricing: { fixedPrice: null } } });
      expect(cleared.status, cleared.text).toBe(200);
      expect(cleared.json.portPricing.fixedPrice).toBeNull();
      expect((await quote()).resellerPrice).toBe('72.00'); // no fixed price left: the margin applies
      await h.psx('PUT', '/reseller/pricebook', { body: { pricingMode: 'multiplier', portPricing: { multiplier: 1.5 } } });
      expect((await quote()).resellerPrice).toBe('90.00');
      const none = await h.psx('PUT', '/reseller/pricebook', { body: { portPricing: { multiplier: null } } });
      expect(none.status).toBe(200);
      expect((await h.psx('GET', '/reseller/pricebook')).json.portPricing).toEqual({ marginPercent: 20, fixedPrice: null, multiplier: null });
    });

    it('Whozex usage takes every documented duration × granularity, 7d at minute included', async () => {
      const user = (await h.wzx('POST', '/users', { body: { email: `u_${profile}@example.com` } })).json.data.id as string;
      await h.wzx('POST', `/users/${user}/balance`, { body: { action: 'add', amount: 50 } });
      const pkg = (await h.wzx('POST', `/users/${user}/packages`, { body: { gb: 10 } })).json.data.id as string;
      h.sandbox.clock.advance(8 * DAY);
      const points = { minute: 1440, hour: 24, day: 1 } as const;
      for (const [d, days] of [['1d', 1], ['7d', 7], ['30d', 30]] as const) {
        for (const g of ['minute', 'hour', 'day'] as const) {
          const r = await h.wzx('GET', `/packages/${pkg}/usage?duration=${d}&granularity=${g}`);
          expect(r.status, `${d} ${g}: ${r.text.slice(0, 200)}`).toBe(200);
          expect(r.json.data.usage.length, `${d} ${g}`).toBeGreaterThanOrEqual(days * points[g]);
        }
      }
      // Credentials: a city alone is targeting too (the seed lists country and city as separate parameters).
      const city = await h.wzx('GET', `/packages/${pkg}/credentials?city=Istanbul`);
      expect(city.status, city.text).toBe(200);
      expect(city.json.data.targeting).toEqual({ country: null, city: 'Istanbul' });
      expect(city.json.data.http.connection_string).toMatch(/_city-istanbul$/);
    });
  });
}
