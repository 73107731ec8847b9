import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { SyncEventView, SyncRunStats, SyncRunView } from '../../../shared/contract/sync';
import type { SyncRunStatus } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';

/**
 * Sync bookkeeping in the ledger file: runs, per-entity cursors and sync events. All
 * synchronous, so a page's rows and its cursor commit in one SQLite transaction.
 */

export type SyncEntity = 'customers' | 'services' | 'transactions';

/** A pass in progress: where the next page starts. Committed with every page. */
export interface PassState {
  passId: string;
  cursor: string | null;
  done: number;
  total: number | null;
  /** Transactions: stop at the first page that holds an id already known. */
  stopAtKnown?: boolean;
}

/** What the last completed pass established. */
export interface Watermark {
  passId: string;
  total: number | null;
  /** When the last complete (diffed) pass of a list finished. */
  fullAt: string;
}

export function emptyStats(): SyncRunStats {
  return {
    customersCreated: 0,
    customersLinked: 0,
    customersUpdated: 0,
    servicesCreated: 0,
    servicesUpdated: 0,
    servicesMissing: 0,
    transactionsNew: 0,
    conflicts: 0,
    skipped: [],
  };
}

export function readCursor(sqlite: Database.Database, accountId: string, entity: SyncEntity): { state: PassState | null; watermark: Watermark | null } {
  const row = prepare(sqlite, 'SELECT state, watermark FROM sync_cursors WHERE account_id = ? AND entity = ?').get(accountId, entity) as
    | { state: string | null; watermark: string | null }
    | undefined;
  return {
    state: row?.state ? (JSON.parse(row.state) as PassState) : null,
    watermark: row?.watermark ? (JSON.parse(row.watermark) as Watermark) : null,
  };
}

export function writeState(sqlite: Database.Database, accountId: string, entity: SyncEntity, state: PassState | null, now: string): void {
  prepare(
    sqlite,
    `INSERT INTO sync_cursors (account_id, entity, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, entity) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(accountId, entity, state ? JSON.stringify(state) : null, now);
}

export function completePass(sqlite: Database.Database, accountId: string, entity: SyncEntity, watermark: Watermark, now: string): void {
  prepare(
    sqlite,
    `INSERT INTO sync_cursors (account_id, entity, state, watermark, completed_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?)
     ON CONFLICT (account_id, entity) DO UPDATE SET state = NULL, watermark = excluded.watermark,
       completed_at = excluded.completed_at, updated_at = excluded.updated_at`,
  ).run(accountId, entity, JSON.stringify(watermark), now, now);
}

export function hasPassInProgress(sqlite: Database.Database, accountId: string): boolean {
  return prepare(sqlite, 'SELECT 1 FROM sync_cursors WHERE account_id = ? AND state IS NOT NULL LIMIT 1').get(accountId) !== undefined;
}

// ---- runs ----

export function startRun(sqlite: Database.Database, accountId: string, fullPass: boolean, now: string): string {
  const id = randomUUID();
  sqlite.transaction(() => {
    // A run still marked running belongs to a process that died: it is resumed, not repeated.
    prepare(sqlite, "UPDATE sync_runs SET status = 'interrupted', finished_at = ? WHERE account_id = ? AND status = 'running'").run(now, accountId);
    prepare(sqlite, "INSERT INTO sync_runs (id, account_id, status, full_pass, started_at) VALUES (?, ?, 'running', ?, ?)").run(
      id,
      accountId,
      fullPass ? 1 : 0,
      now,
    );
  })();
  return id;
}

export function finishRun(
  sqlite: Database.Database,
  runId: string,
  outcome: { status: SyncRunStatus; requests: number; stats: SyncRunStats; error?: { code: string; message: string } | null },
  now: string,
): void {
  prepare(
    sqlite,
    'UPDATE sync_runs SET status = ?, finished_at = ?, requests = ?, stats = ?, error_code = ?, error_message = ? WHERE id = ?',
  ).run(outcome.status, now, outcome.requests, JSON.stringify(outcome.stats), outcome.error?.code ?? null, outcome.error?.message ?? null, runId);
}

interface RunRow {
  id: string;
  account_id: string;
  status: SyncRunStatus;
  full_pass: number;
  started_at: string;
  finished_at: string | null;
  requests: number;
  stats: string;
  error_code: string | null;
  error_message: string | null;
}

function runView(row: RunRow): SyncRunView {
  return {
    runId: row.id,
    accountId: row.account_id,
    status: row.status,
    fullPass: row.full_pass === 1,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    requests: row.requests,
    stats: { ...emptyStats(), ...(JSON.parse(row.stats) as Partial<SyncRunStats>) },
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
  };
}

export function getRun(sqlite: Database.Database, runId: string): SyncRunView {
  return runView(prepare(sqlite, 'SELECT * FROM sync_runs WHERE id = ?').get(runId) as RunRow);
}

export function lastRun(sqlite: Database.Database, accountId: string): SyncRunView | null {
  const row = prepare(sqlite, 'SELECT * FROM sync_runs WHERE account_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1').get(accountId) as
    | RunRow
    | undefined;
  return row ? runView(row) : null;
}

// ---- events ----

export interface SyncEventInput {
  accountId: string;
  runId: string | null;
  kind: string;
  severity: 'info' | 'conflict';
  subject: string | null;
  /** Same key → same event: a re-run after a crash records nothing twice. */
  dedupeKey: string;
  details: Record<string, unknown>;
  transactionId?: string | null;
}

/** True when the event is new. */
export function recordEvent(sqlite: Database.Database, event: SyncEventInput, now: string): boolean {
  const result = prepare(
    sqlite,
    `INSERT INTO sync_events (id, account_id, run_id, kind, severity, subject, dedupe_key, details, transaction_id, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
  ).run(
    randomUUID(),
    event.accountId,
    event.runId,
    event.kind,
    event.severity,
    event.subject,
    event.dedupeKey,
    JSON.stringify(event.details),
    event.transactionId ?? null,
    // Facts need no answer; only conflicts wait open for the reseller.
    event.severity === 'conflict' ? 'open' : 'acknowledged',
    now,
  );
  return result.changes > 0;
}

export function hasEvent(sqlite: Database.Database, dedupeKey: string): boolean {
  return prepare(sqlite, 'SELECT 1 FROM sync_events WHERE dedupe_key = ?').get(dedupeKey) !== undefined;
}

interface EventRow {
  id: string;
  account_id: string;
  kind: string;
  severity: 'info' | 'conflict';
  subject: string | null;
  details: string;
  transaction_id: string | null;
  status: 'open' | 'acknowledged' | 'resolved';
  created_at: string;
}

export function listEvents(
  sqlite: Database.Database,
  filter: { accountId?: string | undefined; status?: string | undefined; limit?: number | undefined },
): SyncEventView[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.accountId) {
    where.push('account_id = ?');
    args.push(filter.accountId);
  }
  if (filter.status) {
    where.push('status = ?');
    args.push(filter.status);
  }
  const rows = sqlite
    .prepare(`SELECT * FROM sync_events ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
    .all(...args, filter.limit ?? 200) as EventRow[];
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    kind: r.kind,
    severity: r.severity,
    subject: r.subject,
    details: JSON.parse(r.details) as Record<string, unknown>,
    transactionId: r.transaction_id,
    status: r.status,
    createdAt: r.created_at,
  }));
}

export function countOpenConflicts(sqlite: Database.Database): number {
  return prepare(sqlite, "SELECT count(*) FROM sync_events WHERE severity = 'conflict' AND status = 'open'").pluck().get() as number;
}
