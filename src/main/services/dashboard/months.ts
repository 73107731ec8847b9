import type Database from 'better-sqlite3';
import type { DashboardMonth, PeriodFigures } from '../../../shared/contract/dashboard';
import { prepare } from '../../ledger/sql';
import { ledgerBalances } from '../money/balances';

const MINUTE_MS = 60_000;

export interface MonthRange {
  month: string;
  from: Date;
  to: Date;
}

/**
 * The last `count` calendar months at a fixed UTC offset, oldest first; the current one
 * ends at `now`. A month starts at local midnight of its first day: with offset +60
 * (UTC+1), November starts at 2026-10-31T23:00:00Z.
 */
export function monthRanges(now: Date, count: number, utcOffsetMinutes = 0): MonthRange[] {
  const offsetMs = utcOffsetMinutes * MINUTE_MS;
  const local = new Date(now.getTime() + offsetMs);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const start = (back: number) => new Date(Date.UTC(y, m - back, 1) - offsetMs);
  const out: MonthRange[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const from = start(back);
    const label = new Date(from.getTime() + offsetMs).toISOString().slice(0, 7);
    out.push({ month: label, from, to: back === 0 ? now : start(back - 1) });
  }
  return out;
}

/**
 * Revenue, cost and profit per month, from `ledgerBalances` (the `ledger_daily` trigger
 * table plus the postings of the partial days at the edges). Sandbox sales are kept out:
 * their cost is the sandbox accounts' cost postings, their revenue the resale price of the
 * sales lines made through them (an indexed range on `sales`, per sandbox account).
 */
export function monthFigures(sqlite: Database.Database, ranges: MonthRange[], now: Date): DashboardMonth[] {
  const sandboxIds = prepare(sqlite, 'SELECT id FROM provider_accounts WHERE is_sandbox = 1').pluck().all() as string[];
  const sandboxSet = new Set(sandboxIds);
  const salesOf = prepare(
    sqlite,
    'SELECT coalesce(sum(price), 0) FROM sales WHERE provider_account_id = ? AND occurred_at >= ? AND occurred_at < ?',
  ).pluck();
  return ranges.map((r) => {
    // The current month includes what was posted at this very instant (`to` omitted → now, inclusive).
    const current = r.to.getTime() === now.getTime();
    const books = ledgerBalances(sqlite, current ? { from: r.from } : { from: r.from, to: r.to }, now);
    const toText = current ? new Date(now.getTime() + 1).toISOString() : r.to.toISOString();
    let sandboxCost = 0;
    for (const u of books.upstreams) if (sandboxSet.has(u.accountId)) sandboxCost += u.cost;
    let sandboxRevenue = 0;
    for (const id of sandboxIds) sandboxRevenue += salesOf.get(id, r.from.toISOString(), toText) as number;
    const sandbox: PeriodFigures = { revenue: sandboxRevenue, cost: sandboxCost, profit: sandboxRevenue - sandboxCost };
    const revenue = books.revenue - sandboxRevenue;
    const cost = books.cost - sandboxCost;
    return { month: r.month, from: r.from.toISOString(), to: r.to.toISOString(), revenue, cost, profit: revenue - cost, sandbox };
  });
}
