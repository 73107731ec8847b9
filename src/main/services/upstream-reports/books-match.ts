import type Database from 'better-sqlite3';
import type { BooksView } from '../../../shared/contract/upstream-reports';
import { ledgerAccounts } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';

/**
 * Which journal transaction of the books records an upstream statement line.
 *
 * The books do not post the upstream's lines one by one (sync reconciles on the balance);
 * each money move the app made is a journal transaction of its own. A line and a
 * transaction are the same move when:
 * 1. the line's text carries the operation's reference (`ref <key>`, which the app puts in
 *    the documented Whozex `note` of balance moves): an exact match; otherwise
 * 2. they are the same kind of move on the same upstream balance (the reseller's, or the
 *    customer's sub-balance there) for the same amount: the n-th such line, oldest first,
 *    pairs with the n-th such transaction, so one transaction never answers for two lines,
 *    and only when their times are within MATCH_WINDOW_MS of each other.
 */

interface Rule {
  kind: string;
  /** Whose upstream balance the line moves: the reseller's or a customer's sub-balance. */
  on: 'reseller' | 'sub';
  /** Tells a package purchase from an add-GB when both book as a sale. */
  operation?: string;
}

const RULES: Record<'proxies-sx' | 'whozex', Record<string, Rule>> = {
  whozex: {
    deposit: { kind: 'deposit', on: 'reseller' },
    balance_add: { kind: 'topup', on: 'sub' },
    balance_deduct: { kind: 'deduct', on: 'sub' },
    purchase: { kind: 'sale', on: 'sub', operation: 'package.create' },
    add_gb: { kind: 'sale', on: 'sub', operation: 'package.add-gb' },
  },
  'proxies-sx': {
    deposit: { kind: 'deposit', on: 'reseller' },
    topup: { kind: 'topup', on: 'sub' },
    port_purchase: { kind: 'sale', on: 'reseller', operation: 'port.create' },
    port_extend: { kind: 'sale', on: 'reseller', operation: 'port.extend' },
  },
};

/** Upstream and app clocks differ a little; a day and a half covers a late sync, not a different month. */
export const MATCH_WINDOW_MS = 36 * 3600_000;

const REF = /\bref ([A-Za-z0-9_.:-]{6,})\)/;

export interface LineKey {
  accountId: string;
  provider: 'proxies-sx' | 'whozex';
  upstreamId: string;
  /**
   * Among equal upstream times: a line first seen by a later sync is newer, and within one
   * sync a higher rowid is older (each page is stored newest first).
   */
  firstSeenAt: string;
  rowid: number;
  type: string;
  amount: number;
  description: string | null;
  upstreamCustomerId: string | null;
  customerId: string | null;
  occurredAt: string | null;
}

interface JournalRow {
  id: string;
  kind: string;
  description: string;
  occurred_at: string;
}

const view = (r: JournalRow, how: 'reference' | 'amount-and-time'): BooksView => ({
  status: 'matched',
  how,
  transactionId: r.id,
  kind: r.kind,
  description: r.description,
  occurredAt: r.occurred_at,
});

export function booksViewOf(sqlite: Database.Database, line: LineKey): BooksView {
  const rule = RULES[line.provider][line.type];
  const byRef = referenceMatch(sqlite, line, rule);
  if (byRef) return view(byRef, 'reference');
  if (!rule) return { status: 'unknown-type' };
  const ledgerAccount =
    rule.on === 'reseller' ? ledgerAccounts.upstream(line.accountId) : line.customerId ? ledgerAccounts.upstreamSub(line.accountId, line.customerId) : null;
  if (!ledgerAccount) return { status: 'missing' };
  const unmatched = (): BooksView => openingCover(sqlite, line, ledgerAccount) ?? { status: 'missing' };
  const amount = Math.abs(line.amount);
  const at = line.occurredAt ?? '';
  // This line's place among the same moves (same type, customer and amount), oldest first.
  const rank = prepare(
    sqlite,
    `SELECT count(*) FROM upstream_transactions
     WHERE account_id = @account AND type = @type AND upstream_customer_id IS @customer AND abs(amount) = @amount
       AND (coalesce(occurred_at, '') < @at
            OR (coalesce(occurred_at, '') = @at AND (first_seen_at < @seen OR (first_seen_at = @seen AND rowid > @rowid))))`,
  )
    .pluck()
    .get({ account: line.accountId, type: line.type, customer: line.upstreamCustomerId, amount, at, seen: line.firstSeenAt, rowid: line.rowid }) as number;
  const hit = prepare(
    sqlite,
    `SELECT t.id, t.kind, t.description, t.occurred_at FROM transactions t
     JOIN postings p ON p.transaction_id = t.id
     LEFT JOIN operations o ON o.id = t.operation_id
     WHERE t.provider_account_id = ? AND t.kind = ? AND p.account_id = ? AND abs(p.amount) = ?
       AND (? IS NULL OR t.operation_id IS NULL OR o.kind = ?)
       AND NOT EXISTS (SELECT 1 FROM transactions r WHERE r.reverses_id = t.id)
     ORDER BY t.occurred_at, t.seq LIMIT 1 OFFSET ?`,
  ).get(line.accountId, rule.kind, ledgerAccount, amount, rule.operation ?? null, rule.operation ?? null, rank) as JournalRow | undefined;
  if (!hit) return unmatched();
  if (line.occurredAt && Math.abs(Date.parse(hit.occurred_at) - Date.parse(line.occurredAt)) > MATCH_WINDOW_MS) return unmatched();
  return view(hit, 'amount-and-time');
}

/** A line from before the first sync opened this balance is inside that opening balance. */
function openingCover(sqlite: Database.Database, line: LineKey, ledgerAccount: string): BooksView | null {
  if (!line.occurredAt) return null;
  const opening = prepare(
    sqlite,
    `SELECT t.id, t.occurred_at FROM transactions t JOIN postings p ON p.transaction_id = t.id
     WHERE t.provider_account_id = ? AND t.kind = 'opening_balance' AND p.account_id = ? ORDER BY t.seq LIMIT 1`,
  ).get(line.accountId, ledgerAccount) as { id: string; occurred_at: string } | undefined;
  if (!opening || Date.parse(line.occurredAt) > Date.parse(opening.occurred_at)) return null;
  return { status: 'opening', transactionId: opening.id, occurredAt: opening.occurred_at };
}

function referenceMatch(sqlite: Database.Database, line: LineKey, rule: Rule | undefined): JournalRow | null {
  const key = line.description ? REF.exec(line.description)?.[1] : undefined;
  if (!key) return null;
  const rows = prepare(
    sqlite,
    `SELECT t.id, t.kind, t.description, t.occurred_at FROM operations o JOIN transactions t ON t.operation_id = o.id
     WHERE o.idempotency_key = ? AND o.provider_account_id = ? ORDER BY t.seq`,
  ).all(key, line.accountId) as JournalRow[];
  return rows.find((r) => (rule ? r.kind === rule.kind : r.kind !== 'payment')) ?? null;
}
