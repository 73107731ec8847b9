import type Database from 'better-sqlite3';
import { openSqlite, type SqliteOptions } from '../sqlite/open-sqlite';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations';
import type { Schema } from './schema';
import { assertLedgerIntact, checkReason, markClosed, markOpen, type GoodBackup } from './integrity';

export interface Ledger {
  /** The raw connection: synchronous, for transactions and hot paths. */
  readonly sqlite: Database.Database;
  /** Query builder over the same connection (typed schema). */
  readonly kysely: Kysely<Schema>;
  readonly file: string;
  close(): Promise<void>;
}

export interface OpenLedgerOptions {
  /** Runs before migrations that change the schema (the backup hook). */
  beforeMigrate?: (sqlite: Database.Database, pending: string[]) => Promise<void> | void;
  readonly?: boolean;
  /**
   * The newest intact backup, named when the ledger is found damaged at an open after a
   * restore or an unclean shutdown (integrity.ts). Without it the message names none.
   */
  newestGoodBackup?: () => GoodBackup | null;
}

/**
 * synchronous=FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on power
 * loss. A lost commit here could be a `pending` operation row written just before an
 * upstream charge, which is exactly what reconciliation needs to find; a few hundred
 * microseconds per commit is a fair price for never losing money records.
 */
export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('temp_store = MEMORY');
  // 64 MiB page cache: the customer list and dashboard at 100k customers / 1M postings
  // stay in memory instead of re-reading pages.
  sqlite.pragma('cache_size = -65536');
}

export function createKysely(sqlite: Database.Database): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Opens (creating if needed) the ledger file, sets its pragmas and migrates it to the latest schema. */
export async function openLedger(file: string, options: OpenLedgerOptions = {}): Promise<Ledger> {
  const dbOptions: SqliteOptions = options.readonly ? { readonly: true } : {};
  const reason = options.readonly ? null : checkReason(file);
  const sqlite = openSqlite(file, dbOptions);
  try {
    // Before anything writes: a damaged ledger is refused, not migrated or run on.
    if (reason) assertLedgerIntact(sqlite, file, reason, options.newestGoodBackup ?? (() => null));
    if (!options.readonly) applyPragmas(sqlite);
    const kysely = createKysely(sqlite);
    if (!options.readonly) {
      await migrateToLatest(kysely as Kysely<unknown>, sqlite, options.beforeMigrate);
      sqlite.pragma('optimize = 0x10002'); // analyse tables that never were, cheaply, at open
      markOpen(file);
    }
    return {
      sqlite,
      kysely,
      file,
      async close() {
        // Keeps query-planner statistics current so plans stay steady as the ledger grows.
        if (!options.readonly && sqlite.open) {
          try {
            sqlite.pragma('optimize');
          } catch {
            // Statistics are an optimisation; closing must not fail for them.
          }
        }
        await kysely.destroy(); // closes the better-sqlite3 connection too
        if (!options.readonly) markClosed(file);
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}

export async function migrateToLatest(
  kysely: Kysely<unknown>,
  sqlite: Database.Database,
  beforeMigrate?: OpenLedgerOptions['beforeMigrate'],
): Promise<string[]> {
  const migrator = new Migrator({ db: kysely, provider: migrationProvider });
  const pending = (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
  if (pending.length === 0) return [];
  await beforeMigrate?.(sqlite, pending);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Ledger migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return pending;
}
