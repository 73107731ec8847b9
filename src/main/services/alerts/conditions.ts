import type Database from 'better-sqlite3';
import { ledgerBalances } from '../money/balances';
import { burnPerDay, runwayDays as runwayRule } from '../money/runway';
import type { AlertView } from '../../../shared/contract/events';
import { formatMoney } from '../../../shared/money';
import { accountBalance, ledgerAccounts } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';
import type { RuleBook } from './rules';

/**
 * Which alert conditions are true right now, computed from the books: the latest
 * upstream balance (observed by the poller or a webhook, else the ledger's once synced),
 * wholesale cost postings for the burn rate, customer credit, and services (packages'
 * GB, ports' end dates). Pure reads: the caller decides what is new (hysteresis).
 */

/** An alert a rule would raise now: the alert's own fields, before it has an id or a status. */
export type Candidate = Pick<AlertView, 'kind' | 'subjectKey' | 'accountId' | 'customerId' | 'serviceId' | 'title' | 'body' | 'page' | 'details'>;

const DAY_MS = 86_400_000;

export function gbText(milli: number): string {
  const whole = Math.trunc(milli / 1000);
  const frac = String(Math.abs(milli % 1000)).padStart(3, '0').replace(/0+$/, '');
  return `${whole}${frac ? '.' + frac : ''} GB`;
}

/** The upstream balance the app believes now, or null when it knows none yet. */
export function knownBalance(sqlite: Database.Database, accountId: string): number | null {
  const seen = prepare(sqlite, 'SELECT balance FROM upstream_observations WHERE account_id = ?').pluck().get(accountId) as number | null | undefined;
  if (typeof seen === 'number') return seen;
  const ledgerAccount = ledgerAccounts.upstream(accountId);
  const opened = prepare(sqlite, 'SELECT 1 FROM sync_events WHERE dedupe_key = ?').get(`opening:${ledgerAccount}`) !== undefined;
  return opened ? accountBalance(sqlite, ledgerAccount) : null;
}

/**
 * Wholesale cost booked per upstream account over the last `days` days (cents). Read
 * through `ledgerBalances`, which takes whole days from the `ledger_daily` trigger table,
 * so evaluating the rules stays fast at a million postings (the dashboard's runway uses
 * the same figures). One call answers every account.
 */
export function recentSpendByAccount(sqlite: Database.Database, days: number, now: Date): Map<string, number> {
  const books = ledgerBalances(sqlite, { from: new Date(now.getTime() - days * DAY_MS) }, now);
  return new Map(books.upstreams.map((u) => [u.accountId, Math.max(0, u.cost)]));
}

function balanceCandidates(sqlite: Database.Database, rules: RuleBook, now: Date): Candidate[] {
  const accounts = prepare(sqlite, "SELECT id, name FROM provider_accounts WHERE status = 'active' ORDER BY name").all() as { id: string; name: string }[];
  const out: Candidate[] = [];
  // The books are read once per burn window (7 or 30 days), not once per account.
  const spendByWindow = new Map<number, Map<string, number>>();
  const spendOf = (accountId: string, days: number) => {
    let spends = spendByWindow.get(days);
    if (!spends) spendByWindow.set(days, (spends = recentSpendByAccount(sqlite, days, now)));
    return spends.get(accountId) ?? 0;
  };
  for (const a of accounts) {
    const rule = rules.effective('balance_low', { accountId: a.id });
    if (!rule.enabled) continue;
    const balance = knownBalance(sqlite, a.id);
    if (balance === null) continue;
    const { belowAmount, runwayDays, burnWindowDays } = rule.params;
    const below = balance < belowAmount;
    let shortRunway = false;
    let daysLeft: number | null = null;
    const spend = runwayDays === null ? 0 : spendOf(a.id, burnWindowDays);
    if (runwayDays !== null && spend > 0) {
      // balance / (spend / window) < runwayDays, in integers.
      shortRunway = balance * burnWindowDays < runwayDays * spend;
      daysLeft = runwayRule(balance, spend, burnWindowDays);
    }
    if (!below && !shortRunway) continue;
    const perDay = spend > 0 ? formatMoney(burnPerDay(spend, burnWindowDays)) : null;
    const body = below
      ? `${formatMoney(balance)} is below your ${formatMoney(belowAmount)} alert. Top up at the upstream to keep buying and renewing.`
      : `About ${daysLeft} day${daysLeft === 1 ? '' : 's'} left at ${perDay}/day (the last ${burnWindowDays} days). Top up soon.`;
    out.push({
      kind: 'balance_low',
      subjectKey: `account:${a.id}`,
      accountId: a.id,
      customerId: null,
      serviceId: null,
      title: `Low balance at ${a.name}: ${formatMoney(balance)}`,
      body,
      page: '/settings',
      details: { balance, belowAmount, daysLeft, burnWindowDays, recentSpend: spend, reason: below ? 'amount' : 'runway' },
    });
  }
  return out;
}

interface CreditRow {
  id: string;
  name: string;
  credit: number;
}

/** Active customers who use prepaid credit (their credit account exists). */
const CREDIT_SELECT = `SELECT c.id, c.name, cb.credit FROM customer_balances cb JOIN customers c ON c.id = cb.customer_id
  WHERE c.status = 'active' AND EXISTS (SELECT 1 FROM ledger_accounts la WHERE la.id = 'credit:' || c.id)`;

/**
 * In SQL only the customers under the default threshold (the `customer_balances_credit`
 * index) plus each customer with an override of their own (looked up by id, so an override
 * above the default still finds them); the rule is then checked exactly per customer.
 */
function creditRows(sqlite: Database.Database, rules: RuleBook): CreditRow[] {
  const byId = new Map<string, CreditRow>();
  const scopes = rules.scopes('customer_credit_low');
  const def = scopes[0]!.rule;
  if (def.enabled) {
    for (const r of prepare(sqlite, `${CREDIT_SELECT} AND cb.credit < ?`).all(def.params.belowAmount) as CreditRow[]) byId.set(r.id, r);
  }
  const one = prepare(sqlite, `${CREDIT_SELECT} AND cb.customer_id = ?`);
  for (const s of scopes) {
    if (s.scope !== 'customer' || !s.rule.enabled || byId.has(s.scopeId)) continue;
    const r = one.get(s.scopeId) as CreditRow | undefined;
    if (r) byId.set(r.id, r);
  }
  return [...byId.values()];
}

function creditCandidates(sqlite: Database.Database, rules: RuleBook): Candidate[] {
  const out: Candidate[] = [];
  for (const c of creditRows(sqlite, rules)) {
    const rule = rules.effective('customer_credit_low', { customerId: c.id });
    if (!rule.enabled || c.credit >= rule.params.belowAmount) continue;
    out.push({
      kind: 'customer_credit_low',
      subjectKey: `customer:${c.id}`,
      accountId: null,
      customerId: c.id,
      serviceId: null,
      title: `${c.name}'s credit is low: ${formatMoney(c.credit)}`,
      body: `Below your ${formatMoney(rule.params.belowAmount)} alert. Ask for a payment before their next renewal.`,
      page: `/customers/${c.id}`,
      details: { credit: c.credit, belowAmount: rule.params.belowAmount },
    });
  }
  return out;
}

interface ServiceRow {
  id: string;
  customer_id: string;
  provider_account_id: string;
  upstream_id: string;
  label: string | null;
  total_gb_milli: number | null;
  used_gb_milli: number | null;
  expires_at: string | null;
  customer_name: string;
}

/**
 * Active packages per active account through `services_upstream` (account, kind): only the
 * packages are read, not every active port (the `status` index would visit all of them).
 */
function packageCandidates(sqlite: Database.Database, rules: RuleBook): Candidate[] {
  const rows = prepare(
    sqlite,
    `SELECT s.id, s.customer_id, s.provider_account_id, s.upstream_id, s.label, s.total_gb_milli, s.used_gb_milli, s.expires_at, c.name AS customer_name
     FROM provider_accounts a CROSS JOIN services s INDEXED BY services_upstream JOIN customers c ON c.id = s.customer_id
     WHERE s.provider_account_id = a.id AND s.kind = 'package' AND a.status = 'active' AND s.status = 'active' AND s.total_gb_milli > 0`,
  ).all() as ServiceRow[];
  const out: Candidate[] = [];
  for (const s of rows) {
    const rule = rules.effective('package_low', { accountId: s.provider_account_id, customerId: s.customer_id });
    if (!rule.enabled) continue;
    const total = s.total_gb_milli!;
    const remaining = Math.max(0, total - (s.used_gb_milli ?? 0));
    const { belowPercent, belowGbMilli } = rule.params;
    const byPercent = belowPercent !== null && remaining * 100 <= belowPercent * total;
    const byAmount = belowGbMilli !== null && remaining < belowGbMilli;
    if (!byPercent && !byAmount) continue;
    const percent = Math.floor((remaining * 100) / total);
    out.push({
      kind: 'package_low',
      subjectKey: `service:${s.id}`,
      accountId: s.provider_account_id,
      customerId: s.customer_id,
      serviceId: s.id,
      title: `${s.customer_name}'s package at ${percent} %: ${gbText(remaining)} left`,
      body: `Package ${s.label ?? s.upstream_id} has ${gbText(remaining)} of ${gbText(total)} left. Add GB before it runs out.`,
      page: `/customers/${s.customer_id}`,
      details: { remainingGbMilli: remaining, totalGbMilli: total, remainingPercent: percent, belowPercent, belowGbMilli },
    });
  }
  return out;
}

const PORT_SELECT = `SELECT s.id, s.customer_id, s.provider_account_id, s.upstream_id, s.label, s.total_gb_milli, s.used_gb_milli, s.expires_at, c.name AS customer_name
  FROM services s JOIN customers c ON c.id = s.customer_id JOIN provider_accounts a ON a.id = s.provider_account_id
  WHERE s.kind = 'port' AND s.status = 'active' AND s.expires_at IS NOT NULL AND a.status = 'active' AND s.expires_at > ? AND s.expires_at <= ?`;

/**
 * Ports whose end is in the window of some rule, read as a range in SQL: the widest
 * window of the default and the account overrides over every port (the `services_expiry`
 * index), and each customer override's window over that customer's ports (so an override
 * wider than the rest still finds them). The bound has a day of slack (an end date written
 * without milliseconds compares differently as text); the exact check is per port.
 */
function portsInWindow(sqlite: Database.Database, rules: RuleBook, now: Date): ServiceRow[] {
  const from = now.toISOString();
  const until = (days: number) => new Date(now.getTime() + (days + 1) * DAY_MS).toISOString();
  const byId = new Map<string, ServiceRow>();
  const scopes = rules.scopes('proxy_expiring').filter((s) => s.rule.enabled);
  const broad = scopes.filter((s) => s.scope !== 'customer').map((s) => s.rule.params.withinDays);
  if (broad.length > 0) {
    for (const r of prepare(sqlite, PORT_SELECT).all(from, until(Math.max(...broad))) as ServiceRow[]) byId.set(r.id, r);
  }
  const ofCustomer = prepare(sqlite, `${PORT_SELECT} AND s.customer_id = ?`);
  for (const s of scopes) {
    if (s.scope !== 'customer') continue;
    for (const r of ofCustomer.all(from, until(s.rule.params.withinDays), s.scopeId) as ServiceRow[]) byId.set(r.id, r);
  }
  return [...byId.values()];
}

function expiryCandidates(sqlite: Database.Database, rules: RuleBook, now: Date): Candidate[] {
  const rows = portsInWindow(sqlite, rules, now);
  const out: Candidate[] = [];
  for (const s of rows) {
    const rule = rules.effective('proxy_expiring', { accountId: s.provider_account_id, customerId: s.customer_id });
    if (!rule.enabled) continue;
    const msLeft = Date.parse(s.expires_at!) - now.getTime();
    if (msLeft > rule.params.withinDays * DAY_MS) continue;
    const hours = Math.floor(msLeft / 3_600_000);
    const left = hours >= 48 ? `${Math.floor(hours / 24)} days` : hours >= 1 ? `${hours} hour${hours === 1 ? '' : 's'}` : 'less than an hour';
    out.push({
      kind: 'proxy_expiring',
      // Extended past the window → the alert clears; nearing the new end raises a new one.
      subjectKey: `service:${s.id}`,
      accountId: s.provider_account_id,
      customerId: s.customer_id,
      serviceId: s.id,
      title: `${s.customer_name}'s proxy expires in ${left}`,
      body: `Proxy ${s.label ?? s.upstream_id} ends on ${s.expires_at!.slice(0, 16).replace('T', ' ')} UTC. Extend it or tell the customer.`,
      page: '/proxies',
      details: { expiresAt: s.expires_at, hoursLeft: hours, withinDays: rule.params.withinDays },
    });
  }
  return out;
}

export function currentCandidates(sqlite: Database.Database, rules: RuleBook, now: Date): Candidate[] {
  return [...balanceCandidates(sqlite, rules, now), ...creditCandidates(sqlite, rules), ...packageCandidates(sqlite, rules), ...expiryCandidates(sqlite, rules, now)];
}
