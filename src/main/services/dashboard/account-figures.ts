import type Database from 'better-sqlite3';
import { BURN_WINDOW_DAYS, type DashboardAccount, type DashboardTotals } from '../../../shared/contract/dashboard';
import { prepare } from '../../ledger/sql';
import { ledgerBalances } from '../money/balances';
import { burnPerDay as burnRule, runwayDays as runwayRule } from '../money/runway';

const DAY_MS = 86_400_000;

/** The money module's runway rule at the dashboard's window. */
export const runwayDays = (balance: number, spend: number, windowDays: number = BURN_WINDOW_DAYS) => runwayRule(balance, spend, windowDays);
export const burnPerDay = (spend: number, windowDays: number = BURN_WINDOW_DAYS) => burnRule(spend, windowDays);

/**
 * Each active upstream account's ledger balance now and its wholesale cost over the last
 * BURN_WINDOW_DAYS days. Both come from one `ledgerBalances` call, which reads whole days
 * from the `ledger_daily` trigger table (only the partial edge days from postings), so this
 * stays fast at a million journal transactions.
 */
export function accountFigures(sqlite: Database.Database, now: Date): DashboardAccount[] {
  const books = ledgerBalances(sqlite, { from: new Date(now.getTime() - BURN_WINDOW_DAYS * DAY_MS) }, now);
  const byId = new Map(books.upstreams.map((u) => [u.accountId, u]));
  const accounts = prepare(
    sqlite,
    "SELECT id, name, provider, is_sandbox FROM provider_accounts WHERE status = 'active' ORDER BY is_sandbox, name COLLATE NOCASE",
  ).all() as { id: string; name: string; provider: string; is_sandbox: number }[];
  return accounts.map((a) => {
    const u = byId.get(a.id);
    const balance = u?.balance ?? 0;
    const spend = Math.max(0, u?.cost ?? 0);
    return {
      accountId: a.id,
      name: a.name,
      provider: a.provider,
      isSandbox: a.is_sandbox === 1,
      balance,
      recentSpend: spend,
      burnPerDay: burnPerDay(spend),
      runwayDays: runwayDays(balance, spend),
    };
  });
}

/** Totals over a set of accounts (the caller keeps real and sandbox apart). */
export function totalsOf(accounts: DashboardAccount[]): DashboardTotals {
  const balance = accounts.reduce((s, a) => s + a.balance, 0);
  const spend = accounts.reduce((s, a) => s + a.recentSpend, 0);
  return { balance, recentSpend: spend, burnPerDay: burnPerDay(spend), runwayDays: runwayDays(balance, spend), accounts: accounts.length };
}
