import { randomBytes } from 'node:crypto';
import { LosslessNumber } from 'lossless-json';
import { minorToDecimal } from '../../../shared/money';

/**
 * Money leaves the sandbox as JSON numbers written from exact decimal text (60.00, 2.40),
 * never through a float: a LosslessNumber is emitted verbatim by the serializer.
 */
export function money(cents: number): LosslessNumber {
  return new LosslessNumber(minorToDecimal(cents));
}

/** A plain decimal number from exact text (percentages, GB). */
export function decimal(text: string): LosslessNumber {
  return new LosslessNumber(text);
}

// Native JSON.stringify (fast for 100-item pages) with exact numbers spliced in: each
// LosslessNumber becomes a marked string, then the quotes around it are removed. The marker
// is random per process, so no client-sent text can imitate it.
const MARK = `~n${randomBytes(6).toString('hex')}~`;
const MARKED = new RegExp(`"${MARK}(-?\\d+(?:\\.\\d+)?)"`, 'g');

export function serializePsx(body: unknown): string {
  const text = JSON.stringify(body, (_key, value: unknown) => (value instanceof LosslessNumber ? `${MARK}${value.value}` : value));
  return text === undefined ? 'null' : text.replace(MARKED, '$1');
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
