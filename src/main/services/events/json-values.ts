import { isLosslessNumber, parse } from 'lossless-json';
import { parseDecimal } from '../../../shared/money';

/**
 * Reading upstream JSON without floats: numbers stay decimal text (lossless-json) until
 * they are converted exactly to cents or milli-GB.
 */

export type JsonObject = Record<string, unknown>;

/** Parses JSON text; numbers become LosslessNumber. Throws on malformed text. */
export function parseLossless(text: string): unknown {
  return parse(text);
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);
}

export function obj(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}

export function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isLosslessNumber(v)) return v.value;
  return null;
}

function decimalText(v: unknown): string | null {
  if (isLosslessNumber(v)) return v.value;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function safe(b: bigint): number | null {
  return b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER) ? null : Number(b);
}

/** "45.00" → 4500 (half away from zero past the cent, which upstream money never needs). */
export function minor(v: unknown): number | null {
  const t = decimalText(v);
  if (t === null) return null;
  try {
    return safe(parseDecimal(t, 2, 'half-away'));
  } catch {
    return null;
  }
}

/** GB as decimal text → integer milli-GB. */
export function gbMilli(v: unknown): number | null {
  const t = decimalText(v);
  if (t === null) return null;
  try {
    return safe(parseDecimal(t, 3, 'half-away'));
  } catch {
    return null;
  }
}

export function int(v: unknown): number | null {
  const t = decimalText(v);
  if (t === null || !/^-?\d+$/.test(t)) return null;
  return safe(BigInt(t));
}

/** An ISO string or epoch milliseconds → ISO UTC; null when neither. */
export function isoDate(v: unknown): string | null {
  const ms = int(v);
  if (ms !== null && !(typeof v === 'string')) {
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  return null;
}

/** A JSON value with every number as its exact decimal text: safe to store and show. */
export function plain(v: unknown): unknown {
  if (isLosslessNumber(v)) return v.value;
  if (Array.isArray(v)) return v.map(plain);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
