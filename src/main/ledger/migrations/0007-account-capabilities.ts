import { sql, type Kysely } from 'kysely';

/**
 * What each upstream account offers beyond the documented routes, as learned (issue 15):
 * - account_capabilities: one row per assumed capability (balance, portExtend, …):
 *   present | absent | unknown, how it was learned (openapi, probe, first-use) and when;
 * - account_capability_checks: the last full check of an account (for the daily re-check).
 * No row = not learned yet: the app relies on documented routes only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE account_capabilities (
      account_id TEXT NOT NULL REFERENCES provider_accounts (id),
      capability TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('present', 'absent', 'unknown')),
      source TEXT NOT NULL CHECK (source IN ('openapi', 'probe', 'first-use')),
      detail TEXT,
      checked_at TEXT NOT NULL,
      PRIMARY KEY (account_id, capability)
    ) WITHOUT ROWID`,
    sql`CREATE TABLE account_capability_checks (
      account_id TEXT PRIMARY KEY REFERENCES provider_accounts (id),
      source TEXT CHECK (source IN ('openapi', 'probe')),
      error TEXT,
      checked_at TEXT NOT NULL
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Schema migrations are not undone; restore a backup instead.');
}
