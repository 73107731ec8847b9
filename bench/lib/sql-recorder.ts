import type Database from 'better-sqlite3';

/**
 * "The raw SQL of the same query": a service function is run once on a recording proxy
 * of the connection, which notes every statement it executes with its parameters; the
 * raw baseline then replays exactly those statements from statements prepared in
 * advance. The difference between the two is what the service adds (building the SQL,
 * mapping rows, JSON, cursors), not a different query plan.
 */

export interface RecordedCall {
  sql: string;
  method: 'all' | 'get' | 'run' | 'iterate';
  pluck: boolean;
  raw: boolean;
  params: unknown[];
}

export function recordingConnection(db: Database.Database): { db: Database.Database; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const wrap = (stmt: Database.Statement, sql: string) => {
    let pluck = false;
    let raw = false;
    const w: Record<string, unknown> = {
      pluck(on = true) {
        pluck = on;
        stmt.pluck(on);
        return w;
      },
      raw(on = true) {
        raw = on;
        stmt.raw(on);
        return w;
      },
      all: (...p: unknown[]) => (calls.push({ sql, method: 'all', pluck, raw, params: p }), stmt.all(...p)),
      get: (...p: unknown[]) => (calls.push({ sql, method: 'get', pluck, raw, params: p }), stmt.get(...p)),
      run: (...p: unknown[]) => (calls.push({ sql, method: 'run', pluck, raw, params: p }), stmt.run(...p)),
      iterate: (...p: unknown[]) => (calls.push({ sql, method: 'iterate', pluck, raw, params: p }), stmt.iterate(...p)),
      get reader() {
        return stmt.reader;
      },
    };
    return w;
  };
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { db: proxy, calls };
}

/** Prepares the recorded statements once; the returned function executes them all. */
export function replayer(db: Database.Database, calls: RecordedCall[]): () => void {
  const prepared = calls.map((c) => {
    const stmt = db.prepare(c.sql);
    if (c.pluck) stmt.pluck(true);
    if (c.raw) stmt.raw(true);
    return { stmt, c };
  });
  return () => {
    for (const { stmt, c } of prepared) {
      if (c.method === 'all') stmt.all(...c.params);
      else if (c.method === 'get') stmt.get(...c.params);
      else if (c.method === 'run') stmt.run(...c.params);
      else for (const _row of stmt.iterate(...c.params)) void _row;
    }
  };
}
