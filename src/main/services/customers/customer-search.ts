import type Database from 'better-sqlite3';
import {
  CUSTOMER_COUNT_CAP,
  CUSTOMER_IDS_CAP,
  type CustomerFilters,
  type CustomerListItem,
  type CustomerListQuery,
  type CustomerPage,
} from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import type { CustomersTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import { toCustomer } from './customer-store';

/**
 * Customer list and search, built to stay within a few milliseconds at 100,000
 * customers:
 * - search is a prefix range on the NOCASE indexes of name, email, company and external
 *   id, one range per index gathered with UNION ALL (never a `%term%` scan; SQLite does
 *   not use the indexes for an OR of ranges);
 * - balances come from the trigger-kept `customer_balances` table;
 * - the count and the page's keys touch only the tables their filters need, and the
 *   keys are read from covering indexes, so an offset of 50,000 walks index entries,
 *   not rows; the full rows of the page are fetched afterwards by rowid;
 * - a keyset cursor makes the next page cost what the first one did.
 */

const DAY_MS = 86_400_000;
/** Above every character a prefix can be followed by: the upper bound of a prefix range. */
const TOP = '\u{10FFFF}';

type SortName = CustomerListQuery['sort'];

/** ORDER BY key and tie-breaker per sort; each pair is exactly the order of an index. */
const SORTS: Record<SortName, { key: string; tie: string }> = {
  name: { key: 'c.name COLLATE NOCASE', tie: 'c.rowid' },
  email: { key: 'c.email', tie: 'c.rowid' },
  created: { key: 'c.created_at', tie: 'c.rowid' },
  balance: { key: 'b.balance', tie: 'b.customer_id' },
};

interface Cursor {
  s: string;
  d: string;
  v: string | number;
  t: string | number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string, sort: string, direction: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (c.s === sort && c.d === direction && (typeof c.v === 'string' || typeof c.v === 'number') && (typeof c.t === 'string' || typeof c.t === 'number')) return c;
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', 'cursor: is not a cursor of this list; start again from the first page', { field: 'cursor' });
}

type Row = CustomersTable & { rid: number; credit: number; receivable: number; balance: number };

interface Filters {
  /** Conditions on customers (c), and the same conditions in their walking form. */
  c: string[];
  cWalk: string[];
  cParams: (string | number)[];
  /** Conditions on customer_balances (b). */
  b: string[];
  bParams: (string | number)[];
}

const SEARCH_UNION = `
  SELECT rowid AS rid FROM customers WHERE name COLLATE NOCASE >= ? AND name COLLATE NOCASE < ?
  UNION ALL SELECT rowid FROM customers WHERE email >= ? AND email < ?
  UNION ALL SELECT rowid FROM customers WHERE company COLLATE NOCASE >= ? AND company COLLATE NOCASE < ?
  UNION ALL SELECT rowid FROM customers WHERE external_id COLLATE NOCASE >= ? AND external_id COLLATE NOCASE < ?`;
/** Drives the query from the matches (few matches: fetch them, then sort). */
const SEARCH_DRIVE = `c.rowid IN (${SEARCH_UNION})`;
/** `+` keeps SQLite from driving with the matches: it walks the sort's index and tests membership (many matches). */
const SEARCH_FILTER = `+c.rowid IN (${SEARCH_UNION})`;

function buildFilters(query: CustomerFilters, now: Date): Filters & { term: string | null } {
  const f: Filters = { c: [], cWalk: [], cParams: [], b: [], bParams: [] };
  const term = query.search?.trim() || null;
  if (query.status) {
    f.c.push('c.status = ?');
    f.cWalk.push('c.status = ?');
    f.cParams.push(query.status);
  }
  // Set filters come in two forms: IN drives the query from the set (few members);
  // EXISTS tests each row met while walking the sort's index (many members).
  if (query.accountId) {
    // Sets are of rowids, built from covering indexes only, so intersecting them with the
    // status index (which holds rowids) never reads a table row.
    f.c.push('c.rowid IN (SELECT m.rowid FROM customer_links l JOIN customers m ON m.id = l.customer_id WHERE l.account_id = ?)');
    f.cWalk.push('EXISTS (SELECT 1 FROM customer_links l WHERE l.customer_id = c.id AND l.account_id = ?)');
    f.cParams.push(query.accountId);
  }
  if (query.expiringWithinDays !== undefined) {
    f.c.push('c.rowid IN (SELECT m.rowid FROM services s JOIN customers m ON m.id = s.customer_id WHERE s.expires_at > ? AND s.expires_at <= ?)');
    // INDEXED BY keeps the probe on the customer's own services, never the whole expiry range.
    f.cWalk.push('EXISTS (SELECT 1 FROM services s INDEXED BY services_customer WHERE s.customer_id = c.id AND s.expires_at > ? AND s.expires_at <= ?)');
    f.cParams.push(now.toISOString(), new Date(now.getTime() + query.expiringWithinDays * DAY_MS).toISOString());
  }
  const ranges: [keyof CustomerFilters, string, '>=' | '<='][] = [
    ['creditMin', 'b.credit', '>='],
    ['creditMax', 'b.credit', '<='],
    ['receivableMin', 'b.receivable', '>='],
    ['receivableMax', 'b.receivable', '<='],
    ['balanceMin', 'b.balance', '>='],
    ['balanceMax', 'b.balance', '<='],
  ];
  for (const [field, column, op] of ranges) {
    const value = query[field];
    if (typeof value === 'number') {
      f.b.push(`${column} ${op} ?`);
      f.bParams.push(value);
    }
  }
  return { ...f, term };
}

/** FROM + WHERE over just the tables the conditions need (parameters in the order of the SQL). */
function source(
  f: ReturnType<typeof buildFilters>,
  need: { b: boolean; c: boolean; walk?: boolean },
  extra: { where: string[]; params: (string | number)[] } = { where: [], params: [] },
) {
  const needB = need.b;
  const needC = need.c || f.term !== null || f.c.length > 0 || !needB;
  const from = needC && needB ? 'customers c JOIN customer_balances b ON b.customer_id = c.id' : needB ? 'customer_balances b' : 'customers c';
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.term !== null) {
    where.push(need.walk ? SEARCH_FILTER : SEARCH_DRIVE);
    const hi = f.term + TOP;
    params.push(f.term, hi, f.term, hi, f.term, hi, f.term, hi);
  }
  if (needC) {
    where.push(...(need.walk ? f.cWalk : f.c));
    params.push(...f.cParams);
  }
  if (needB) {
    where.push(...f.b);
    params.push(...f.bParams);
  }
  where.push(...extra.where);
  params.push(...extra.params);
  return { from, where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** About how many customers there are, in O(1): customers are archived, never deleted, so max(rowid) is close. */
function customerCountEstimate(sqlite: Database.Database): number {
  return (prepare(sqlite, 'SELECT max(rowid) FROM customers').pluck().get() as number | null) ?? 0;
}

/**
 * The total, from the narrowest source that answers it (index entries rather than rows
 * where possible). The unfiltered total is exact (one walk of the smallest index, well
 * under a millisecond per 100,000 customers). A search or filter is counted only up to
 * CUSTOMER_COUNT_CAP + 1 matches: a one-letter search matches ~15 % of customers, and
 * counting them all cost as much as the rest of the query; nobody reads "14,349".
 */
function countCustomers(sqlite: Database.Database, f: ReturnType<typeof buildFilters>, query: CustomerFilters, now: Date): { total: number; capped: boolean } {
  const only = f.c.length === 0 && f.b.length === 0;
  if (f.term === null && only) {
    return { total: prepare(sqlite, 'SELECT count(*) FROM customers').pluck().get() as number, capped: false };
  }
  const limit = CUSTOMER_COUNT_CAP + 1;
  const bounded = (n: number) => ({ total: Math.min(n, CUSTOMER_COUNT_CAP), capped: n > CUSTOMER_COUNT_CAP });
  if (f.term !== null && only) {
    const hi = f.term + TOP;
    return bounded(prepare(sqlite, `SELECT count(*) FROM (SELECT DISTINCT rid FROM (${SEARCH_UNION}) LIMIT ?)`).pluck().get(f.term, hi, f.term, hi, f.term, hi, f.term, hi, limit) as number);
  }
  if (f.term === null && f.b.length === 0 && f.c.length === 1) {
    if (query.accountId) return bounded(prepare(sqlite, 'SELECT count(*) FROM (SELECT 1 FROM customer_links WHERE account_id = ? LIMIT ?)').pluck().get(query.accountId, limit) as number);
    if (query.expiringWithinDays !== undefined) {
      return bounded(
        prepare(sqlite, 'SELECT count(*) FROM (SELECT DISTINCT customer_id FROM services INDEXED BY services_expires_customer WHERE expires_at > ? AND expires_at <= ? LIMIT ?)')
          .pluck()
          .get(now.toISOString(), new Date(now.getTime() + query.expiringWithinDays * DAY_MS).toISOString(), limit) as number,
      );
    }
  }
  const count = source(f, { b: f.b.length > 0, c: false });
  return bounded(prepare(sqlite, `SELECT count(*) FROM (SELECT 1 FROM ${count.from} ${count.where} LIMIT ?)`).pluck().get(...count.params, limit) as number);
}

export function listCustomers(sqlite: Database.Database, query: CustomerListQuery, now: Date): CustomerPage {
  const f = buildFilters(query, now);
  const hasB = f.b.length > 0;

  const { total, capped } = countCustomers(sqlite, f, query, now);

  // Phase 1: the page's keys, in order, from covering indexes.
  const sort = SORTS[query.sort];
  const byBalance = query.sort === 'balance';
  const dir = query.direction === 'desc' ? 'DESC' : 'ASC';
  const extra = { where: [] as string[], params: [] as (string | number)[] };
  let offset = query.offset;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, query.sort, query.direction);
    extra.where.push(`(${sort.key}, ${sort.tie}) ${dir === 'ASC' ? '>' : '<'} (?, ?)`);
    extra.params.push(c.v, c.t);
    offset = 0;
  }
  // Few matches: fetch them and sort. Many: walk the sort's index until the page is full.
  // Sorting costs ~ a row read per match; walking ~ (offset + limit) × customers / matches
  // index steps; a row read is taken as ~4 index steps.
  // A capped total means at least CUSTOMER_COUNT_CAP matches: dense enough to walk.
  const walk = (f.term !== null || f.c.length > 0) && total > 0 && (capped || (offset + query.limit) * customerCountEstimate(sqlite) < 4 * total * total);
  const keys = source(f, { b: hasB || byBalance, c: !byBalance, walk }, extra);
  const keyColumn = byBalance ? 'b.customer_id' : 'c.rowid';
  const pageKeys = prepare(
    sqlite,
    `SELECT ${keyColumn} FROM ${keys.from} ${keys.where} ORDER BY ${sort.key} ${dir}, ${sort.tie} ${dir} LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(...keys.params, query.limit + 1, offset) as (number | string)[];

  const more = pageKeys.length > query.limit;
  const wanted = more ? pageKeys.slice(0, query.limit) : pageKeys;
  if (wanted.length === 0) return { items: [], total, totalIsCapped: capped, nextCursor: null };

  // Phase 2: full rows for just these keys, put back in the key order.
  const rows = prepare(
    sqlite,
    `SELECT c.rowid AS rid, c.*, b.credit AS credit, b.receivable AS receivable, b.balance AS balance
     FROM customers c JOIN customer_balances b ON b.customer_id = c.id
     WHERE ${byBalance ? 'c.id' : 'c.rowid'} IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(wanted)) as Row[];
  const byKey = new Map(rows.map((r) => [byBalance ? r.id : r.rid, r]));
  const ordered = wanted.map((k) => byKey.get(k)).filter((r): r is Row => r !== undefined);

  const items: CustomerListItem[] = ordered.map((r) => {
    const { notes: _notes, ...customer } = toCustomer(r);
    return { ...customer, credit: r.credit, receivable: r.receivable, balance: r.balance };
  });
  const last = ordered[ordered.length - 1];
  const sortValue = (r: Row): string | number =>
    query.sort === 'name' ? r.name : query.sort === 'email' ? r.email : query.sort === 'created' ? r.created_at : r.balance;
  return {
    items,
    total,
    totalIsCapped: capped,
    nextCursor: more && last ? encodeCursor({ s: query.sort, d: query.direction, v: sortValue(last), t: byBalance ? last.id : last.rid }) : null,
  };
}

/**
 * Every customer id the list's filters match ("select all N that match"), from the same
 * conditions as the list, in one query: no sort, no paging, and the search drives from
 * its index ranges. Refuses beyond `cap` rather than hand a bulk action a cut-off
 * selection that looks complete.
 */
export function listCustomerIds(sqlite: Database.Database, query: CustomerFilters, now: Date, cap = CUSTOMER_IDS_CAP): string[] {
  const f = buildFilters(query, now);
  const from = source(f, { b: f.b.length > 0, c: true });
  const ids = prepare(sqlite, `SELECT c.id FROM ${from.from} ${from.where} LIMIT ?`)
    .pluck()
    .all(...from.params, cap + 1) as string[];
  if (ids.length > cap) {
    throw new AppError('TOO_MANY_MATCHES', `More than ${cap.toLocaleString('en-US')} customers match. Narrow the search or filters to act on them all at once.`, {
      details: { cap },
    });
  }
  return ids;
}
