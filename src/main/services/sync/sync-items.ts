import type Database from 'better-sqlite3';
import { prepare } from '../../ledger/sql';

export type ItemEntity = 'customer' | 'port' | 'package';

export interface SyncItem {
  local_id: string;
  fingerprint: string;
  seen_pass: string | null;
  missing_since: string | null;
}

export function getItem(sqlite: Database.Database, accountId: string, entity: ItemEntity, upstreamId: string): SyncItem | undefined {
  return prepare(sqlite, 'SELECT local_id, fingerprint, seen_pass, missing_since FROM sync_items WHERE account_id = ? AND entity = ? AND upstream_id = ?').get(
    accountId,
    entity,
    upstreamId,
  ) as SyncItem | undefined;
}

/** Insert or refresh the mirror row; `passId` null (a probe page) keeps the previous seen pass. */
export function putItem(
  sqlite: Database.Database,
  row: { accountId: string; entity: ItemEntity; upstreamId: string; localId: string; fingerprint: string; passId: string | null; now: string },
): void {
  prepare(
    sqlite,
    `INSERT INTO sync_items (account_id, entity, upstream_id, local_id, fingerprint, seen_pass, missing_since, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
     ON CONFLICT (account_id, entity, upstream_id) DO UPDATE SET local_id = excluded.local_id, fingerprint = excluded.fingerprint,
       seen_pass = coalesce(excluded.seen_pass, sync_items.seen_pass), missing_since = NULL, updated_at = excluded.updated_at`,
  ).run(row.accountId, row.entity, row.upstreamId, row.localId, row.fingerprint, row.passId, row.now);
}

/** Only the pass marker: for an unchanged object seen again in a full pass. */
export function markSeen(sqlite: Database.Database, accountId: string, entity: ItemEntity, upstreamId: string, passId: string): void {
  prepare(sqlite, 'UPDATE sync_items SET seen_pass = ? WHERE account_id = ? AND entity = ? AND upstream_id = ?').run(passId, accountId, entity, upstreamId);
}
