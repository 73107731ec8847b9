/**
 * Deterministic traffic model. Each package consumes on average a fixed share of its
 * capacity per day (2.00 %–6.00 %, chosen from a hash of its id), varied ±30 % from day
 * to day and spread over the day by a diurnal curve (quiet nights, busy evenings). Usage is a pure function of time, so the
 * simulator can answer "how much was used at instant t" for any past t without
 * storing per-minute rows: the state is a short chain of segments, one per purchase or
 * top-up, each growing from its starting usage towards its cap.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const MB_PER_GB = 1000;

/** Per-mille weight of each UTC hour; they sum to 24 000 so a whole day weighs exactly one day. */
const HOUR_WEIGHTS = [
  500, 400, 450, 300, 300, 450, 500, 700, 900, 1100, 1200, 1250, 1300, 1300, 1300, 1300, 1350, 1400, 1500, 1600, 1600, 1400,
  1100, 800,
] as const;
const WEIGHT_BEFORE: number[] = [];
{
  let acc = 0;
  for (const w of HOUR_WEIGHTS) {
    WEIGHT_BEFORE.push(acc);
    acc += w;
  }
}

/** Weighted milliseconds (× 1000) elapsed in a day up to `inDay` ms: linear within an hour. */
function weightedInDay(inDay: number): number {
  const hour = Math.min(23, Math.floor(inDay / HOUR_MS));
  return WEIGHT_BEFORE[hour]! * HOUR_MS + HOUR_WEIGHTS[hour]! * (inDay - hour * HOUR_MS);
}

/** How busy a package is on a given day: 700–1300 per mille, stable per (package, day). */
export function dayFactor(packageId: string, day: number): number {
  return 700 + (hash32(`${packageId}:${day}`) % 601);
}

/**
 * Weighted time (ms × 1000 × per-mille day factor) between s and t: the diurnal curve
 * inside each day, scaled by that day's factor. Divided by DAY_MS × 10^6 it is "days of
 * average traffic".
 */
function weightedBetween(packageId: string, s: number, t: number): bigint {
  let total = 0n;
  let day = Math.floor(s / DAY_MS);
  const lastDay = Math.floor((t - 1) / DAY_MS);
  for (; day <= lastDay; day++) {
    const start = day * DAY_MS;
    const a = Math.max(s, start) - start;
    const b = Math.min(t, start + DAY_MS) - start;
    if (b <= a) continue;
    total += BigInt(dayFactor(packageId, day)) * BigInt(weightedInDay(b) - weightedInDay(a));
  }
  return total;
}

/** FNV-1a: a stable hash so the same package id always gets the same rate. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Share of the capacity consumed per day on average, in basis points (200 = 2 %, 600 = 6 %):
 * with a 30-day life, roughly half the packages run dry before they expire.
 */
export function dailyBasisPoints(packageId: string): number {
  return 200 + (hash32(packageId) % 401);
}

export function dailyRateMb(packageId: string, capMb: number): number {
  return Math.max(1, Math.floor((capMb * dailyBasisPoints(packageId)) / 10_000));
}

export interface UsageSegment {
  packageId: string;
  startAt: number;
  usedStartMb: number;
  capMb: number;
  rateMbPerDay: number;
}

/**
 * Megabytes used at instant t. `segments` sorted by startAt; consumption stops at
 * expiresAt and never exceeds the cap of the segment in force.
 */
export function usedMbAt(segments: readonly UsageSegment[], expiresAt: number, t: number): number {
  let seg: UsageSegment | undefined;
  for (const s of segments) {
    if (s.startAt <= t) seg = s;
    else break;
  }
  if (!seg) return 0;
  const until = Math.min(t, expiresAt);
  if (until <= seg.startAt) return seg.usedStartMb;
  const demand = (BigInt(seg.rateMbPerDay) * weightedBetween(seg.packageId, seg.startAt, until)) / (BigInt(DAY_MS) * 1_000_000n);
  const used = BigInt(seg.usedStartMb) + demand;
  return Number(used < BigInt(seg.capMb) ? used : BigInt(seg.capMb));
}

export type Granularity = 'minute' | 'hour' | 'day';
export const GRANULARITY_MS: Record<Granularity, number> = { minute: 60_000, hour: HOUR_MS, day: DAY_MS };

export interface UsagePoint {
  start: number;
  usedMb: number;
}

/** Usage per bucket over [from, to): buckets aligned to the granularity, the last one partial. */
export function usageSeries(
  segments: readonly UsageSegment[],
  expiresAt: number,
  from: number,
  to: number,
  granularity: Granularity,
): UsagePoint[] {
  const step = GRANULARITY_MS[granularity];
  const points: UsagePoint[] = [];
  let start = Math.floor(from / step) * step;
  let before = usedMbAt(segments, expiresAt, start);
  while (start < to) {
    const end = Math.min(start + step, to);
    const after = usedMbAt(segments, expiresAt, end);
    points.push({ start, usedMb: after - before });
    before = after;
    start += step;
  }
  return points;
}
