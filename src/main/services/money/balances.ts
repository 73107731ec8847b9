import type Database from 'better-sqlite3';
import type { LedgerBalances, UpstreamBalance } from '../../../shared/contract/money';
import { AppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';

/**
 * The reseller's books at a glance: balances as of `to` (cash, each upstream account and
 * the sub-balances parked there, customers' credit and receivables, equity) and the
 * flows of the period [from, to) (revenue, cost, profit). One pass over the postings,
 * bucketed by the chart of accounts' naming rule.
 */
const BUCKETS = `
  SELECT
    CASE
      WHEN p.account_id = 'cash' THEN 'cash'
      WHEN p.account_id = 'revenue' THEN 'revenue'
      WHEN p.account_id = 'equity' THEN 'equity'
      WHEN substr(p.account_id, 1, 7) = 'credit:' THEN 'credit'
      WHEN substr(p.account_id, 1, 11) = 'receivable:' THEN 'receivable'
      WHEN substr(p.account_id, 1, 5) = 'cost:' THEN 'cost'
      WHEN instr(p.account_id, ':sub:') > 0 THEN 'sub'
      ELSE 'upstream'
    END AS bucket,
    CASE
      WHEN substr(p.account_id, 1, 5) = 'cost:' THEN substr(p.account_id, 6)
      WHEN instr(p.account_id, ':sub:') > 0 THEN substr(p.account_id, 10, instr(p.account_id, ':sub:') - 10)
      WHEN substr(p.account_id, 1, 9) = 'upstream:' THEN substr(p.account_id, 10)
      ELSE NULL
    END AS account,
    sum(p.amount) AS balance,
    sum(CASE WHEN t.occurred_at >= ? THEN p.amount ELSE 0 END) AS flow
  FROM postings p JOIN transactions t ON t.id = p.transaction_id
  WHERE t.occurred_at < ?
  GROUP BY bucket, account`;

export function ledgerBalances(sqlite: Database.Database, input: { from?: Date | string | null; to?: Date | string | null }, now: Date): LedgerBalances {
  const from = input.from ? new Date(input.from) : null;
  const to = input.to ? new Date(input.to) : now;
  if ((from && Number.isNaN(from.getTime())) || Number.isNaN(to.getTime())) throw new AppError('INVALID_INPUT', 'from: is not a valid date', { field: 'from' });
  if (from && to.getTime() < from.getTime()) throw new AppError('INVALID_INPUT', 'to: must not be before from', { field: 'to' });
  // occurred_at is exclusive at `to`; a default "now" includes everything posted up to this instant.
  const toIso = input.to ? to.toISOString() : new Date(to.getTime() + 1).toISOString();
  const rows = prepare(sqlite, BUCKETS).all(from ? from.toISOString() : '', toIso) as {
    bucket: string;
    account: string | null;
    balance: number;
    flow: number;
  }[];

  const accounts = prepare(sqlite, "SELECT id, name, provider, status FROM provider_accounts ORDER BY name COLLATE NOCASE").all() as {
    id: string;
    name: string;
    provider: string;
    status: string;
  }[];
  const upstreams = new Map<string, UpstreamBalance>();
  for (const a of accounts) upstreams.set(a.id, { accountId: a.id, name: a.name, provider: a.provider, balance: 0, subBalances: 0, cost: 0 });

  const out: LedgerBalances = {
    from: from ? from.toISOString() : null,
    to: to.toISOString(),
    cash: 0,
    upstreams: [],
    customerCredit: 0,
    receivables: 0,
    equity: 0,
    revenue: 0,
    cost: 0,
    profit: 0,
  };
  for (const r of rows) {
    const up = r.account ? upstreams.get(r.account) : undefined;
    switch (r.bucket) {
      case 'cash':
        out.cash = r.balance;
        break;
      case 'revenue':
        out.revenue = -r.flow || 0;
        break;
      case 'equity':
        out.equity = -r.balance || 0;
        break;
      case 'credit':
        out.customerCredit = -r.balance || 0;
        break;
      case 'receivable':
        out.receivables = r.balance;
        break;
      case 'cost':
        out.cost += r.flow;
        if (up) up.cost = r.flow;
        break;
      case 'sub':
        if (up) up.subBalances = r.balance;
        break;
      case 'upstream':
        if (up) up.balance = r.balance;
        break;
    }
  }
  out.profit = out.revenue - out.cost;
  out.upstreams = [...upstreams.values()].filter((u) => {
    const a = accounts.find((x) => x.id === u.accountId);
    return a?.status === 'active' || u.balance !== 0 || u.subBalances !== 0 || u.cost !== 0;
  });
  return out;
}
