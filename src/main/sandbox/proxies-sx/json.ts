import { LosslessNumber, stringify } from 'lossless-json';
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

export function serializePsx(body: unknown): string {
  return stringify(body) ?? 'null';
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
