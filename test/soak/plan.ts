import { mulberry32 as prng } from '../../src/shared/prng';

/**
 * What the soak does at step i: chosen from a PRNG seeded by (seed, i), so a restarted app
 * process carries on with the same plan. The targets (customer, port, package) are read
 * from the ledger at that moment, as a reseller clicking through the app would pick them.
 */
export type OpKind = 'top-up' | 'deduct' | 'port-create' | 'port-extend' | 'port-rotate' | 'package-create' | 'package-add-gb' | 'payment';

const WEIGHTS: [OpKind, number][] = [
  ['port-create', 22],
  ['port-extend', 12],
  ['port-rotate', 10],
  ['package-create', 16],
  ['package-add-gb', 12],
  ['top-up', 14],
  ['deduct', 4],
  ['payment', 10],
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);

/** mulberry32 (src/shared/prng): small, seedable, good enough to spread choices. */
export { prng };

export function stepRandom(seed: number, i: number): () => number {
  return prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b));
}

export function pickKind(random: () => number): OpKind {
  let r = random() * TOTAL;
  for (const [kind, w] of WEIGHTS) {
    if ((r -= w) < 0) return kind;
  }
  return 'payment';
}

export function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

export const SOAK_CUSTOMERS = 8;
export const customerEmail = (n: number) => `soak-${n}@example.com`;
export const COUNTRIES = ['US', 'DE', 'GB', 'FR'] as const;
export const PROXY_TYPES = ['residential', 'datacenter', 'mobile'] as const;
