import Database from 'better-sqlite3';

/**
 * A read-only connection for one export. Streaming with `.iterate()` keeps a statement
 * open for the whole export; on the app's own connection that would block every other
 * query meanwhile ("connection is busy"). A separate reader in WAL mode sees one
 * consistent snapshot (it holds a read transaction) while the app keeps writing.
 */
export type OpenReader = () => Database.Database;

export function readerFactory(file: string, nativeBinding?: string): OpenReader {
  return () => {
    const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    return db;
  };
}
