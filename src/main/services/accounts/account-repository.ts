import type { AccountView, ProviderKindName } from '../../../shared/contract/accounts';
import { AppError } from '../../../shared/errors';
import type { Ledger } from '../../ledger/database';
import type { ProviderAccountsTable } from '../../ledger/schema';
import { all, first, run } from '../../ledger/sql';

/** Reads and writes of provider_accounts; no upstream calls, no keychain. */

export type AccountRow = ProviderAccountsTable;

export function getAccountRow(ledger: Ledger, id: string): AccountRow | undefined {
  return first(ledger.sqlite, ledger.kysely.selectFrom('provider_accounts').selectAll().where('id', '=', id));
}

/** The active account, or NOT_FOUND with a message a reseller understands. */
export function requireActiveAccount(ledger: Ledger, id: string): AccountRow {
  const row = getAccountRow(ledger, id);
  if (!row || row.status !== 'active') {
    throw new AppError('NOT_FOUND', 'That upstream account does not exist or was removed. Refresh the list of accounts.');
  }
  return row;
}

export function listAccountRows(ledger: Ledger, options: { includeRemoved?: boolean } = {}): AccountRow[] {
  let query = ledger.kysely.selectFrom('provider_accounts').selectAll();
  if (!options.includeRemoved) query = query.where('status', '=', 'active');
  // Real accounts first, then sandbox ones: a sandbox account is never mistaken for a real one.
  return all(ledger.sqlite, query.orderBy('is_sandbox').orderBy('created_at').orderBy('name'));
}

/** A refusal before anything is stored: the active names are unique, case-insensitively. */
export function assertNameFree(ledger: Ledger, name: string, exceptId?: string): void {
  let query = ledger.kysely
    .selectFrom('provider_accounts')
    .select('id')
    .where('status', '=', 'active')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (first(ledger.sqlite, query)) {
    throw new AppError('CONFLICT', `An account named "${name}" already exists. Choose another name.`, { field: 'name' });
  }
}

export function insertAccountRow(
  ledger: Ledger,
  row: { id: string; provider: ProviderKindName; name: string; baseUrl: string; isSandbox: boolean; keyHint: string | null; now: string },
): void {
  run(
    ledger.sqlite,
    ledger.kysely.insertInto('provider_accounts').values({
      id: row.id,
      provider: row.provider,
      name: row.name,
      base_url: row.baseUrl,
      is_sandbox: row.isSandbox ? 1 : 0,
      key_hint: row.keyHint,
      currency: 'USD',
      status: 'active',
      created_at: row.now,
      updated_at: row.now,
    }),
  );
}

export function updateAccountRow(
  ledger: Ledger,
  id: string,
  patch: { name?: string; baseUrl?: string; keyHint?: string; status?: 'active' | 'removed' },
  now: string,
): void {
  const values: Partial<AccountRow> = { updated_at: now };
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.baseUrl !== undefined) values.base_url = patch.baseUrl;
  if (patch.keyHint !== undefined) values.key_hint = patch.keyHint;
  if (patch.status !== undefined) values.status = patch.status;
  run(ledger.sqlite, ledger.kysely.updateTable('provider_accounts').set(values).where('id', '=', id));
}

interface LastRun {
  account_id: string;
  status: string;
  started_at: string;
  finished_at: string | null;
}

function lastRuns(ledger: Ledger): Map<string, LastRun> {
  const rows = ledger.sqlite
    .prepare(
      `SELECT r.account_id, r.status, r.started_at, r.finished_at FROM sync_runs r
       WHERE r.started_at = (SELECT max(started_at) FROM sync_runs WHERE account_id = r.account_id)`,
    )
    .all() as LastRun[];
  return new Map(rows.map((r) => [r.account_id, r]));
}

export function toView(row: AccountRow, last?: LastRun): AccountView {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    baseUrl: row.base_url,
    isSandbox: row.is_sandbox === 1,
    keyHint: row.key_hint,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSync: last ? { status: last.status, startedAt: last.started_at, finishedAt: last.finished_at } : null,
  };
}

export function listAccountViews(ledger: Ledger, options: { includeRemoved?: boolean } = {}): AccountView[] {
  const runs = lastRuns(ledger);
  return listAccountRows(ledger, options).map((row) => toView(row, runs.get(row.id)));
}

export function accountView(ledger: Ledger, id: string): AccountView {
  const row = getAccountRow(ledger, id);
  if (!row) throw new AppError('NOT_FOUND', 'That upstream account does not exist.');
  return toView(row, lastRuns(ledger).get(id));
}

/** Upstream calls on this account that are neither completed nor failed (pending, or waiting for review). */
export function unsettledOperations(ledger: Ledger, accountId: string): { kind: string; customerName: string | null }[] {
  return all(
    ledger.sqlite,
    ledger.kysely
      .selectFrom('operations as o')
      .leftJoin('customers as c', 'c.id', 'o.customer_id')
      .select(['o.kind as kind', 'c.name as customerName'])
      .where('o.provider_account_id', '=', accountId)
      .where('o.status', 'not in', ['completed', 'failed'])
      .orderBy('o.created_at'),
  );
}
