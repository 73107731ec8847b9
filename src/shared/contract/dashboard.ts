import { z } from 'zod';
import { channel } from './define';

/**
 * The dashboard's figures, all computed by main (the window does no money math).
 * Amounts are integer cents. Sandbox accounts are listed and flagged, and their money is
 * kept out of the real business's totals (it has its own).
 */

/** Upstream spend is averaged over this many days for the burn rate and runway. */
export const BURN_WINDOW_DAYS = 30;
/** Services whose end date falls within this many days are "expiring soon". */
export const EXPIRING_WITHIN_DAYS = 7;

export interface DashboardAccount {
  accountId: string;
  name: string;
  provider: string;
  isSandbox: boolean;
  /** The ledger's balance of `upstream:<acct>` now (cents). */
  balance: number;
  /** Wholesale cost booked on this account over the last BURN_WINDOW_DAYS days (cents). */
  recentSpend: number;
  /** recentSpend / BURN_WINDOW_DAYS, rounded half away from zero to the cent. */
  burnPerDay: number;
  /**
   * Whole days the balance lasts at that burn: floor(max(0, balance) × 30 / recentSpend)
   * (the same rule as the low-balance alert's "days left"); null when nothing was spent.
   */
  runwayDays: number | null;
}

export interface DashboardTotals {
  balance: number;
  recentSpend: number;
  burnPerDay: number;
  runwayDays: number | null;
  accounts: number;
}

export interface PeriodFigures {
  revenue: number;
  cost: number;
  profit: number;
}

export interface DashboardMonth extends PeriodFigures {
  /** "2026-11" (calendar month at the caller's UTC offset). */
  month: string;
  /** ISO instants: [from, to); the current month ends now. */
  from: string;
  to: string;
  /** Sales made through sandbox accounts in that month (not part of the figures above). */
  sandbox: PeriodFigures;
}

export interface ExpiringService {
  serviceId: string;
  kind: 'port' | 'package';
  customerId: string;
  customerName: string;
  accountId: string;
  accountName: string;
  isSandbox: boolean;
  label: string | null;
  upstreamId: string;
  expiresAt: string;
}

export interface DashboardSummary {
  asOf: string;
  burnWindowDays: number;
  accounts: DashboardAccount[];
  totals: { real: DashboardTotals; sandbox: DashboardTotals };
  /** Oldest first; the last one is this month, the one before it last month. */
  months: DashboardMonth[];
  /** Customers' prepaid credit and what they owe you, now (all customers). */
  customerCredit: number;
  receivables: number;
  expiring: { withinDays: number; total: number; items: ExpiringService[] };
  openAlerts: number;
  /** The newest open alerts (at most 5), to show on the dashboard. */
  recentAlerts: DashboardAlert[];
}

export interface DashboardAlert {
  id: string;
  kind: string;
  title: string;
  /** The page that deals with it ("/customers/<id>", "/proxies", "/settings"). */
  page: string;
  raisedAt: string;
}

export const dashboardSummaryInput = z
  .object({
    /** How many calendar months the chart shows (this month included). Default 6. */
    months: z.number().int().min(2).max(24).optional(),
    /**
     * Minutes to add to UTC to get the reseller's local time (e.g. 60 for UTC+1; the
     * negative of JavaScript's getTimezoneOffset()), so months start at local midnight.
     */
    utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
  })
  .strict()
  .optional();

export const dashboardChannels = {
  'dashboard:summary': channel<DashboardSummary>()(dashboardSummaryInput),
};
