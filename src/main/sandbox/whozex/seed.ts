import type { Database } from 'better-sqlite3';
import type { SandboxClock } from '../core/clock';
import { PACKAGE_LIFETIME_MS, recordTransaction } from './operations';
import { costCents } from './pricing';
import { dailyRateMb } from './usage-model';
import { sql, type ResellerRow } from './rows';
import { migrateWhozex } from './schema';

/** Fixed so demos and docs work: see SANDBOX-SHARED / docs/sandbox.md. */
export const WHOZEX_SANDBOX_KEY = 'wx_live_sandbox_000000000000000000000000000000';
export const WHOZEX_SANDBOX_RESELLER_ID = 'rs_sandbox_reseller';
export const WHOZEX_SANDBOX_BALANCE_CENTS = 15_000;
export const WHOZEX_SANDBOX_CUSTOM_PRICE_MICROS = 900_000;

/**
 * The seeded reseller: $150.00, VIP, custom price $0.90/GB, the fixed key, and the
 * deposit that funded it. Idempotent: on a persisted state it changes nothing and
 * returns the key currently in force (it may have been regenerated).
 */
export function seedWhozex(db: Database, clock: SandboxClock): { apiKey: string } {
  migrateWhozex(db);
  return db.transaction(() => {
    const existing = sql(db, 'SELECT * FROM wzx_resellers WHERE id = ?').get(WHOZEX_SANDBOX_RESELLER_ID) as ResellerRow | undefined;
    if (existing) return { apiKey: existing.api_key };
    const now = clock.now();
    sql(
      db,
      `INSERT INTO wzx_resellers (id, name, email, balance_cents, is_vip, custom_price_micros, api_key, status, created_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, 'active', ?)`,
    ).run(
      WHOZEX_SANDBOX_RESELLER_ID,
      'Sandbox Reseller',
      'reseller@sandbox.whozex.com',
      WHOZEX_SANDBOX_BALANCE_CENTS,
      WHOZEX_SANDBOX_CUSTOM_PRICE_MICROS,
      WHOZEX_SANDBOX_KEY,
      now,
    );
    recordTransaction(db, {
      resellerId: WHOZEX_SANDBOX_RESELLER_ID,
      type: 'deposit',
      amountCents: WHOZEX_SANDBOX_BALANCE_CENTS,
      description: 'Initial deposit',
      resellerBalanceAfter: WHOZEX_SANDBOX_BALANCE_CENTS,
      at: now,
    });
    return { apiKey: WHOZEX_SANDBOX_KEY };
  })();
}

/**
 * A large account for sync and performance work: `users` sub-users (deterministic ids
 * `00000000-0000-4000-8000-<index>` and emails bulkN@example.com, $10.00 each) with
 * `packagesPerUser` residential packages each (10 GB at the reseller's price). Written
 * directly, without transactions or webhooks; runs in one DB transaction.
 */
export function seedWhozexLargeAccount(db: Database, clock: SandboxClock, opts: { users: number; packagesPerUser: number }): void {
  seedWhozex(db, clock);
  const now = clock.now();
  const reseller = sql(db, 'SELECT * FROM wzx_resellers WHERE id = ?').get(WHOZEX_SANDBOX_RESELLER_ID) as ResellerRow;
  const price = reseller.custom_price_micros ?? 1_600_000;
  const insUser = db.prepare('INSERT INTO wzx_users (id, reseller_id, name, email, balance_cents, created_at) VALUES (?, ?, ?, ?, 1000, ?)');
  const insPkg = db.prepare(
    `INSERT INTO wzx_packages (id, reseller_id, user_id, proxy_type, total_mb, used_mb, status, evomi_username, evomi_password,
       price_micros, cost_cents, created_at, expires_at) VALUES (?, ?, ?, 'residential', 10000, 0, 'active', ?, ?, ?, ?, ?, ?)`,
  );
  const insSeg = db.prepare('INSERT INTO wzx_usage_segments (package_id, start_at, used_start_mb, cap_mb, rate_mb_per_day) VALUES (?, ?, 0, 10000, ?)');
  db.transaction(() => {
    let n = 0;
    for (let i = 1; i <= opts.users; i++) {
      const userId = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      insUser.run(userId, WHOZEX_SANDBOX_RESELLER_ID, `Bulk User ${i}`, `bulk${i}@example.com`, now);
      for (let j = 0; j < opts.packagesPerUser; j++) {
        n++;
        const id = `PKG-Z${n.toString(36).toUpperCase().padStart(5, '0')}`;
        insPkg.run(id, WHOZEX_SANDBOX_RESELLER_ID, userId, `wxbulk${n}`, `wxpbulk${n}`, price, costCents(10, price), now, now + PACKAGE_LIFETIME_MS);
        insSeg.run(id, now, dailyRateMb(id, 10_000));
      }
    }
  })();
}
