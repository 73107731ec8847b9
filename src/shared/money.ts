/**
 * Money is integers only. Amounts are minor units (cents for USD); per-unit rates
 * (per day, per GB) are micro-units (1 USD = 1_000_000 micros) because a rate such
 * as $0.905/GB has no exact cent value. No float ever holds money: decimal text from
 * upstream JSON is converted digit by digit, and a charge is rounded exactly once,
 * half away from zero, when it is made.
 */

/** Integer amount in minor units (cents). */
export type Minor = number;
/** Integer rate in micro-units of the currency (1 USD = 1_000_000). */
export type Micros = number;

export const MINOR_DIGITS = 2;
export const MICRO_DIGITS = 6;
export const MICROS_PER_MINOR = 10_000;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

export class MoneyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyFormatError';
  }
}

/**
 * Parses decimal text ("150.00", "-0.9", "1.005") into an integer scaled by 10^digits.
 * With `rounding: 'exact'` (the default) text with more fractional digits than the
 * scale holds is refused instead of silently rounded.
 */
export function parseDecimal(
  text: string,
  digits: number,
  rounding: 'exact' | 'half-away' = 'exact',
): bigint {
  const trimmed = text.trim();
  const m = DECIMAL.exec(trimmed);
  if (!m) throw new MoneyFormatError(`"${text}" is not a decimal number`);
  const [, sign, whole, frac = ''] = m;
  const kept = frac.slice(0, digits).padEnd(digits, '0');
  const dropped = frac.slice(digits);
  let value = BigInt(whole + kept);
  if (dropped.replace(/0/g, '') !== '') {
    if (rounding === 'exact') {
      throw new MoneyFormatError(`"${text}" has more than ${digits} decimal places`);
    }
    if (dropped.charCodeAt(0) >= 53 /* '5' */) value += 1n;
  }
  return sign === '-' ? -value : value;
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyFormatError(`${what} is too large`);
  }
  return Number(value);
}

/** "150.00" → 15000. Refuses sub-cent text. */
export function decimalToMinor(text: string): Minor {
  return toSafeNumber(parseDecimal(text, MINOR_DIGITS), 'amount');
}

/** "0.905" → 905000. Refuses text finer than a micro-unit. */
export function decimalToMicros(text: string): Micros {
  return toSafeNumber(parseDecimal(text, MICRO_DIGITS), 'rate');
}

function formatScaled(value: bigint, digits: number): string {
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? '.' + frac : ''}`;
}

/** 1250 → "12.50", -1250 → "-12.50": exact decimal text, dot separator, no grouping. */
export function minorToDecimal(minor: Minor): string {
  assertMinor(minor);
  return formatScaled(BigInt(minor), MINOR_DIGITS);
}

/** 905000 → "0.905" (trailing zeros beyond cents trimmed). */
export function microsToDecimal(micros: Micros): string {
  assertMicros(micros);
  const full = formatScaled(BigInt(micros), MICRO_DIGITS);
  return full.replace(/(\.\d\d\d*?)0+$/, '$1');
}

/** Division of integers rounded half away from zero: the one rounding rule of the app. */
export function divRoundHalfAway(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  // floor((2n + d) / 2d) rounds an exact half up, i.e. away from zero on the magnitude.
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** Micro-units to minor units, rounded once, half away from zero. */
export function microsToMinor(micros: bigint | number): Minor {
  return toSafeNumber(divRoundHalfAway(BigInt(micros), BigInt(MICROS_PER_MINOR)), 'amount');
}

export function minorToMicros(minor: Minor): Micros {
  assertMinor(minor);
  return minor * MICROS_PER_MINOR;
}

export function isMinor(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertMinor(value: number): void {
  if (!Number.isSafeInteger(value)) throw new MoneyFormatError(`${value} is not an integer amount of cents`);
}

export function assertMicros(value: number): void {
  if (!Number.isSafeInteger(value)) throw new MoneyFormatError(`${value} is not an integer rate in micro-units`);
}

const CURRENCY_SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/**
 * Display form for people: "$1,234.50", "-$12.50", "€3.00". Always two decimals and the
 * currency. Grouping is done on the exact decimal text, never through a float.
 */
export function formatMoney(minor: Minor, currency = 'USD'): string {
  const text = minorToDecimal(minor);
  const negative = text.startsWith('-');
  const [whole, frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = CURRENCY_SYMBOL[currency];
  const body = symbol ? `${symbol}${grouped}.${frac}` : `${grouped}.${frac} ${currency}`;
  return negative ? `-${body}` : body;
}

/**
 * A per-unit rate exactly as held, for a hint next to its rounded price: 12_300 →
 * "$0.0123", 905_000 → "$0.905", 2_000_000 → "$2.00". Built on formatMoney (currency,
 * grouping, at least two decimals), with the rate's further micro-unit digits after the
 * cents; split with integer arithmetic so no digit is lost to a float.
 */
export function formatRate(micros: Micros, currency = 'USD'): string {
  assertMicros(micros);
  const value = BigInt(micros);
  const cents = value / BigInt(MICROS_PER_MINOR);
  const rest = value % BigInt(MICROS_PER_MINOR);
  const subCent = (rest < 0n ? -rest : rest).toString().padStart(MICRO_DIGITS - MINOR_DIGITS, '0').replace(/0+$/, '');
  const text = formatMoney(Number(cents), currency).replace(/\.(\d\d)/, `.$1${subCent}`);
  // Less than a cent below zero: the cents part alone (0) has lost the sign.
  return micros < 0 && cents === 0n ? `-${text}` : text;
}

/** Sum of integer amounts; throws rather than lose precision. */
export function sumMinor(values: Iterable<Minor>): Minor {
  let total = 0n;
  for (const v of values) {
    assertMinor(v);
    total += BigInt(v);
  }
  return toSafeNumber(total, 'total');
}
