import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A digest of every row of every table (sqlite's own internals excepted), independent of
 * page layout, so "the database is unchanged" means unchanged in content. Rows are
 * compared as sorted JSON so a table without a rowid or an index-order change does not
 * matter; BLOBs are hex-encoded.
 */
export function tableDigests(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all() as Record<string, unknown>[];
    const lines = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : typeof v === 'bigint' ? `${v}n` : v))).sort();
    const hash = createHash('sha256');
    for (const line of lines) hash.update(line).update('\n');
    out[table] = `${rows.length}:${hash.digest('hex').slice(0, 16)}`;
  }
  return out;
}
