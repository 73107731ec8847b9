import { z } from 'zod';
import { MoneyFormatError, parseDecimal, type Micros, type Minor } from '../money';
import { channel, event, id, noInput } from './define';

/**
 * The local pricebook (one for all upstreams) and the quote calculator. Percentages and
 * multipliers cross as exact decimal text or plain numbers ("25", 12.5, "1.5") and are
 * turned into integers in parts per million (25 % → 250000, ×1.5 → 1500000) before any
 * arithmetic; fixed prices are integer micro-units per day (ports) or per GB (traffic).
 */

export const PRICING_MODES = ['margin', 'fixed', 'multiplier'] as const;
export type PricingMode = (typeof PRICING_MODES)[number];
export const PRICED_PRODUCTS = ['port', 'traffic'] as const;
export type PricedProduct = (typeof PRICED_PRODUCTS)[number];

export const PPM = 1_000_000;

/** "25" (percent) → 250000 ppm; at most 4 decimal places so the result is a whole ppm. */
export function percentToPpm(value: string | number): number {
  return Number(parseDecimal(String(value), 4));
}

/** "1.5" (a multiplier) → 1500000 ppm; at most 6 decimal places. */
export function multiplierToPpm(value: string | number): number {
  return Number(parseDecimal(String(value), 6));
}

function scaledToText(value: number, digits: number): string {
  const negative = value < 0;
  const abs = String(Math.abs(value)).padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

/** 250000 → "25", 125000 → "12.5". */
export const ppmToPercent = (ppm: number): string => scaledToText(ppm, 4);
/** 1500000 → "1.5". */
export const ppmToMultiplier = (ppm: number): string => scaledToText(ppm, 6);

const decimalInput = (what: string, toPpm: (v: string | number) => number, min: number, max: number) =>
  z.union([z.number(), z.string().max(32)]).transform((value, ctx) => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      ctx.addIssue({ code: 'custom', message: `must be a ${what}` });
      return z.NEVER;
    }
    let ppm: number;
    try {
      ppm = toPpm(value);
    } catch (e) {
      const reason = e instanceof MoneyFormatError && /decimal places/.test(e.message) ? `has too many decimal places for a ${what}` : `must be a ${what}`;
      ctx.addIssue({ code: 'custom', message: reason });
      return z.NEVER;
    }
    if (ppm < min || ppm > max) {
      ctx.addIssue({ code: 'custom', message: `must be between ${scaledToText(min, 4)} and ${scaledToText(max, 4)}` });
      return z.NEVER;
    }
    return ppm;
  });

/** A margin in percent (-100 … 10000, up to 4 decimals) parsed to ppm. */
export const marginPercentInput = decimalInput('percentage', percentToPpm, -PPM, 100 * PPM);
/** A customer discount in percent (0 < d ≤ 100) parsed to ppm. */
export const discountPercentInput = decimalInput('percentage', percentToPpm, 0, PPM);
/** A multiplier (0 … 1000, up to 6 decimals) parsed to ppm. */
export const multiplierInput = z.union([z.number(), z.string().max(32)]).transform((value, ctx) => {
  try {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('not finite');
    const ppm = multiplierToPpm(value);
    if (ppm <= 0 || ppm > 1000 * PPM) {
      ctx.addIssue({ code: 'custom', message: 'must be greater than 0 and at most 1000' });
      return z.NEVER;
    }
    return ppm;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a decimal number with at most 6 decimal places' });
    return z.NEVER;
  }
});

export const rateMicrosInput = z
  .number({ message: 'must be a rate in micro-units (an integer)' })
  .int({ message: 'must be a whole number of micro-units' })
  .min(0, { message: 'must not be negative' })
  .max(1_000_000_000_000, { message: 'is too large' });

export const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code' })
  .transform((s) => s.toUpperCase());

const productPatch = z
  .object({
    marginPercent: marginPercentInput.nullable().optional(),
    fixedPriceMicros: rateMicrosInput.nullable().optional(),
    multiplier: multiplierInput.nullable().optional(),
  })
  .strict();

export const pricebookPatchSchema = z
  .object({
    mode: z.enum(PRICING_MODES).optional(),
    defaultMarginPercent: marginPercentInput.optional(),
    port: productPatch.optional(),
    traffic: productPatch.optional(),
  })
  .strict();
export type PricebookPatch = z.output<typeof pricebookPatchSchema>;

/** An unsaved pricebook for the calculator's preview: a patch plus the full override list. */
export const pricebookDraftSchema = pricebookPatchSchema
  .extend({
    countryOverrides: z.array(z.object({ country: countryCode, marginPercent: marginPercentInput }).strict()).max(300).optional(),
  })
  .strict();
export type PricebookDraft = z.output<typeof pricebookDraftSchema>;

export const quoteInputSchema = z
  .object({
    product: z.enum(PRICED_PRODUCTS),
    /** Wholesale rate per day (ports) or per GB (traffic), in micro-units. */
    baseRateMicros: rateMicrosInput,
    /** Days (ports) or GB (traffic). */
    quantity: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).max(100_000),
    country: countryCode.nullable().optional(),
    customerId: id.nullable().optional(),
    /** Overrides the customer's saved discount (e.g. while editing it). */
    discountPercent: discountPercentInput.nullable().optional(),
    draft: pricebookDraftSchema.optional(),
  })
  .strict();
export type QuoteRequest = z.output<typeof quoteInputSchema>;

export interface ProductPricing {
  /** null: the default margin applies. */
  marginPercent: string | null;
  fixedPriceMicros: Micros | null;
  multiplier: string | null;
}

export interface CountryOverride {
  country: string;
  marginPercent: string;
}

export interface Pricebook {
  mode: PricingMode;
  defaultMarginPercent: string;
  port: ProductPricing;
  traffic: ProductPricing;
  countryOverrides: CountryOverride[];
  updatedAt: string;
}

export interface Quote {
  product: PricedProduct;
  quantity: number;
  unit: 'day' | 'GB';
  /** Wholesale cost, rounded once to the cent. */
  cost: Minor;
  /** Resale price, rounded once to the cent. */
  price: Minor;
  margin: Minor;
  /** margin / cost × 100, to 2 decimals (display only); null when the cost is zero. */
  marginPercent: number | null;
  unitCostMicros: Micros;
  unitPriceMicros: Micros;
  appliedRules: string[];
  belowCost: boolean;
  warning: string | null;
}

export interface CustomerDiscount {
  customerId: string;
  discountPercent: string | null;
}

export const pricingChannels = {
  'pricing:get': channel<Pricebook>()(noInput),
  'pricing:update': channel<Pricebook>()(pricebookPatchSchema),
  /**
   * Saves the editor's whole pricebook at once: the patch and, when given, the complete
   * list of country overrides (those not listed are removed), in one transaction, so a
   * refusal leaves the saved pricebook as it was.
   */
  'pricing:save': channel<Pricebook>()(pricebookDraftSchema),
  'pricing:quote': channel<Quote>()(quoteInputSchema),
  /** marginPercent null removes the override. */
  'pricing:set-country-override': channel<Pricebook>()(
    z.object({ country: countryCode, marginPercent: marginPercentInput.nullable() }).strict(),
  ),
  /** discountPercent null removes the discount. */
  'pricing:set-customer-discount': channel<CustomerDiscount>()(
    z.object({ customerId: id, discountPercent: discountPercentInput.nullable() }).strict(),
  ),
};

export const pricingEvents = {
  'event:pricebook-changed': event<Pricebook>(),
};
