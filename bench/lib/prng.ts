import { mulberry32 } from '../../src/shared/prng';

/** The app's seeded PRNG (mulberry32): the same seed gives the same data set on every machine. */
export const prng = mulberry32;

export type Random = () => number;

export const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

/** A UUID-shaped id from the PRNG (random B-tree positions, like the app's randomUUID()). */
export function uuid(r: Random): string {
  const hex = (n: number) => Math.floor(r() * 16 ** n).toString(16).padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

/**
 * A time-ordered UUID (version 7 layout: 48-bit milliseconds, then random bits). Journal
 * rows are generated in time order, so their primary keys append instead of landing at
 * random pages: the data set builds several times faster.
 */
export function uuid7(ms: number, r: Random): string {
  const t = Math.floor(ms).toString(16).padStart(12, '0');
  const hex = (n: number) => Math.floor(r() * 16 ** n).toString(16).padStart(n, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}
