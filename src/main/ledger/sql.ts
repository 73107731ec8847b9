import type Database from 'better-sqlite3';
import type { Compilable } from 'kysely';

/**
 * Runs kysely-built queries synchronously on the better-sqlite3 connection, so a use
 * case can read and write inside one `sqlite.transaction(...)` with typed queries.
 * Prepared statements are cached per SQL text and connection.
 */
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepare(sqlite: Database.Database, sql: string): Database.Statement {
  let perDb = cache.get(sqlite);
  if (!perDb) {
    perDb = new Map();
    cache.set(sqlite, perDb);
  }
  let stmt = perDb.get(sql);
  if (!stmt) {
    stmt = sqlite.prepare(sql);
    perDb.set(sql, stmt);
  }
  return stmt;
}

export function all<R>(sqlite: Database.Database, query: Compilable<R>): R[] {
  const { sql, parameters } = query.compile();
  return prepare(sqlite, sql).all(...(parameters as unknown[])) as R[];
}

export function first<R>(sqlite: Database.Database, query: Compilable<R>): R | undefined {
  const { sql, parameters } = query.compile();
  return prepare(sqlite, sql).get(...(parameters as unknown[])) as R | undefined;
}

export function run(sqlite: Database.Database, query: Compilable<unknown>): Database.RunResult {
  const { sql, parameters } = query.compile();
  return prepare(sqlite, sql).run(...(parameters as unknown[]));
}
