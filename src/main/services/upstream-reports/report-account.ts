import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';

export interface ReportAccount {
  id: string;
  provider: 'proxies-sx' | 'whozex';
  name: string;
  isSandbox: boolean;
}

/** The active upstream account a report is asked for, or a clear NOT_FOUND. */
export function requireReportAccount(sqlite: Database.Database, accountId: string): ReportAccount {
  const row = prepare(sqlite, "SELECT id, provider, name, is_sandbox FROM provider_accounts WHERE id = ? AND status = 'active'").get(accountId) as
    | { id: string; provider: 'proxies-sx' | 'whozex'; name: string; is_sandbox: number }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That upstream account does not exist or was removed. Pick an account in Settings → Upstream accounts.', { field: 'accountId' });
  return { id: row.id, provider: row.provider, name: row.name, isSandbox: row.is_sandbox === 1 };
}
