import { sql, type Kysely } from 'kysely';

/**
 * Issue 15: the operations journal no longer trusts an upstream Idempotency-Key.
 * - `client_request_id`: the id a charging form (window or CLI) makes when it opens; the
 *   same id is the same operation, so a second click returns the first one's state;
 * - `baseline`: what the documented reads showed just BEFORE the request left (the
 *   customer's balance, used port slots, package count…), so a lost answer can be settled
 *   by looking again instead of resending;
 * - `review`: the facts kept when the reads could not decide (the operation then waits as
 *   "needs review", still `pending`, with error_code NEEDS_REVIEW, until the reseller settles it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`ALTER TABLE operations ADD COLUMN client_request_id TEXT`,
    sql`ALTER TABLE operations ADD COLUMN baseline TEXT`,
    sql`ALTER TABLE operations ADD COLUMN review TEXT`,
    sql`CREATE UNIQUE INDEX operations_client_request ON operations (client_request_id) WHERE client_request_id IS NOT NULL`,
    sql`CREATE INDEX operations_unsettled_by_customer ON operations (customer_id, kind) WHERE status = 'pending'`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Schema migrations are not undone; restore a backup instead.');
}
