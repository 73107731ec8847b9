import { PPM, ppmToMultiplier, ppmToPercent, type PricedProduct, type PricingMode, type Quote } from '../../../shared/contract/pricing';
import { AppError } from '../../../shared/errors';
import { divRoundHalfAway, formatMoney, formatRate, MICROS_PER_MINOR, type Micros } from '../../../shared/money';

/**
 * The quote engine: pure, integers only. The price is one exact fraction
 * (rate × quantity × markup × (1 − discount)) in bigint, rounded once, half away from
 * zero, to the cent. Cost is rate × quantity, rounded the same way.
 */

export interface ProductRules {
  /** null: the default margin applies. */
  marginPpm: number | null;
  fixedMicros: Micros | null;
  multiplierPpm: number | null;
}

export interface PricingRules {
  mode: PricingMode;
  defaultMarginPpm: number;
  port: ProductRules;
  traffic: ProductRules;
  /** Margin per upper-case country code; it wins over the mode for that country. */
  countryMarginPpm: ReadonlyMap<string, number>;
}

export interface QuoteInput {
  product: PricedProduct;
  baseRateMicros: Micros;
  quantity: number;
  country?: string | null;
  /** Customer discount in ppm of the price (100000 = 10 %). */
  discountPpm?: number | null;
}

const unitOf = (product: PricedProduct) => (product === 'port' ? 'day' : 'GB');
const signed = (ppm: number) => `${ppm < 0 ? '-' : '+'}${ppmToPercent(Math.abs(ppm))}%`;

function quantityRule(product: PricedProduct, quantity: number): string {
  if (product === 'traffic') return `${quantity} GB`;
  return quantity === 1 ? '1 day' : `${quantity} days`;
}

/** Checks that the mode can price both products; a reseller sees what to fix. */
export function validateRules(rules: PricingRules): void {
  for (const product of ['port', 'traffic'] as const) {
    const p = rules[product];
    const label = product === 'port' ? 'ports (per day)' : 'traffic (per GB)';
    if (rules.mode === 'fixed' && p.fixedMicros === null) {
      throw new AppError('INVALID_INPUT', `Fixed pricing needs a fixed price for ${label}. Set one, or choose another pricing mode.`, { field: `${product}.fixedPriceMicros` });
    }
    if (rules.mode === 'multiplier' && p.multiplierPpm === null) {
      throw new AppError('INVALID_INPUT', `Multiplier pricing needs a multiplier for ${label}. Set one, or choose another pricing mode.`, { field: `${product}.multiplier` });
    }
  }
}

export function quote(rules: PricingRules, input: QuoteInput): Quote {
  const { product, baseRateMicros, quantity } = input;
  if (!Number.isSafeInteger(baseRateMicros) || baseRateMicros < 0) throw new AppError('INVALID_INPUT', 'baseRateMicros: must be a whole, non-negative number of micro-units', { field: 'baseRateMicros' });
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new AppError('INVALID_INPUT', 'quantity: must be a whole number of at least 1', { field: 'quantity' });
  const unit = unitOf(product);
  const own = rules[product];
  const base = BigInt(baseRateMicros);
  const qty = BigInt(quantity);
  const million = BigInt(PPM);
  const rules_: string[] = [];

  // Unit price as the exact fraction num / den (micro-units per unit).
  let num: bigint;
  let den: bigint;
  const countryMargin = input.country ? rules.countryMarginPpm.get(input.country.toUpperCase()) : undefined;
  if (countryMargin !== undefined) {
    num = base * (million + BigInt(countryMargin));
    den = million;
    rules_.push(`Country ${input.country!.toUpperCase()}: ${signed(countryMargin)}`);
  } else if (rules.mode === 'fixed') {
    if (own.fixedMicros === null) throw new AppError('INVALID_INPUT', `No fixed price is set for ${product === 'port' ? 'ports' : 'traffic'}.`, { field: `${product}.fixedPriceMicros` });
    num = BigInt(own.fixedMicros);
    den = 1n;
    // The rate exactly as set (a per-GB rate may have sub-cent digits), with currency and grouping.
    rules_.push(`Fixed: ${formatRate(own.fixedMicros)}/${unit}`);
  } else if (rules.mode === 'multiplier') {
    if (own.multiplierPpm === null) throw new AppError('INVALID_INPUT', `No multiplier is set for ${product === 'port' ? 'ports' : 'traffic'}.`, { field: `${product}.multiplier` });
    num = base * BigInt(own.multiplierPpm);
    den = million;
    rules_.push(`Multiplier: ×${ppmToMultiplier(own.multiplierPpm)}`);
  } else {
    const margin = own.marginPpm ?? rules.defaultMarginPpm;
    num = base * (million + BigInt(margin));
    den = million;
    rules_.push(`Margin: ${signed(margin)}`);
  }

  const discount = input.discountPpm ?? 0;
  if (discount !== 0) {
    num *= million - BigInt(discount);
    den *= million;
    rules_.push(`Customer discount: -${ppmToPercent(discount)}%`);
  }
  rules_.push(quantityRule(product, quantity));

  const perMinor = BigInt(MICROS_PER_MINOR);
  const cost = Number(divRoundHalfAway(base * qty, perMinor));
  const price = Number(divRoundHalfAway(num * qty, den * perMinor));
  const margin = price - cost;
  const marginPercent = cost === 0 ? null : Number(divRoundHalfAway(BigInt(margin) * 10_000n, BigInt(cost))) / 100;
  const belowCost = price < cost;
  return {
    product,
    quantity,
    unit,
    cost,
    price,
    margin,
    marginPercent,
    unitCostMicros: baseRateMicros,
    unitPriceMicros: Number(divRoundHalfAway(num, den)),
    appliedRules: rules_,
    belowCost,
    warning: belowCost
      ? `This price (${formatMoney(price)}) is below your cost (${formatMoney(cost)}): you would lose ${formatMoney(cost - price)} on this sale.`
      : null,
  };
}
