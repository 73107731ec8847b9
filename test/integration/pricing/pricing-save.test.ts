import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pricebook } from '../../../src/shared/contract/pricing';
import { createTestApp, type TestApp } from '../../support/app';

describe('saving the pricebook editor (pricing:save)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });
  const book = async () => (await app.dispatch('pricing:get', undefined)) as { ok: true; value: Pricebook };

  it('saves the patch and replaces the country overrides in one go', async () => {
    await app.dispatch('pricing:set-country-override', { country: 'DE', marginPercent: 15 });
    await app.dispatch('pricing:set-country-override', { country: 'FR', marginPercent: 12 });
    const saved = await app.dispatch('pricing:save', {
      mode: 'margin',
      defaultMarginPercent: '30',
      countryOverrides: [
        { country: 'us', marginPercent: '40' },
        { country: 'DE', marginPercent: '18.5' },
      ],
    });
    expect(saved.ok).toBe(true);
    const { value } = await book();
    expect(value.defaultMarginPercent).toBe('30');
    // FR was not listed any more: removed; DE changed; US added (upper-cased).
    expect(value.countryOverrides).toEqual([
      { country: 'DE', marginPercent: '18.5' },
      { country: 'US', marginPercent: '40' },
    ]);
  });

  it('changes nothing when any part is refused', async () => {
    await app.dispatch('pricing:set-country-override', { country: 'DE', marginPercent: 15 });
    const before = (await book()).value;
    const twice = await app.dispatch('pricing:save', {
      defaultMarginPercent: '99',
      countryOverrides: [
        { country: 'US', marginPercent: '40' },
        { country: 'us', marginPercent: '41' },
      ],
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'countryOverrides.1.country' } });
    const badOverride = await app.dispatch('pricing:save', { defaultMarginPercent: '99', countryOverrides: [{ country: 'US', marginPercent: 'lots' }] });
    expect(badOverride).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'countryOverrides.0.marginPercent' } });
    // A fixed-price mode without a fixed price is refused by the rules check inside the transaction.
    const noPrice = await app.dispatch('pricing:save', { mode: 'fixed', countryOverrides: [] });
    expect(noPrice.ok).toBe(false);
    expect((await book()).value).toEqual(before);
  });
});
