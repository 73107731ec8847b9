import { divRoundHalfAway, parseDecimal } from '../../../shared/money';

/**
 * The reseller pricebook and its one price formula. All arithmetic is on integers:
 * per-unit prices in micros, quantities in thousandths, percentages and multipliers in
 * ten-thousandths; the whole charge is one fraction rounded once, half away from zero,
 * to the cent.
 */

export type PricingMode = 'margin' | 'fixed' | 'multiplier';

export interface SectionPricing {
  /** Decimal text, e.g. "20"; null = none of its own, the pricebook's defaultMarginPercent applies. */
  marginPercent: string | null;
  /** Per unit (day or GB), decimal dollars, or null. */
  fixedPrice: string | null;
  multiplier: string | null;
}

export interface Pricebook {
  pricingMode: PricingMode;
  defaultMarginPercent: string;
  portPricing: SectionPricing;
  trafficPricing: SectionPricing;
}

export const DEFAULT_PRICEBOOK: Pricebook = {
  pricingMode: 'margin',
  defaultMarginPercent: '20',
  portPricing: { marginPercent: '20', fixedPrice: null, multiplier: null },
  trafficPricing: { marginPercent: '20', fixedPrice: null, multiplier: null },
};

export interface PriceInput {
  type: 'port' | 'traffic';
  /** Per-unit base price in micros. */
  basePriceMicros: bigint;
  /** Days (port) or GB (traffic), in thousandths. */
  quantityMilli: bigint;
  /** Country override margin, decimal text, if any applies. */
  countryMarginPercent?: string | null;
  countryLabel?: string | null;
  /** Customer discount percent, decimal text, if any. */
  customerDiscountPercent?: string | null;
}

export interface PriceResult {
  baseCents: number;
  resellerCents: number;
  marginCents: number;
  /** Decimal text ("25", "12.5"). */
  marginPercent: string;
  appliedRules: string[];
}

const P4 = 10_000n; // percent and multiplier scale
const HUNDRED_P4 = 100n * P4;
const Q = 1_000n; // quantity scale
const MICROS_PER_CENT = 10_000n;

export function scaled(text: string, digits: number): bigint {
  return parseDecimal(text, digits);
}

/** "25.0000" → "25", "12.5000" → "12.5". */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function p4Text(v: bigint): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const whole = abs / P4;
  const frac = (abs % P4).toString().padStart(4, '0');
  return `${neg ? '-' : ''}${trimDecimal(`${whole}.${frac}`)}`;
}

function quantityRule(type: PriceInput['type'], quantityMilli: bigint): string {
  const text = trimDecimal(`${quantityMilli / Q}.${(quantityMilli % Q).toString().padStart(3, '0')}`);
  if (type === 'port') return `${text} ${text === '1' ? 'day' : 'days'}`;
  return `${text} GB`;
}

function money(micros: bigint): string {
  const cents = divRoundHalfAway(micros, MICROS_PER_CENT);
  return `$${(cents / 100n).toString()}.${(cents % 100n).toString().padStart(2, '0')}`;
}

export function calculatePrice(book: Pricebook, input: PriceInput): PriceResult {
  const section = input.type === 'port' ? book.portPricing : book.trafficPricing;
  const unit = input.type === 'port' ? 'day' : 'GB';
  const rules: string[] = [];
  const base = input.basePriceMicros * input.quantityMilli; // micros × milli
  const baseCents = divRoundHalfAway(base, Q * MICROS_PER_CENT);

  // reseller price before discount = num / den (in micros × milli units, den scales to cents)
  let num: bigint;
  let den: bigint = Q * MICROS_PER_CENT;
  let configuredMargin: string | null = null;
  if (input.countryMarginPercent != null) {
    const m = scaled(input.countryMarginPercent, 4);
    num = base * (HUNDRED_P4 + m);
    den *= HUNDRED_P4;
    configuredMargin = p4Text(m);
    rules.push(`Country override${input.countryLabel ? ` (${input.countryLabel})` : ''}: ${m >= 0n ? '+' : ''}${configuredMargin}%`);
  } else if (book.pricingMode === 'fixed' && section.fixedPrice !== null) {
    num = scaled(section.fixedPrice, 6) * input.quantityMilli;
    rules.push(`Fixed price: ${money(scaled(section.fixedPrice, 6))}/${unit}`);
  } else if (book.pricingMode === 'multiplier' && section.multiplier !== null) {
    const k = scaled(section.multiplier, 4);
    num = base * k;
    den *= P4;
    rules.push(`Multiplier: ×${p4Text(k)}`);
  } else {
    // A section without a margin of its own uses the pricebook's default margin.
    const own = section.marginPercent === null || section.marginPercent === '' ? null : section.marginPercent;
    const m = scaled(own ?? book.defaultMarginPercent, 4);
    num = base * (HUNDRED_P4 + m);
    den *= HUNDRED_P4;
    configuredMargin = p4Text(m);
    rules.push(`Margin: ${m >= 0n ? '+' : ''}${configuredMargin}%`);
  }
  let discounted = false;
  if (input.customerDiscountPercent != null) {
    const d = scaled(input.customerDiscountPercent, 4);
    if (d !== 0n) {
      num *= HUNDRED_P4 - d;
      den *= HUNDRED_P4;
      discounted = true;
      rules.push(`Customer discount: -${p4Text(d)}%`);
    }
  }
  rules.push(quantityRule(input.type, input.quantityMilli));
  const resellerCents = divRoundHalfAway(num, den);
  const marginCents = resellerCents - baseCents;
  const marginPercent =
    configuredMargin !== null && !discounted
      ? configuredMargin
      : baseCents === 0n
        ? '0'
        : p4Text(divRoundHalfAway(marginCents * HUNDRED_P4, baseCents * 100n) * 100n);
  return {
    baseCents: Number(baseCents),
    resellerCents: Number(resellerCents),
    marginCents: Number(marginCents),
    marginPercent,
    appliedRules: rules,
  };
}
