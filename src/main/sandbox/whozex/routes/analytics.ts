import type { FastifyInstance } from 'fastify';
import { resellerOf } from '../auth';
import { chartDays, thirtyDayChart } from '../charts';
import type { RouteContext } from '../context';
import { gbFromMb, money } from '../json';
import { sql } from '../rows';
import { DAY_MS } from '../usage-model';

export function analyticsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;
  app.get('/analytics/overview', async (request) => {
    const r = resellerOf(request);
    const now = ctx.clock.now();
    const users = sql(
      db,
      `SELECT COUNT(*) AS total, COALESCE(SUM(balance_cents), 0) AS balance,
              COALESCE(SUM(CASE WHEN balance_cents > 0 THEN 1 ELSE 0 END), 0) AS funded
       FROM wzx_users WHERE reseller_id = ?`,
    ).get(r.id) as { total: number; balance: number; funded: number };
    const pk = sql(
      db,
      `SELECT COUNT(*) AS total,
              COALESCE(SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), 0) AS active,
              COALESCE(SUM(CASE WHEN status = 'depleted' THEN 1 ELSE 0 END), 0) AS depleted,
              COALESCE(SUM(CASE WHEN status = 'expired' THEN 1 ELSE 0 END), 0) AS expired,
              COALESCE(SUM(CASE WHEN status = 'active' AND (total_mb - used_mb) * 10 <= total_mb THEN 1 ELSE 0 END), 0) AS low,
              COALESCE(SUM(total_mb), 0) AS total_mb, COALESCE(SUM(used_mb), 0) AS used_mb
       FROM wzx_packages WHERE reseller_id = ?`,
    ).get(r.id) as { total: number; active: number; depleted: number; expired: number; low: number; total_mb: number; used_mb: number };
    const spend = sql(
      db,
      `SELECT COALESCE(SUM(amount_cents), 0) AS total,
              COALESCE(SUM(CASE WHEN created_at >= ? THEN amount_cents ELSE 0 END), 0) AS recent
       FROM wzx_transactions WHERE reseller_id = ? AND type IN ('purchase', 'add_gb')`,
    ).get(chartDays(now)[0]! * DAY_MS, r.id) as { total: number; recent: number };
    return ctx.ok({
      reseller_balance: money(r.balance_cents),
      users: { total: users.total, with_balance: users.funded, total_balance: money(users.balance) },
      packages: { total: pk.total, active: pk.active, low_gb: pk.low, depleted: pk.depleted, expired: pk.expired },
      gb: { purchased: gbFromMb(pk.total_mb), used: gbFromMb(pk.used_mb), remaining: gbFromMb(Math.max(0, pk.total_mb - pk.used_mb)) },
      spending: { total: money(spend.total), last_30_days: money(spend.recent) },
      chart: thirtyDayChart(db, r.id, now),
    });
  });
}
