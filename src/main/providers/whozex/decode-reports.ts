/**
 * Whozex `GET /account/stats` and `GET /analytics/overview`. The document describes them
 * in one sentence each ("spending breakdown, GB breakdown by proxy type, and 30-day chart
 * data"; "balances, package counts, spending, and 30-day chart data") and shows no payload,
 * so this decoder is lenient by design: a missing or unreadable field is null (never a
 * failure of the whole report), alternative names are tried, and a field it does not know
 * is kept as exact text in `other`. Money still only crosses through the decimal text
 * (JsonReader.asMinor), never a float: an amount finer than a cent is left out, not rounded.
 */
import type {
  ReportAmount,
  ReportChartDay,
  ReportGbByType,
  ReportOther,
  WhozexAccountStats,
  WhozexAnalyticsOverview,
} from '../../../shared/contract/upstream-reports';
import { isLosslessNumber } from '../http/json';
import type { JsonReader } from '../http/reader';

/** Reads one value; anything unreadable is null (these payloads are undocumented). */
function soft<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The first present child among alternative names, or null. */
function pick(d: JsonReader | null, ...names: string[]): JsonReader | null {
  if (!d?.isObject()) return null;
  for (const n of names) if (d.has(n)) return d.at(n);
  return null;
}

const minor = (d: JsonReader | null): number | null => (d ? soft(() => d.asOptMinor()) : null);
const int = (d: JsonReader | null): number | null => (d ? soft(() => d.asOptInt()) : null);
const gb = (d: JsonReader | null): number | null => (d ? soft(() => d.asOptGbMilli()) : null);

const SPENDING_LABELS: Record<string, string> = {
  total_spent: 'Total spent',
  total: 'Total spent',
  packages: 'Packages bought',
  purchases: 'Packages bought',
  add_gb: 'GB added to packages',
  last_30_days: 'Last 30 days',
  deposits: 'Deposits',
  balance_added_to_users: 'Given to sub-users',
  balance_returned_from_users: 'Returned from sub-users',
};

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every amount in a spending object (or a bare total), labelled; unreadable ones left out. */
function spending(d: JsonReader | null): ReportAmount[] {
  if (!d) return [];
  if (!d.isObject()) {
    const amount = minor(d);
    return amount === null ? [] : [{ key: 'total', label: 'Total spent', amount }];
  }
  const out: ReportAmount[] = [];
  for (const key of Object.keys(d.value as object)) {
    const amount = minor(d.at(key));
    if (amount !== null) out.push({ key, label: SPENDING_LABELS[key] ?? humanize(key), amount });
  }
  return out;
}

function gbRow(proxyType: string, r: JsonReader): ReportGbByType {
  return {
    proxyType,
    packages: int(pick(r, 'packages', 'package_count', 'count')),
    activePackages: int(pick(r, 'active_packages', 'active')),
    totalGbMilli: gb(pick(r, 'total_gb', 'purchased_gb', 'gb', 'total')),
    usedGbMilli: gb(pick(r, 'used_gb', 'used')),
    remainingGbMilli: gb(pick(r, 'remaining_gb', 'remaining')),
  };
}

/** `{residential: {...}, …}` or `[{proxy_type: 'residential', …}, …]`. */
function gbByType(d: JsonReader | null): ReportGbByType[] {
  if (!d) return [];
  if (d.isArray()) {
    return d.items().flatMap((r) => {
      const type = soft(() => pick(r, 'proxy_type', 'type', 'name')?.asString() ?? null);
      return type ? [gbRow(type, r)] : [];
    });
  }
  if (!d.isObject()) return [];
  return Object.keys(d.value as object).flatMap((type) => {
    const r = d.at(type);
    if (r.isObject()) return [gbRow(type, r)];
    const total = gb(r);
    return total === null ? [] : [{ proxyType: type, packages: null, activePackages: null, totalGbMilli: total, usedGbMilli: null, remainingGbMilli: null }];
  });
}

function chartDay(r: JsonReader): ReportChartDay | null {
  const date = soft(() => {
    const at = pick(r, 'date', 'day', 'period', 'timestamp');
    if (!at) return null;
    const text = at.asString();
    return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : at.asDate().slice(0, 10);
  });
  if (!date) return null;
  return {
    date,
    spent: minor(pick(r, 'spent', 'spending', 'amount', 'total')),
    gbMilli: gb(pick(r, 'gb_purchased', 'gb', 'gb_used')),
    orders: int(pick(r, 'orders', 'purchases', 'count')),
    newUsers: int(pick(r, 'new_users', 'users')),
  };
}

/** The 30-day chart: a list of days, oldest first whatever order it came in. */
function chart(d: JsonReader | null): ReportChartDay[] {
  if (!d?.isArray()) return [];
  return d
    .items()
    .map(chartDay)
    .filter((x): x is ReportChartDay => x !== null)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Top-level scalars nobody reads above, kept as the upstream's exact text. */
function others(d: JsonReader, known: Set<string>): ReportOther[] {
  if (!d.isObject()) return [];
  const out: ReportOther[] = [];
  for (const [key, v] of Object.entries(d.value as Record<string, unknown>)) {
    if (known.has(key)) continue;
    if (typeof v === 'string' || typeof v === 'boolean') out.push({ key, value: String(v) });
    else if (isLosslessNumber(v)) out.push({ key, value: v.toString() });
  }
  return out;
}

const STATS_KNOWN = new Set(['balance', 'spending', 'spending_breakdown', 'gb_by_proxy_type', 'gb_breakdown', 'by_proxy_type', 'chart', 'chart_data', 'daily']);

export function accountStats(d: JsonReader): WhozexAccountStats {
  return {
    balance: minor(pick(d, 'balance')),
    spending: spending(pick(d, 'spending', 'spending_breakdown')),
    gbByProxyType: gbByType(pick(d, 'gb_by_proxy_type', 'gb_breakdown', 'by_proxy_type')),
    chart: chart(pick(d, 'chart', 'chart_data', 'daily')),
    other: others(d, STATS_KNOWN),
  };
}

const OVERVIEW_KNOWN = new Set(['reseller_balance', 'balance', 'users', 'sub_users', 'packages', 'gb', 'spending', 'chart', 'chart_data', 'daily']);

export function analyticsOverview(d: JsonReader): WhozexAnalyticsOverview {
  const users = pick(d, 'users', 'sub_users');
  const packages = pick(d, 'packages');
  const g = pick(d, 'gb');
  return {
    resellerBalance: minor(pick(d, 'reseller_balance', 'balance')),
    users: users?.isObject()
      ? { total: int(pick(users, 'total', 'count')), withBalance: int(pick(users, 'with_balance', 'funded')), totalBalance: minor(pick(users, 'total_balance', 'balance')) }
      : { total: int(users), withBalance: null, totalBalance: null },
    packages: packages?.isObject()
      ? {
          total: int(pick(packages, 'total', 'count')),
          active: int(pick(packages, 'active')),
          lowGb: int(pick(packages, 'low_gb', 'low')),
          depleted: int(pick(packages, 'depleted')),
          expired: int(pick(packages, 'expired')),
        }
      : { total: int(packages), active: null, lowGb: null, depleted: null, expired: null },
    gb: {
      purchasedMilli: gb(pick(g, 'purchased', 'total')),
      usedMilli: gb(pick(g, 'used')),
      remainingMilli: gb(pick(g, 'remaining')),
    },
    spending: spending(pick(d, 'spending')),
    chart: chart(pick(d, 'chart', 'chart_data', 'daily')),
    other: others(d, OVERVIEW_KNOWN),
  };
}
