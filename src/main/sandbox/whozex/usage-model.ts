/**
 * Deterministic traffic model. Each package consumes a fixed share of its capacity per
 * day (1.00 %–4.00 %, chosen from a hash of its id), spread over the day by a diurnal
 * curve (quiet nights, busy evenings). Usage is a pure function of time, so the
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

/** Weighted milliseconds (× 1000) since the epoch: linear within an hour, exact per whole day. */
function weightedTime(t: number): bigint {
  const day = Math.floor(t / DAY_MS);
  const inDay = t - day * DAY_MS;
  const hour = Math.floor(inDay / HOUR_MS);
  return (
    BigInt(day) * BigInt(DAY_MS) * 1000n +
    BigInt(WEIGHT_BEFORE[hour]!) * BigInt(HOUR_MS) +
    BigInt(HOUR_WEIGHTS[hour]!) * BigInt(inDay - hour * HOUR_MS)
  );
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

/** Share of the capacity consumed per day, in basis points (100 = 1 %, 400 = 4 %). */
export function dailyBasisPoints(packageId: string): number {
  return 100 + (hash32(packageId) % 301);
}

export function dailyRateMb(packageId: string, capMb: number): number {
  return Math.max(1, Math.floor((capMb * dailyBasisPoints(packageId)) / 10_000));
}

export interface UsageSegment {
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
  const demand = (BigInt(seg.rateMbPerDay) * (weightedTime(until) - weightedTime(seg.startAt))) / (BigInt(DAY_MS) * 1000n);
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
