import type Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-sqlite';

/**
 * A read-only connection for one export. Streaming with `.iterate()` keeps a statement
 * open for the whole export; on the app's own connection that would block every other
 * query meanwhile ("connection is busy"). A separate reader in WAL mode sees one
 * consistent snapshot (it holds a read transaction) while the app keeps writing.
 */
export type OpenReader = () => Database.Database;

export function readerFactory(file: string): OpenReader {
  return () => {
    const db = openSqlite(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  };
}
