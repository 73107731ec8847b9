import { accountBalance, ledgerAccounts } from '../../src/main/ledger/journal';
import type { Ledger } from '../../src/main/ledger/database';
import { recentSpendByAccount } from '../../src/main/services/alerts/conditions';
import { createDashboardService } from '../../src/main/services/dashboard/dashboard-service';
import { ACCOUNTS, BENCH_NOW } from '../data/generate';
import { openBenchApp } from '../lib/app';
import type { BenchContext, Scenario } from '../lib/context';
import { ManualClock } from '../../src/main/clock';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { median, round, timeSync } from '../lib/stats';
import { recordingConnection, replayer } from '../lib/sql-recorder';

/**
 * 3. Dashboard at 1,000,000 journal transactions: `dashboard:summary`, everything the
 * Dashboard shows in one read transaction — per upstream its balance, 30-day burn and
 * runway, revenue/cost/profit for each of the last 6 months, customers' credit and
 * receivables, services expiring within 7 days, open alerts — through the service vs
 * the same SQL statements replayed from prepared statements. Two older paths that
 * compute the same kind of figure from the postings are timed for the notes: the
 * accounts:summary upstream balances and the low-balance alert's recentSpendByAccount.
 */

const RUNS = 5;

export const dashboard: Scenario = {
  id: '3',
  title: 'Dashboard',
  target: '≤ 50 ms',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const app = await openBenchApp(ctx.appDataDir);
    try {
      const sqlite = app.ctx.ledger.sqlite;
      const rec = recordingConnection(sqlite);
      createDashboardService({ ledger: { sqlite: rec.db } as Ledger, clock: new ManualClock(BENCH_NOW) }).summary({ months: 6 });
      const replay = replayer(sqlite, rec.calls);
      const first = timeSync(() => app.ctx.dashboard.summary({ months: 6 })).ms;
      const appRuns: number[] = [];
      const rawRuns: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        appRuns.push(timeSync(() => app.ctx.dashboard.summary({ months: 6 })).ms);
        rawRuns.push(timeSync(() => sqlite.transaction(replay).deferred()).ms);
      }
      const summaryMs = timeSync(() => app.ctx.accounts.summary({ includeSandbox: true })).ms;
      const spendMs = timeSync(() => recentSpendByAccount(sqlite, 30, BENCH_NOW)).ms;
      const upstreamMs = timeSync(() => Object.values(ACCOUNTS).map((a) => accountBalance(sqlite, ledgerAccounts.upstream(a.id)))).ms;
      const appMs = median(appRuns);
      const rawMs = median(rawRuns);
      return {
        scenario: '3. Dashboard (dashboard:summary)',
        app: figure(appMs, 'ms'),
        baseline: { ...figure(rawMs, 'ms'), what: 'the same SQL statements, replayed from prepared statements' },
        ratio: ratioOf(appMs, rawMs),
        target: this.target,
        met: appMs <= 50,
        notes:
          `median of ${RUNS} (first call ${round(first)} ms), ${rec.calls.length} statements, ${ctx.dataset.summary.transactions.toLocaleString('en-US')} transactions / ${ctx.dataset.summary.postings.toLocaleString('en-US')} postings. ` +
          `Paths still summing postings: accounts:summary ${round(summaryMs)} ms (accountBalance of upstream:<acct> ${round(upstreamMs)} ms), alert rule recentSpendByAccount ${round(spendMs)} ms for every account.`,
        details: { appMs: appRuns.map(round), rawMs: rawRuns.map(round), firstMs: round(first), statements: rec.calls.length, accountsSummaryMs: round(summaryMs), recentSpendMs: round(spendMs), upstreamBalanceMs: round(upstreamMs) },
      };
    } finally {
      await app.close();
    }
  },
};
