import type Database from 'better-sqlite3';

/** The folder of the last export, kept in the settings table for the save dialog to open in. */
const KEY = 'exports.lastFolder';

export function readLastFolder(sqlite: Database.Database): string | null {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return null;
  try {
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

export function rememberFolder(sqlite: Database.Database, folder: string, now: Date): void {
  sqlite
    .prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(KEY, JSON.stringify(folder), now.toISOString());
}
