import type Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-sqlite';

export type SandboxDb = Database.Database;

/**
 * One SQLite database per simulated API: a file (WAL, so a crash keeps committed state)
 * or ':memory:' when no file is given (tests). Each API creates its own prefixed tables;
 * the core modules (idempotency, webhook deliveries) create theirs on first use.
 */
export function openSandboxStore(file?: string): SandboxDb {
  const db = openSqlite(file ?? ':memory:');
  if (file && file !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
