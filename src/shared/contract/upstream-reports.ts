import { z } from 'zod';
import { channel, id, pageFields } from './define';

/**
 * The upstreams' own documented reports, shown beside the books (issue 15, item 6):
 * Whozex `GET /account/stats` and `GET /analytics/overview` on the Dashboard, and each
 * account's upstream statement (synced from `GET /account/transactions`) on its own screen.
 *
 * The Whozex document names these reports but not their fields, so every figure here is
 * optional: a field the upstream does not send is null, a field Reseller Desk does not
 * know is kept as text in `other`. Amounts are integer cents, GB integer milli-GB,
 * all computed in main; the window only formats them.
 */

/** One labelled amount (cents). `key` is the upstream's field name. */
export interface ReportAmount {
  key: string;
  label: string;
  amount: number;
}

/** A figure Reseller Desk does not know, kept as the upstream's exact text. */
export interface ReportOther {
  key: string;
  value: string;
}

export interface ReportGbByType {
  proxyType: string;
  packages: number | null;
  activePackages: number | null;
  totalGbMilli: number | null;
  usedGbMilli: number | null;
  remainingGbMilli: number | null;
}

/** One day of the upstream's 30-day chart. */
export interface ReportChartDay {
  /** "2026-12-01" (the upstream's day). */
  date: string;
  /** Cents spent that day; null when the upstream does not say. */
  spent: number | null;
  gbMilli: number | null;
  orders: number | null;
  newUsers: number | null;
}

/** Whozex `GET /account/stats`. */
export interface WhozexAccountStats {
  balance: number | null;
  spending: ReportAmount[];
  gbByProxyType: ReportGbByType[];
  chart: ReportChartDay[];
  other: ReportOther[];
}

/** Whozex `GET /analytics/overview`. */
export interface WhozexAnalyticsOverview {
  resellerBalance: number | null;
  users: { total: number | null; withBalance: number | null; totalBalance: number | null };
  packages: { total: number | null; active: number | null; lowGb: number | null; depleted: number | null; expired: number | null };
  gb: { purchasedMilli: number | null; usedMilli: number | null; remainingMilli: number | null };
  spending: ReportAmount[];
  chart: ReportChartDay[];
  other: ReportOther[];
}

/** One report's fate: read, or why not (the card says so in words). */
export type ReportResult<T> =
  | { status: 'ok'; value: T }
  /** Network error, timeout or 5xx: the upstream could not be reached. */
  | { status: 'unreachable'; message: string }
  /** 404/405/501: this upstream does not serve the report. */
  | { status: 'absent'; message: string }
  /** Any other refusal (a bad key, an answer that cannot be read). */
  | { status: 'failed'; code: string; message: string };

export interface WhozexInsights {
  accountId: string;
  accountName: string;
  isSandbox: boolean;
  /** When main asked the upstream (ISO). */
  asOf: string;
  stats: ReportResult<WhozexAccountStats>;
  overview: ReportResult<WhozexAnalyticsOverview>;
}

// ---- the upstream statement ---------------------------------------------------------

/** Whozex's documented filter values for `GET /account/transactions?type=`. */
export const WHOZEX_DOCUMENTED_TRANSACTION_TYPES = ['deposit', 'purchase', 'add_gb'] as const;

/** How the books know the line: its reference, or the same amount, customer and time. */
export type BooksMatchHow = 'reference' | 'amount-and-time';

export type BooksView =
  | {
      status: 'matched';
      how: BooksMatchHow;
      transactionId: string;
      kind: string;
      description: string;
      occurredAt: string;
    }
  /**
   * Dated before the books began for this balance: what it did is inside the opening
   * balance the first sync posted (that transaction).
   */
  | { status: 'opening'; transactionId: string; occurredAt: string }
  /** A line of a kind the books record, with no transaction of the books for it. */
  | { status: 'missing' }
  /** A line of a kind Reseller Desk does not know how to compare. */
  | { status: 'unknown-type' };

export interface StatementLine {
  upstreamId: string;
  type: string;
  /** Cents, signed as the upstream sent it. */
  amount: number;
  balanceAfter: number | null;
  description: string | null;
  upstreamCustomerId: string | null;
  customer: { id: string; name: string } | null;
  occurredAt: string | null;
  books: BooksView;
}

/**
 * - `synced`: lines were read from the upstream's statement by a sync.
 * - `never-synced`: a documented statement that no sync has read yet.
 * - `not-documented`: Proxies.sx documents no statement API and none was synced.
 */
export type StatementAvailability = 'synced' | 'never-synced' | 'not-documented';

export interface StatementPage {
  accountId: string;
  accountName: string;
  provider: 'proxies-sx' | 'whozex';
  isSandbox: boolean;
  availability: StatementAvailability;
  /** Whether the upstream's documents promise this statement. */
  documented: boolean;
  /** What the screen says about where these lines come from. */
  notice: string | null;
  /** When the last complete pass of the statement finished (ISO), if any. */
  lastSyncedAt: string | null;
  /** Types to filter by: the documented ones and any seen in the stored lines. */
  types: string[];
  items: StatementLine[];
  total: number;
  limit: number;
  offset: number;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' });

export const upstreamReportsChannels = {
  /** Whozex `/account/stats` and `/analytics/overview` for one Whozex account (live reads). */
  'upstream-reports:whozex-insights': channel<WhozexInsights>()(z.object({ accountId: id }).strict()),
  /** One account's upstream statement as synced, with the books' view of each line. */
  'upstream-reports:statement': channel<StatementPage>()(
    z
      .object({
        accountId: id,
        type: z.string().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, { message: 'is not a transaction type' }).optional(),
        /** Local calendar days, inclusive, at `utcOffsetMinutes`. */
        from: isoDay.optional(),
        to: isoDay.optional(),
        utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60).default(0),
        ...pageFields(200, 50),
      })
      .strict(),
  ),
};
