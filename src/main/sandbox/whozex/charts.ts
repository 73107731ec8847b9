import type { Database } from 'better-sqlite3';
import { gbFromMb, money } from './json';
import { sql } from './rows';
import { DAY_MS, MB_PER_GB } from './usage-model';

export const CHART_DAYS = 30;

/** The 30 UTC days ending today (sandbox time), oldest first. */
export function chartDays(now: number): number[] {
  const today = Math.floor(now / DAY_MS);
  return Array.from({ length: CHART_DAYS }, (_, i) => today - (CHART_DAYS - 1) + i);
}

const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Per-day spending on packages (purchases + top-ups), GB bought and new sub-users for
 * the last 30 days. One grouped query each, served by the (reseller_id, created_at) index.
 */
export function thirtyDayChart(db: Database, resellerId: string, now: number) {
  const days = chartDays(now);
  const from = days[0]! * DAY_MS;
  const spend = sql(
    db,
    `SELECT created_at / ${DAY_MS} AS day, SUM(amount_cents) AS cents, SUM(gb) AS gb, COUNT(*) AS n
     FROM wzx_transactions WHERE reseller_id = ? AND created_at >= ? AND type IN ('purchase', 'add_gb') GROUP BY day`,
  ).all(resellerId, from) as { day: number; cents: number; gb: number; n: number }[];
  const users = sql(
    db,
    `SELECT created_at / ${DAY_MS} AS day, COUNT(*) AS n FROM wzx_users WHERE reseller_id = ? AND created_at >= ? GROUP BY day`,
  ).all(resellerId, from) as { day: number; n: number }[];
  const spendBy = new Map(spend.map((r) => [r.day, r]));
  const usersBy = new Map(users.map((r) => [r.day, r.n]));
  return days.map((day) => {
    const s = spendBy.get(day);
    return {
      date: dateOf(day),
      spent: money(s?.cents ?? 0),
      gb_purchased: gbFromMb((s?.gb ?? 0) * MB_PER_GB),
      orders: s?.n ?? 0,
      new_users: usersBy.get(day) ?? 0,
    };
  });
}
