import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { EventsPage, InboxEventView } from '../../../shared/contract/events';
import type { EventInboxTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import { enterCrossing } from './fact-keys';
import { summarize } from './summary';
import type { EventDraft } from './types';
import { maskPayload, maskRaw } from './mask-proxy-passwords';

/** The inbox table: one row per fact, read back as InboxEventView. */

type Row = Omit<EventInboxTable, 'seq'> & { seq: number; account_name?: string | null };

/**
 * Inserts a draft unless its fact is already there. Runs inside the caller's
 * transaction (crossing numbers are decided in it). Returns the new id, or null.
 */
export function insertDraft(sqlite: Database.Database, draft: EventDraft, receivedAt: string): string | null {
  const factKey = 'key' in draft.fact ? draft.fact.key : `${draft.fact.crossing}:${enterCrossing(sqlite, draft.fact.crossing, receivedAt)}`;
  const id = randomUUID();
  const result = prepare(
    sqlite,
    `INSERT INTO event_inbox (id, fact_key, source, type, account_id, subject, summary, payload, raw, delivery_id, occurred_at, received_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT (fact_key) DO NOTHING`,
  ).run(
    id,
    factKey,
    draft.source,
    draft.type,
    draft.accountId,
    draft.subject,
    summarize(draft.type, draft.payload),
    JSON.stringify(draft.payload),
    draft.raw,
    draft.deliveryId ?? null,
    draft.occurredAt,
    receivedAt,
  );
  return result.changes === 1 ? id : null;
}

const SELECT = `SELECT e.*, a.name AS account_name FROM event_inbox e LEFT JOIN provider_accounts a ON a.id = e.account_id`;

/** What any screen sees of an event: proxy passwords masked (mask-proxy-passwords.ts). */
export function toView(row: Row): InboxEventView {
  return {
    id: row.id,
    seq: row.seq,
    source: row.source,
    type: row.type,
    accountId: row.account_id,
    accountName: row.account_name ?? null,
    subject: row.subject,
    summary: row.summary,
    payload: maskPayload(JSON.parse(row.payload)) as Record<string, unknown>,
    raw: row.raw === null ? null : maskRaw(row.raw),
    deliveryId: row.delivery_id,
    factKey: row.fact_key,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    status: row.status,
    effects: JSON.parse(row.effects) as string[],
    error: row.error,
  };
}

export function getEventRow(sqlite: Database.Database, id: string): Row | undefined {
  return prepare(sqlite, `${SELECT} WHERE e.id = ?`).get(id) as Row | undefined;
}

export interface EventFilter {
  type?: string | string[] | undefined;
  accountId?: string | undefined;
  customerId?: string | undefined;
  source?: 'webhook' | 'poll' | 'local' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  text?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * What the inbox says about one customer, as a WHERE clause: events on their upstream
 * user (`customer:<upstream id>`) or on one of their proxies or packages
 * (`port:<id>`, `package:<id>`), each at its own upstream account, and local events with
 * no account whose subject is `customer:<their id>`. The subjects are looked up first
 * (a handful per customer), so the event table is matched on (account, subject) pairs.
 */
function customerSubjects(sqlite: Database.Database, customerId: string): { sql: string; args: string[] } {
  const pairs = prepare(
    sqlite,
    `SELECT account_id AS account, 'customer:' || upstream_id AS subject FROM customer_links WHERE customer_id = ?
     UNION SELECT provider_account_id, kind || ':' || upstream_id FROM services WHERE customer_id = ?`,
  ).all(customerId, customerId) as { account: string; subject: string }[];
  const parts = ["(e.account_id IS NULL AND e.subject = ?)"];
  const args = [`customer:${customerId}`];
  for (const p of pairs) {
    parts.push('(e.account_id = ? AND e.subject = ?)');
    args.push(p.account, p.subject);
  }
  return { sql: `(${parts.join(' OR ')})`, args };
}

/** Newest first, paged by seq. Dates compare as ISO text (all stored as UTC ISO). */
export function listEvents(sqlite: Database.Database, f: EventFilter = {}): EventsPage {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const types = f.type === undefined ? [] : Array.isArray(f.type) ? f.type : [f.type];
  if (types.length > 0) {
    where.push(`e.type IN (${types.map(() => '?').join(', ')})`);
    args.push(...types);
  }
  if (f.accountId) {
    where.push('e.account_id = ?');
    args.push(f.accountId);
  }
  if (f.customerId) {
    const about = customerSubjects(sqlite, f.customerId);
    where.push(about.sql);
    args.push(...about.args);
  }
  if (f.source) {
    where.push('e.source = ?');
    args.push(f.source);
  }
  if (f.from) {
    where.push('e.occurred_at >= ?');
    args.push(new Date(f.from).toISOString());
  }
  if (f.to) {
    where.push('e.occurred_at < ?');
    args.push(new Date(f.to).toISOString());
  }
  if (f.text) {
    const like = `%${escapeLike(f.text.toLowerCase())}%`;
    where.push(
      "(lower(e.type) LIKE ? ESCAPE '\\' OR lower(coalesce(e.subject, '')) LIKE ? ESCAPE '\\' OR lower(e.summary) LIKE ? ESCAPE '\\' OR lower(coalesce(e.raw, '')) LIKE ? ESCAPE '\\')",
    );
    args.push(like, like, like, like);
  }
  if (f.cursor) {
    where.push('e.seq < ?');
    args.push(Number(f.cursor));
  }
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const rows = prepare(sqlite, `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY e.seq DESC LIMIT ${limit + 1}`).all(
    ...args,
  ) as Row[];
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map(toView);
  return { items, nextCursor: more && items.length > 0 ? String(items[items.length - 1]!.seq) : null };
}
