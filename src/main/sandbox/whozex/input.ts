import { decimalToMinor, MoneyFormatError } from '../../../shared/money';
import { invalidParams, missingField } from './envelope';

/**
 * Small, explicit readers for bodies and query strings. A missing required field is
 * MISSING_FIELD, anything present but wrong is INVALID_PARAMS; both name the field.
 */

export type Fields = Record<string, unknown>;

export function bodyObject(body: unknown): Fields {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidParams('Request body must be a JSON object');
  return body as Fields;
}

const isAbsent = (v: unknown): boolean => v === undefined || v === null || v === '';

export function requiredString(src: Fields, field: string, max = 255): string {
  const v = src[field];
  if (isAbsent(v)) throw missingField(field);
  return checkString(v, field, max);
}

export function optionalString(src: Fields, field: string, max = 255): string | undefined {
  const v = src[field];
  if (isAbsent(v)) return undefined;
  return checkString(v, field, max);
}

function checkString(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string') throw invalidParams(`${field} must be a string`);
  const s = v.trim();
  if (s.length === 0) throw missingField(field);
  if (s.length > max) throw invalidParams(`${field} must be at most ${max} characters`);
  // Control characters have no business in names, notes or emails.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(s)) throw invalidParams(`${field} contains control characters`);
  return s;
}

/** An integer from a JSON number, or (query strings only) from a digit sequence. */
function toInteger(v: unknown, field: string, fromQuery: boolean): number {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw invalidParams(`${field} must be a whole number`);
    return v;
  }
  if (fromQuery && typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim());
  throw invalidParams(`${field} must be a whole number`);
}

/** A required whole number of a JSON body (a string "10" is refused). */
export function requiredInt(src: Fields, field: string, min: number, max: number): number {
  const v = src[field];
  if (isAbsent(v)) throw missingField(field);
  return rangeChecked(toInteger(v, field, false), field, min, max);
}

/** A required whole number of a query string. */
export function requiredQueryInt(src: Fields, field: string, min: number, max: number): number {
  const v = src[field];
  if (isAbsent(v)) throw missingField(field);
  return rangeChecked(toInteger(v, field, true), field, min, max);
}

/** An optional whole number of a query string (page, limit). */
export function optionalInt(src: Fields, field: string, fallback: number, min: number, max: number): number {
  const v = src[field];
  if (isAbsent(v)) return fallback;
  return rangeChecked(toInteger(v, field, true), field, min, max);
}

function rangeChecked(n: number, field: string, min: number, max: number): number {
  if (n < min || n > max) {
    throw invalidParams(max === Number.MAX_SAFE_INTEGER ? `${field} must be at least ${min}` : `${field} must be between ${min} and ${max}`);
  }
  return n;
}

export function optionalEnum<T extends string>(src: Fields, field: string, allowed: readonly T[], fallback: T): T;
export function optionalEnum<T extends string>(src: Fields, field: string, allowed: readonly T[]): T | undefined;
export function optionalEnum<T extends string>(src: Fields, field: string, allowed: readonly T[], fallback?: T): T | undefined {
  const v = src[field];
  if (isAbsent(v)) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw invalidParams(`${field} must be one of: ${allowed.join(', ')}`);
  }
  return v as T;
}

export function requiredEnum<T extends string>(src: Fields, field: string, allowed: readonly T[]): T {
  if (isAbsent(src[field])) throw missingField(field);
  return optionalEnum(src, field, allowed) as T;
}

const MAX_AMOUNT_CENTS = 100_000_000; // $1,000,000.00 per movement

/**
 * A positive USD amount (JSON number or numeric string) converted exactly to cents:
 * JSON.parse gives the nearest double, whose shortest text is the decimal the client
 * wrote for any amount with 15 or fewer significant digits; finer than a cent is refused.
 */
export function requiredAmount(src: Fields, field: string): number {
  const v = src[field];
  if (isAbsent(v)) throw missingField(field);
  let text: string;
  if (typeof v === 'number' && Number.isFinite(v)) text = String(v);
  else if (typeof v === 'string') text = v.trim();
  else throw invalidParams(`${field} must be a number`);
  let cents: number;
  try {
    cents = decimalToMinor(text);
  } catch (e) {
    if (e instanceof MoneyFormatError) throw invalidParams(`${field} must be a positive amount in USD with at most 2 decimals`);
    throw e;
  }
  if (cents <= 0) throw invalidParams(`${field} must be greater than 0`);
  if (cents > MAX_AMOUNT_CENTS) throw invalidParams(`${field} must be at most 1000000.00`);
  return cents;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requiredEmail(src: Fields, field: string): string {
  const email = requiredString(src, field, 254);
  if (!EMAIL.test(email)) throw invalidParams(`${field} must be a valid email address`);
  return email.toLowerCase();
}
