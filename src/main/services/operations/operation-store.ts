import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { OperationStatusName, OperationView } from '../../../shared/contract/operations';
import type { OperationsTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import type { OperationRecord } from './types';

/** Rows of the `operations` table (migration 0001). Synchronous, for use inside transactions. */

/** `rd_` + 32 hex: within the 8–128 [A-Za-z0-9_-] every upstream accepts. */
export function newIdempotencyKey(): string {
  return `rd_${randomUUID().replace(/-/g, '')}`;
}

export function toRecord<Req>(row: OperationsTable): OperationRecord<Req> {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    accountId: row.provider_account_id,
    customerId: row.customer_id,
    status: row.status,
    request: JSON.parse(row.request) as Req,
    attempts: row.attempts,
    createdAt: row.created_at,
    baseline: row.baseline ? (JSON.parse(row.baseline) as unknown) : null,
    clientRequestId: row.client_request_id ?? null,
  };
}

export function getOperationRow(sqlite: Database.Database, id: string): OperationsTable | undefined {
  return prepare(sqlite, 'SELECT * FROM operations WHERE id = ?').get(id) as OperationsTable | undefined;
}

/** Committed on its own, BEFORE the request leaves: a crash after this leaves a row to reconcile. */
export function insertPending(
  sqlite: Database.Database,
  input: { kind: string; accountId: string; customerId: string | null; request: unknown; baseline?: unknown; clientRequestId?: string | null; idempotencyKey?: string },
  now: Date,
): OperationRecord {
  const id = randomUUID();
  const key = input.idempotencyKey ?? newIdempotencyKey();
  const at = now.toISOString();
  prepare(
    sqlite,
    `INSERT INTO operations (id, idempotency_key, kind, provider_account_id, customer_id, status, request, attempts, created_at, updated_at, client_request_id, baseline)
     VALUES (?, ?, ?, ?, ?, 'pending', ?, 0, ?, ?, ?, ?)`,
  ).run(
    id,
    key,
    input.kind,
    input.accountId,
    input.customerId,
    JSON.stringify(input.request),
    at,
    at,
    input.clientRequestId ?? null,
    input.baseline === undefined || input.baseline === null ? null : JSON.stringify(input.baseline),
  );
  return toRecord(getOperationRow(sqlite, id)!);
}

export function operationByRequestId(sqlite: Database.Database, clientRequestId: string): OperationsTable | undefined {
  return prepare(sqlite, 'SELECT * FROM operations WHERE client_request_id = ?').get(clientRequestId) as OperationsTable | undefined;
}

/** The oldest unsettled (pending or needs review) operation of this kind for this customer (at this account, when given). */
export function unsettledFor(sqlite: Database.Database, kind: string, customerId: string, accountId?: string): OperationsTable | undefined {
  return prepare(
    sqlite,
    "SELECT * FROM operations WHERE status = 'pending' AND kind = ? AND customer_id = ? AND (? IS NULL OR provider_account_id = ?) ORDER BY created_at, id LIMIT 1",
  ).get(kind, customerId, accountId ?? null, accountId ?? null) as OperationsTable | undefined;
}

export const NEEDS_REVIEW = 'NEEDS_REVIEW';

/** Keeps the row pending but waiting for the reseller, with the facts the reads showed. */
export function markNeedsReview(sqlite: Database.Database, id: string, message: string, facts: unknown, now: Date): boolean {
  return (
    prepare(
      sqlite,
      `UPDATE operations SET attempts = attempts, error_code = '${NEEDS_REVIEW}', error_message = ?, review = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
    ).run(message, JSON.stringify(facts ?? null), now.toISOString(), id).changes === 1
  );
}

export function isNeedsReview(row: Pick<OperationsTable, 'status' | 'error_code'>): boolean {
  return row.status === 'pending' && row.error_code === NEEDS_REVIEW;
}

/** Counts an attempt and keeps the row pending (with the last error, for the UI). */
export function notePendingAttempt(sqlite: Database.Database, id: string, error: { code: string; message: string } | null, now: Date): void {
  prepare(
    sqlite,
    `UPDATE operations SET attempts = attempts + 1, error_code = ?, error_message = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
  ).run(error?.code ?? null, error?.message ?? null, now.toISOString(), id);
}

/** pending → completed. False when another reconciler got there first (then nothing else must be written). */
export function markCompleted(sqlite: Database.Database, id: string, result: unknown, requestId: string | null, now: Date): boolean {
  const at = now.toISOString();
  const changed = prepare(
    sqlite,
    `UPDATE operations SET status = 'completed', result = ?, upstream_request_id = ?, attempts = attempts + 1,
       error_code = NULL, error_message = NULL, updated_at = ?, completed_at = ? WHERE id = ? AND status = 'pending'`,
  ).run(JSON.stringify(result), requestId, at, at, id).changes;
  return changed === 1;
}

export function markFailed(sqlite: Database.Database, id: string, error: { code: string; message: string }, now: Date): boolean {
  const at = now.toISOString();
  return (
    prepare(
      sqlite,
      `UPDATE operations SET status = 'failed', error_code = ?, error_message = ?, attempts = attempts + 1, updated_at = ?, completed_at = ?
       WHERE id = ? AND status = 'pending'`,
    ).run(error.code, error.message, at, at, id).changes === 1
  );
}

/** Pending rows a sweep checks: those waiting for the reseller (needs review) are checked only on demand. */
export function pendingRows(sqlite: Database.Database, accountId?: string, includeReview = false): OperationsTable[] {
  const waiting = includeReview ? '' : `AND coalesce(error_code, '') != '${NEEDS_REVIEW}'`;
  return accountId
    ? (prepare(sqlite, `SELECT * FROM operations WHERE status = 'pending' ${waiting} AND provider_account_id = ? ORDER BY created_at, id`).all(accountId) as OperationsTable[])
    : (prepare(sqlite, `SELECT * FROM operations WHERE status = 'pending' ${waiting} ORDER BY created_at, id`).all() as OperationsTable[]);
}

interface ListFilter {
  status?: OperationStatusName | undefined;
  accountId?: string | undefined;
  customerId?: string | undefined;
  limit: number;
  offset: number;
}

export function listOperations(
  sqlite: Database.Database,
  filter: ListFilter,
  describe: (row: OperationsTable) => string,
): { items: OperationView[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.status) {
    where.push('o.status = ?');
    args.push(filter.status);
  } else {
    where.push("o.status IN ('pending', 'failed')");
  }
  if (filter.accountId) {
    where.push('o.provider_account_id = ?');
    args.push(filter.accountId);
  }
  if (filter.customerId) {
    where.push('o.customer_id = ?');
    args.push(filter.customerId);
  }
  const clause = where.join(' AND ');
  const total = prepare(sqlite, `SELECT count(*) FROM operations o WHERE ${clause}`).pluck().get(...args) as number;
  const rows = prepare(
    sqlite,
    `SELECT o.*, a.name AS account_name, c.name AS customer_name FROM operations o
     LEFT JOIN provider_accounts a ON a.id = o.provider_account_id LEFT JOIN customers c ON c.id = o.customer_id
     WHERE ${clause} ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?`,
  ).all(...args, filter.limit, filter.offset) as (OperationsTable & { account_name: string | null; customer_name: string | null })[];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      requestId: r.client_request_id ?? null,
      review: isNeedsReview(r) && r.review ? (JSON.parse(r.review) as OperationView['review']) : null,
      kind: r.kind,
      description: describe(r),
      accountId: r.provider_account_id,
      accountName: r.account_name,
      customerId: r.customer_id,
      customerName: r.customer_name,
      status: r.status,
      attempts: r.attempts,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      completedAt: r.completed_at,
    })),
  };
}
