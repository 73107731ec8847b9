import type Database from 'better-sqlite3';
import type { LedgerBalances, UpstreamBalance } from '../../../shared/contract/money';
import { AppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';

/**
 * The reseller's books at a glance: balances as of `to` (cash, each upstream account and
 * the sub-balances parked there, customers' credit and receivables, equity) and the
 * flows of the period [from, to) (revenue, cost, profit).
 *
 * Whole UTC days come from `ledger_daily` (kept by a trigger on postings, a few rows per
 * day); only the partial days at the edges of a range are summed from the postings, so
 * the answer stays fast at a million postings.
 */

type Sums = Map<string, number>; // key: `${bucket}|${account}`

const BUCKET_SQL = `
  CASE
    WHEN p.account_id = 'cash' THEN 'cash'
    WHEN p.account_id = 'revenue' THEN 'revenue'
    WHEN p.account_id = 'equity' THEN 'equity'
    WHEN substr(p.account_id, 1, 7) = 'credit:' THEN 'credit'
    WHEN substr(p.account_id, 1, 11) = 'receivable:' THEN 'receivable'
    WHEN substr(p.account_id, 1, 5) = 'cost:' THEN 'cost'
    WHEN instr(p.account_id, ':sub:') > 0 THEN 'sub'
    WHEN substr(p.account_id, 1, 9) = 'upstream:' THEN 'upstream'
    ELSE 'other'
  END`;
const ACCOUNT_SQL = `
  CASE
    WHEN substr(p.account_id, 1, 5) = 'cost:' THEN substr(p.account_id, 6)
    WHEN instr(p.account_id, ':sub:') > 0 THEN substr(p.account_id, 10, instr(p.account_id, ':sub:') - 10)
    WHEN substr(p.account_id, 1, 9) = 'upstream:' THEN substr(p.account_id, 10)
    ELSE ''
  END`;

const DAY_MS = 86_400_000;
const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function add(into: Sums, rows: { bucket: string; account: string; total: number }[]): void {
  for (const r of rows) {
    const key = `${r.bucket}|${r.account}`;
    into.set(key, (into.get(key) ?? 0) + r.total);
  }
}

/** Postings with occurred_at in [fromMs, toMs), bucketed (for partial days). */
function fromPostings(sqlite: Database.Database, into: Sums, fromMs: number, toMs: number): void {
  if (toMs <= fromMs) return;
  add(
    into,
    prepare(
      sqlite,
      `SELECT ${BUCKET_SQL} AS bucket, ${ACCOUNT_SQL} AS account, sum(p.amount) AS total
       FROM transactions t JOIN postings p ON p.transaction_id = t.id
       WHERE t.occurred_at >= ? AND t.occurred_at < ?
       GROUP BY bucket, account`,
    ).all(new Date(fromMs).toISOString(), new Date(toMs).toISOString()) as { bucket: string; account: string; total: number }[],
  );
}

/** Sums over [fromMs, toMs) (fromMs null: since the beginning). */
function sums(sqlite: Database.Database, fromMs: number | null, toMs: number): Sums {
  const out: Sums = new Map();
  const firstWholeDay = fromMs === null ? null : floorDay(fromMs) === fromMs ? fromMs : floorDay(fromMs) + DAY_MS;
  const lastDayStart = floorDay(toMs);
  if (firstWholeDay !== null && firstWholeDay >= lastDayStart) {
    fromPostings(sqlite, out, fromMs!, toMs);
    return out;
  }
  if (fromMs !== null && firstWholeDay !== null) fromPostings(sqlite, out, fromMs, firstWholeDay);
  add(
    out,
    prepare(sqlite, 'SELECT bucket, account, sum(amount) AS total FROM ledger_daily WHERE day >= ? AND day < ? GROUP BY bucket, account').all(
      firstWholeDay === null ? '' : dayText(firstWholeDay),
      dayText(lastDayStart),
    ) as { bucket: string; account: string; total: number }[],
  );
  fromPostings(sqlite, out, lastDayStart, toMs);
  return out;
}

export function ledgerBalances(sqlite: Database.Database, input: { from?: Date | string | null; to?: Date | string | null }, now: Date): LedgerBalances {
  const from = input.from ? new Date(input.from) : null;
  const to = input.to ? new Date(input.to) : now;
  if ((from && Number.isNaN(from.getTime())) || Number.isNaN(to.getTime())) throw new AppError('INVALID_INPUT', 'from: is not a valid date', { field: 'from' });
  if (from && to.getTime() < from.getTime()) throw new AppError('INVALID_INPUT', 'to: must not be before from', { field: 'to' });
  // `to` is exclusive; the default ("now") includes what was posted at this very instant.
  const toMs = input.to ? to.getTime() : to.getTime() + 1;

  const balances = sums(sqlite, null, toMs);
  const flows = from ? sums(sqlite, from.getTime(), toMs) : balances;
  const get = (s: Sums, bucket: string, account = '') => s.get(`${bucket}|${account}`) ?? 0;

  const accounts = prepare(sqlite, 'SELECT id, name, provider, status FROM provider_accounts ORDER BY name COLLATE NOCASE').all() as {
    id: string;
    name: string;
    provider: string;
    status: string;
  }[];
  const upstreams: UpstreamBalance[] = accounts
    .map((a) => ({
      accountId: a.id,
      name: a.name,
      provider: a.provider,
      balance: get(balances, 'upstream', a.id),
      subBalances: get(balances, 'sub', a.id),
      cost: get(flows, 'cost', a.id),
      active: a.status === 'active',
    }))
    .filter((u) => u.active || u.balance !== 0 || u.subBalances !== 0 || u.cost !== 0)
    .map(({ active: _active, ...u }) => u);

  const revenue = 0 - get(flows, 'revenue');
  const cost = upstreams.reduce((sum, u) => sum + u.cost, 0);
  return {
    from: from ? from.toISOString() : null,
    to: to.toISOString(),
    cash: get(balances, 'cash'),
    upstreams,
    customerCredit: 0 - get(balances, 'credit'),
    receivables: get(balances, 'receivable'),
    equity: 0 - get(balances, 'equity'),
    revenue,
    cost,
    profit: revenue - cost,
  };
}
