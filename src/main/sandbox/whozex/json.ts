import { LosslessNumber, stringify } from 'lossless-json';
import { microsToDecimal, minorToDecimal } from '../../../shared/money';

/**
 * Whozex answers money as JSON numbers with two decimals (`150.00`, `0.90`). A JS
 * number cannot carry "150.00", so money leaves as a LosslessNumber holding the exact
 * decimal text and the reply serializer writes that text verbatim.
 */
export type JsonMoney = LosslessNumber;

/** Cents → `12.50`. */
export function money(cents: number): JsonMoney {
  return new LosslessNumber(minorToDecimal(cents));
}

/** Micros per GB → `0.90` (at least two decimals, more only when the rate has them). */
export function rate(micros: number): JsonMoney {
  return new LosslessNumber(microsToDecimal(micros));
}

/** Megabytes → GB with up to three decimals (`12.345`, `20`). */
export function gbFromMb(mb: number): LosslessNumber {
  const whole = Math.trunc(mb / 1000);
  const frac = String(Math.abs(mb % 1000)).padStart(3, '0').replace(/0+$/, '');
  return new LosslessNumber(frac ? `${whole}.${frac}` : String(whole));
}

/** The serializer of every Whozex answer and webhook body. */
export function toJson(value: unknown): string {
  return stringify(value) ?? 'null';
}
