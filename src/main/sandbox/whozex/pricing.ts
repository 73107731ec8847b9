import { microsToMinor } from '../../../shared/money';

export const PROXY_TYPES = ['residential', 'datacenter', 'mobile'] as const;
export type ProxyType = (typeof PROXY_TYPES)[number];

export interface Tier {
  gb: number;
  standardMicros: number;
  vipMicros: number;
}

/**
 * Tier prices per GB, by proxy type. The residential 10 GB and 100 GB rows are the
 * seed's (2.00/1.60, 1.00/0.80); 20 GB at 1.50 standard matches the seed's purchase
 * example. A purchase is priced at the largest tier it reaches (below 10 GB: the 10 GB tier).
 */
export const TIERS: Record<ProxyType, readonly Tier[]> = {
  residential: [
    { gb: 10, standardMicros: 2_000_000, vipMicros: 1_600_000 },
    { gb: 20, standardMicros: 1_500_000, vipMicros: 1_200_000 },
    { gb: 50, standardMicros: 1_250_000, vipMicros: 1_000_000 },
    { gb: 100, standardMicros: 1_000_000, vipMicros: 800_000 },
    { gb: 500, standardMicros: 800_000, vipMicros: 640_000 },
  ],
  datacenter: [
    { gb: 10, standardMicros: 1_000_000, vipMicros: 800_000 },
    { gb: 20, standardMicros: 750_000, vipMicros: 600_000 },
    { gb: 50, standardMicros: 625_000, vipMicros: 500_000 },
    { gb: 100, standardMicros: 500_000, vipMicros: 400_000 },
    { gb: 500, standardMicros: 400_000, vipMicros: 320_000 },
  ],
  mobile: [
    { gb: 10, standardMicros: 4_000_000, vipMicros: 3_200_000 },
    { gb: 20, standardMicros: 3_000_000, vipMicros: 2_400_000 },
    { gb: 50, standardMicros: 2_500_000, vipMicros: 2_000_000 },
    { gb: 100, standardMicros: 2_000_000, vipMicros: 1_600_000 },
    { gb: 500, standardMicros: 1_600_000, vipMicros: 1_280_000 },
  ],
};

export interface PricingProfile {
  isVip: boolean;
  customPriceMicros: number | null;
}

export function tierFor(proxyType: ProxyType, gb: number): Tier {
  const tiers = TIERS[proxyType];
  let chosen = tiers[0]!;
  for (const t of tiers) if (gb >= t.gb) chosen = t;
  return chosen;
}

/** The reseller's price per GB: custom when set, else the VIP or standard tier. */
export function effectivePriceMicros(profile: PricingProfile, proxyType: ProxyType, gb: number): number {
  if (profile.customPriceMicros !== null) return profile.customPriceMicros;
  const tier = tierFor(proxyType, gb);
  return profile.isVip ? tier.vipMicros : tier.standardMicros;
}

/** gb × price, exact, rounded once to the cent (half away from zero). */
export function costCents(gb: number, priceMicros: number): number {
  return microsToMinor(BigInt(gb) * BigInt(priceMicros));
}
