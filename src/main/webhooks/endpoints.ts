import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { WebhookEndpointsTable, WebhookRegistrationsTable } from '../ledger/schema';
import { prepare } from '../ledger/sql';
import { constantTimeEqual } from './signatures';

/**
 * Per-account listener endpoints (an unguessable token in the path) and the webhooks
 * registered upstream for them. The signing secrets are in the keychain, never here.
 */

/** Rows of webhook_endpoints and webhook_registrations, as the ledger schema declares them. */
export type EndpointRow = WebhookEndpointsTable;
export type RegistrationRow = WebhookRegistrationsTable;

/** 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function getEndpoint(sqlite: Database.Database, accountId: string): EndpointRow | undefined {
  return prepare(sqlite, 'SELECT * FROM webhook_endpoints WHERE account_id = ?').get(accountId) as EndpointRow | undefined;
}

export function ensureEndpoint(sqlite: Database.Database, accountId: string, now: string): EndpointRow {
  prepare(sqlite, 'INSERT INTO webhook_endpoints (account_id, token, created_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO NOTHING').run(
    accountId,
    newToken(),
    now,
  );
  return getEndpoint(sqlite, accountId)!;
}

/** The path token of an active account, compared in constant time. */
export function tokenMatches(sqlite: Database.Database, accountId: string, token: string): boolean {
  const row = prepare(
    sqlite,
    "SELECT e.token FROM webhook_endpoints e JOIN provider_accounts a ON a.id = e.account_id WHERE e.account_id = ? AND a.status = 'active'",
  ).get(accountId) as { token: string } | undefined;
  if (!row) return false;
  return constantTimeEqual(Buffer.from(row.token, 'utf8'), Buffer.from(token, 'utf8'));
}

export function countDelivery(sqlite: Database.Database, accountId: string, accepted: boolean, reason: string | null, now: string): void {
  if (accepted) {
    prepare(sqlite, 'UPDATE webhook_endpoints SET accepted = accepted + 1, last_delivery_at = ? WHERE account_id = ?').run(now, accountId);
  } else {
    prepare(sqlite, 'UPDATE webhook_endpoints SET rejected = rejected + 1, last_rejection = ? WHERE account_id = ?').run(
      `${now} ${reason ?? ''}`.trim(),
      accountId,
    );
  }
}

export function listRegistrations(sqlite: Database.Database, accountId: string): RegistrationRow[] {
  return prepare(sqlite, 'SELECT * FROM webhook_registrations WHERE account_id = ? ORDER BY created_at, rowid').all(accountId) as RegistrationRow[];
}

/** signing defaults to 'secret' and refused_events to '[]' (rows written before 0009). */
export function insertRegistration(
  sqlite: Database.Database,
  row: Omit<RegistrationRow, 'signing' | 'refused_events'> & Partial<Pick<RegistrationRow, 'signing' | 'refused_events'>>,
): void {
  prepare(
    sqlite,
    `INSERT INTO webhook_registrations (account_id, upstream_id, url, events, created_at, signing, refused_events) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, upstream_id) DO UPDATE SET url = excluded.url, events = excluded.events, signing = excluded.signing,
       refused_events = excluded.refused_events`,
  ).run(row.account_id, row.upstream_id, row.url, row.events, row.created_at, row.signing ?? 'secret', row.refused_events ?? '[]');
}

export function deleteRegistration(sqlite: Database.Database, accountId: string, upstreamId: string): void {
  prepare(sqlite, 'DELETE FROM webhook_registrations WHERE account_id = ? AND upstream_id = ?').run(accountId, upstreamId);
}
