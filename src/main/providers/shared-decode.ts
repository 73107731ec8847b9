/** Decoding helpers both adapters use on lossless-parsed answers. */
import { AppError } from '../../shared/errors';
import { minorToDecimal, type Minor } from '../../shared/money';
import { jsonNumber, type LosslessNumber } from './http/json';
import type { JsonReader } from './http/reader';

/** The list inside a page answer: the data itself, a named field, or its only array field. */
export function listIn(data: JsonReader, ...names: string[]): JsonReader[] {
  if (data.isArray()) return data.items();
  for (const n of names) if (data.has(n) && data.at(n).isArray()) return data.at(n).items();
  if (data.isObject()) {
    const arrays = Object.keys(data.value as object).filter((k) => k !== 'pagination' && data.at(k).isArray());
    if (arrays.length === 1) return data.at(arrays[0]!).items();
  }
  return data.fail(`expected a list (${names.join(' / ')})`);
}

/** Positive whole cents → an exact JSON number ("12.50"). */
export function moneyOut(amount: Minor, field: string): LosslessNumber {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new AppError('INVALID_INPUT', 'The amount must be a positive amount of cents.', { field });
  }
  return jsonNumber(minorToDecimal(amount));
}

export function wholeOut(n: number, field: string, min = 1): number {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new AppError('INVALID_INPUT', `${field} must be a whole number of at least ${min}.`, { field });
  }
  return n;
}

/** Drops undefined values so optional fields are not sent. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as Partial<T>;
}
