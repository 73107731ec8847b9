/** Pricing functions other services call (the sale flow quotes with the saved pricebook). */
export { quote, validateRules, type PricingRules, type ProductRules, type QuoteInput } from './quote';
export { applyPatch, customerDiscountPpm, readPricebook, readPricingRules, setCountryOverride, setCustomerDiscount, updatePricebook } from './pricebook-store';
export { createPricingService, quoteWithPricebook, type PricingService } from './pricing-service';
