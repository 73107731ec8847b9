import { divRoundHalfAway } from '../../../shared/money';

/**
 * How long an upstream balance lasts at its recent burn. One rule for the dashboard and
 * the low-balance alert, so the two never disagree.
 */

/** Runway in whole days: floor(max(0, balance) × window / spend); null when nothing was spent. */
export function runwayDays(balance: number, spend: number, windowDays: number): number | null {
  if (spend <= 0) return null;
  return Math.floor((Math.max(0, balance) * windowDays) / spend);
}

/** Spend over the window as cents per day, rounded once, half away from zero. */
export function burnPerDay(spend: number, windowDays: number): number {
  return Number(divRoundHalfAway(BigInt(spend), BigInt(windowDays)));
}
