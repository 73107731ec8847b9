import { sql, type Kysely } from 'kysely';

/**
 * What an upstream gave when a webhook was registered (issue 15):
 * - signing: 'secret' when the registration answer carried a signing secret (kept in the
 *   keychain), 'none' when it did not (no Proxies.sx document promises one). Deliveries to
 *   an unsigned registration are hints: the app re-reads the named resource through
 *   documented reads before anything changes.
 * - refused_events: extra (undocumented) event names the upstream refused, tried one at a
 *   time after the documented ones were registered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`ALTER TABLE webhook_registrations ADD COLUMN signing TEXT NOT NULL DEFAULT 'secret' CHECK (signing IN ('secret', 'none'))`,
    sql`ALTER TABLE webhook_registrations ADD COLUMN refused_events TEXT NOT NULL DEFAULT '[]'`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Schema migrations are not undone; restore a backup instead.');
}
