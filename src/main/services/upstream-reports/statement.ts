import type { StatementAvailability, StatementLine, StatementPage } from '../../../shared/contract/upstream-reports';
import { WHOZEX_DOCUMENTED_TRANSACTION_TYPES } from '../../../shared/contract/upstream-reports';
import { AppError } from '../../../shared/errors';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import { readCursor } from '../sync/sync-state';
import { booksViewOf } from './books-match';
import { requireReportAccount } from './report-account';

export interface StatementQuery {
  accountId: string;
  type?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  utcOffsetMinutes: number;
  limit: number;
  offset: number;
}

const DAY_MS = 86_400_000;

/** A local calendar day at the caller's UTC offset → the UTC instant it starts. */
function dayStart(day: string, utcOffsetMinutes: number, field: string): number {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) throw new AppError('INVALID_INPUT', `${field}: ${day} is not a calendar date.`, { field });
  return t - utcOffsetMinutes * 60_000;
}

/**
 * One account's upstream statement, as sync stored it (`upstream_transactions`, from the
 * documented Whozex `GET /account/transactions`, or the Proxies.sx endpoint the app assumes),
 * filtered and paged, each line with the books' view of it. Reads only the ledger: the
 * screen works offline and shows exactly what the last sync saw.
 */
export function statementPage(ledger: Ledger, q: StatementQuery): StatementPage {
  const { sqlite } = ledger;
  const account = requireReportAccount(sqlite, q.accountId);
  const from = q.from ? new Date(dayStart(q.from, q.utcOffsetMinutes, 'from')).toISOString() : null;
  const to = q.to ? new Date(dayStart(q.to, q.utcOffsetMinutes, 'to') + DAY_MS).toISOString() : null;
  if (from && to && from >= to) throw new AppError('INVALID_INPUT', 'The "from" date is after the "to" date: swap them or clear one.', { field: 'from' });

  return sqlite.transaction((): StatementPage => {
    const where = ['ut.account_id = @account'];
    if (q.type) where.push('ut.type = @type');
    if (from) where.push('ut.occurred_at >= @from');
    if (to) where.push('ut.occurred_at < @to');
    const params = { account: account.id, type: q.type ?? null, from, to };
    const total = prepare(sqlite, `SELECT count(*) FROM upstream_transactions ut WHERE ${where.join(' AND ')}`).pluck().get(params) as number;
    const rows = prepare(
      sqlite,
      `SELECT ut.rowid AS row_id, ut.first_seen_at, ut.upstream_id, ut.type, ut.amount, ut.balance_after, ut.description, ut.upstream_customer_id, ut.occurred_at,
              c.id AS customer_id, c.name AS customer_name
       FROM upstream_transactions ut
       LEFT JOIN customer_links cl ON cl.account_id = ut.account_id AND cl.upstream_id = ut.upstream_customer_id
       LEFT JOIN customers c ON c.id = cl.customer_id
       WHERE ${where.join(' AND ')}
       ORDER BY ut.occurred_at DESC, ut.first_seen_at DESC, ut.rowid ASC LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: q.limit, offset: q.offset }) as {
      row_id: number;
      first_seen_at: string;
      upstream_id: string;
      type: string;
      amount: number;
      balance_after: number | null;
      description: string | null;
      upstream_customer_id: string | null;
      occurred_at: string | null;
      customer_id: string | null;
      customer_name: string | null;
    }[];
    const items: StatementLine[] = rows.map((r) => ({
      upstreamId: r.upstream_id,
      type: r.type,
      amount: r.amount,
      balanceAfter: r.balance_after,
      description: r.description,
      upstreamCustomerId: r.upstream_customer_id,
      customer: r.customer_id ? { id: r.customer_id, name: r.customer_name ?? r.customer_id } : null,
      occurredAt: r.occurred_at,
      books: booksViewOf(sqlite, {
        accountId: account.id,
        provider: account.provider,
        upstreamId: r.upstream_id,
        rowid: r.row_id,
        firstSeenAt: r.first_seen_at,
        type: r.type,
        amount: r.amount,
        description: r.description,
        upstreamCustomerId: r.upstream_customer_id,
        customerId: r.customer_id,
        occurredAt: r.occurred_at,
      }),
    }));

    const stored = prepare(sqlite, 'SELECT count(*) FROM upstream_transactions WHERE account_id = ?').pluck().get(account.id) as number;
    const seenTypes = prepare(sqlite, 'SELECT DISTINCT type FROM upstream_transactions WHERE account_id = ? ORDER BY type').pluck().all(account.id) as string[];
    const { watermark } = readCursor(sqlite, account.id, 'transactions');
    const synced = stored > 0 || watermark !== null;
    const documented = account.provider === 'whozex';
    const availability: StatementAvailability = synced ? 'synced' : documented ? 'never-synced' : 'not-documented';
    return {
      accountId: account.id,
      accountName: account.name,
      provider: account.provider,
      isSandbox: account.isSandbox,
      availability,
      documented,
      notice: noticeFor(account.provider, availability),
      lastSyncedAt: watermark?.fullAt ?? null,
      types: documented ? [...new Set([...WHOZEX_DOCUMENTED_TRANSACTION_TYPES, ...seenTypes])] : seenTypes,
      items,
      total,
      limit: q.limit,
      offset: q.offset,
    };
  })();
}

function noticeFor(provider: 'proxies-sx' | 'whozex', availability: StatementAvailability): string | null {
  if (provider === 'proxies-sx') {
    return availability === 'synced'
      ? 'Proxies.sx does not document a statement API. These lines came from an endpoint Reseller Desk assumes (GET /reseller/transactions); your books never depend on it.'
      : "Proxies.sx does not document a statement API, so there is no upstream statement to show. Your books are the record of this account's money: see each customer's statement and the journal export.";
  }
  return availability === 'never-synced' ? 'Not read yet: sync this account to read its Whozex statement (GET /account/transactions).' : null;
}
