import type { pricingChannels } from '../../../shared/contract/pricing';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

/** Percentages and multipliers arrive already parsed to integer ppm by the contract's schemas. */
export function createPricingHandlers(ctx: AppContext): Pick<Handlers, keyof typeof pricingChannels> {
  return {
    'pricing:get': () => ctx.pricing.get(),
    'pricing:update': (patch) => ctx.pricing.update(patch),
    'pricing:save': (draft) => ctx.pricing.save(draft),
    'pricing:quote': (request) => ctx.pricing.quote(request),
    'pricing:set-country-override': ({ country, marginPercent }) => ctx.pricing.setCountryOverride(country, marginPercent),
    'pricing:set-customer-discount': ({ customerId, discountPercent }) => ctx.pricing.setCustomerDiscount(customerId, discountPercent),
  };
}
