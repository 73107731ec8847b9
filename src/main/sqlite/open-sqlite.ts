import Database from 'better-sqlite3';

/**
 * The one way the app opens SQLite. better-sqlite3 is a native module built for one ABI:
 * node_modules holds the Node build (tests, CLI, bench); under Electron only the build
 * chosen by `selectNativeBinding` (ledger/native-binding.ts) loads, and any open that does
 * not pass it fails with a NODE_MODULE_VERSION error. So the binding is chosen once per
 * process (the shell does it before anything opens a file) and every connection — the
 * ledger, export readers, backups and their checks, the embedded sandbox's stores — goes
 * through `openSqlite`. ESLint forbids `new Database(` anywhere else in src/.
 */
let nativeBinding: string | undefined;
let bindingChosen = false;

/** Sets the better-sqlite3 build every later open uses (undefined: the package's own, for Node). */
export function useSqliteBinding(path: string | undefined): void {
  nativeBinding = path;
  bindingChosen = true;
}

export type SqliteOptions = Omit<Database.Options, 'nativeBinding'>;

export function openSqlite(file: string, options: SqliteOptions = {}): Database.Database {
  // Under Electron the package's own build can never load: say what is wrong instead of
  // letting better-sqlite3 fail with an unreadable ABI message.
  if (process.versions.electron && !nativeBinding) {
    throw new Error(
      bindingChosen
        ? 'SQLite was opened under Electron without an Electron build of better-sqlite3.'
        : 'SQLite was opened under Electron before the Electron build of better-sqlite3 was chosen (useSqliteBinding).',
    );
  }
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}
