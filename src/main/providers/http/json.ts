/**
 * JSON in and out of the upstreams without a float ever holding money: numbers are
 * parsed as their decimal TEXT (lossless-json's LosslessNumber) and written back from
 * exact decimal text, so `150.00`, `0.90` and `1.005` reach the money helpers digit by digit.
 */
import { LosslessNumber, isLosslessNumber, parse, stringify } from 'lossless-json';

export { LosslessNumber, isLosslessNumber };

/** Parses JSON keeping every number as a LosslessNumber (its exact text). Throws SyntaxError. */
export function parseJsonLossless(text: string): unknown {
  return parse(text, null, (digits) => new LosslessNumber(digits));
}

/** A JSON number written exactly as the given decimal text ("75.00", "0.905", "30"). */
export function jsonNumber(decimalText: string): LosslessNumber {
  return new LosslessNumber(decimalText);
}

/** Serialises a request body; LosslessNumber values are written as their text. */
export function stringifyJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError('request body is not serialisable');
  return text;
}
