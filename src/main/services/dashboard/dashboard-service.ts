import { EXPIRING_WITHIN_DAYS, BURN_WINDOW_DAYS, type DashboardAlert, type DashboardSummary } from '../../../shared/contract/dashboard';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import { ledgerBalances } from '../money/balances';
import { accountFigures, totalsOf } from './account-figures';
import { expiringServices } from './expiring';
import { monthFigures, monthRanges } from './months';

export interface DashboardService {
  summary(input?: { months?: number | undefined; utcOffsetMinutes?: number | undefined }): DashboardSummary;
}

/**
 * Everything the dashboard shows, in one read transaction (a consistent snapshot): per
 * upstream account its balance, burn and runway; real and sandbox totals kept apart;
 * revenue, cost and profit per month; services expiring soon; open alerts.
 * Only aggregate reads on daily or indexed tables — no scan of all postings.
 */
export function createDashboardService(deps: { ledger: Ledger; clock: Clock }): DashboardService {
  const { sqlite } = deps.ledger;
  return {
    summary(input = {}) {
      const now = deps.clock.now();
      return sqlite.transaction((): DashboardSummary => {
        const accounts = accountFigures(sqlite, now);
        const books = ledgerBalances(sqlite, {}, now);
        return {
          asOf: now.toISOString(),
          burnWindowDays: BURN_WINDOW_DAYS,
          accounts,
          totals: { real: totalsOf(accounts.filter((a) => !a.isSandbox)), sandbox: totalsOf(accounts.filter((a) => a.isSandbox)) },
          months: monthFigures(sqlite, monthRanges(now, input.months ?? 6, input.utcOffsetMinutes ?? 0), now),
          customerCredit: books.customerCredit,
          receivables: books.receivables,
          expiring: { withinDays: EXPIRING_WITHIN_DAYS, ...expiringServices(sqlite, now, EXPIRING_WITHIN_DAYS, 20) },
          openAlerts: prepare(sqlite, "SELECT count(*) FROM alerts WHERE status = 'open'").pluck().get() as number,
          recentAlerts: prepare(
            sqlite,
            "SELECT id, kind, title, page, raised_at AS raisedAt FROM alerts WHERE status = 'open' ORDER BY raised_at DESC, rowid DESC LIMIT 5",
          ).all() as DashboardAlert[],
        };
      }).deferred();
    },
  };
}
