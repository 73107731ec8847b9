import type { FastifyInstance } from 'fastify';
import { resellerOf } from '../auth';
import { thirtyDayChart, chartDays } from '../charts';
import type { RouteContext } from '../context';
import { newApiKey } from '../ids';
import { optionalEnum, optionalInt } from '../input';
import { gbFromMb, money, rate } from '../json';
import { loadReseller } from '../operations';
import { PROXY_TYPES } from '../pricing';
import { iso, sql, TRANSACTION_TYPES, type TransactionRow } from '../rows';
import { DAY_MS } from '../usage-model';
import { pagination, transactionView } from '../views';

const maskKey = (key: string): string => `${key.slice(0, 8)}…${key.slice(-4)}`;

function spendingTotals(ctx: RouteContext, resellerId: string) {
  const rows = sql(ctx.db, 'SELECT type, SUM(amount_cents) AS cents, COUNT(*) AS n FROM wzx_transactions WHERE reseller_id = ? GROUP BY type').all(
    resellerId,
  ) as { type: string; cents: number; n: number }[];
  const by = (t: string): number => rows.find((r) => r.type === t)?.cents ?? 0;
  return { purchases: by('purchase'), addGb: by('add_gb'), added: by('balance_add'), returned: by('balance_deduct'), deposits: by('deposit') };
}

export function accountRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  app.get('/account', async (request) => {
    const r = resellerOf(request);
    const counts = sql(
      db,
      `SELECT (SELECT COUNT(*) FROM wzx_packages WHERE reseller_id = ?) AS packages,
              (SELECT COUNT(*) FROM wzx_users WHERE reseller_id = ?) AS sub_users`,
    ).get(r.id, r.id) as { packages: number; sub_users: number };
    const s = spendingTotals(ctx, r.id);
    return ctx.ok({
      id: r.id,
      name: r.name,
      email: r.email,
      balance: money(r.balance_cents),
      is_vip: r.is_vip === 1,
      api_key: { key_hint: maskKey(r.api_key), last_used_at: r.api_key_last_used_at === null ? null : iso(r.api_key_last_used_at) },
      stats: { packages: counts.packages, sub_users: counts.sub_users, total_spent: money(s.purchases + s.addGb) },
      pricing: { custom_price_per_gb: r.custom_price_micros === null ? null : rate(r.custom_price_micros) },
      created_at: iso(r.created_at),
    });
  });

  app.get('/account/stats', async (request) => {
    const r = resellerOf(request);
    const now = ctx.clock.now();
    const s = spendingTotals(ctx, r.id);
    const last30 = sql(
      db,
      `SELECT COALESCE(SUM(amount_cents), 0) AS cents FROM wzx_transactions
       WHERE reseller_id = ? AND created_at >= ? AND type IN ('purchase', 'add_gb')`,
    ).get(r.id, chartDays(now)[0]! * DAY_MS) as { cents: number };
    const byType = sql(
      db,
      `SELECT proxy_type, COUNT(*) AS n, SUM(total_mb) AS total, SUM(used_mb) AS used,
              SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END) AS active
       FROM wzx_packages WHERE reseller_id = ? GROUP BY proxy_type`,
    ).all(r.id) as { proxy_type: string; n: number; total: number; used: number; active: number }[];
    const gbByType = Object.fromEntries(
      PROXY_TYPES.map((t) => {
        const row = byType.find((x) => x.proxy_type === t);
        const total = row?.total ?? 0;
        const used = row?.used ?? 0;
        return [
          t,
          {
            packages: row?.n ?? 0,
            active_packages: row?.active ?? 0,
            total_gb: gbFromMb(total),
            used_gb: gbFromMb(used),
            remaining_gb: gbFromMb(Math.max(0, total - used)),
          },
        ];
      }),
    );
    return ctx.ok({
      balance: money(r.balance_cents),
      spending: {
        total_spent: money(s.purchases + s.addGb),
        packages: money(s.purchases),
        add_gb: money(s.addGb),
        last_30_days: money(last30.cents),
        balance_added_to_users: money(s.added),
        balance_returned_from_users: money(s.returned),
        deposits: money(s.deposits),
      },
      gb_by_proxy_type: gbByType,
      chart: thirtyDayChart(db, r.id, now),
    });
  });

  app.get('/account/transactions', async (request) => {
    const r = resellerOf(request);
    const q = request.query as Record<string, unknown>;
    const page = optionalInt(q, 'page', 1, 1, 1_000_000);
    const limit = optionalInt(q, 'limit', 20, 1, 100);
    const type = optionalEnum(q, 'type', TRANSACTION_TYPES);
    const where = type ? 'reseller_id = ? AND type = ?' : 'reseller_id = ?';
    const args: (string | number)[] = type ? [r.id, type] : [r.id];
    const total = (sql(db, `SELECT COUNT(*) AS n FROM wzx_transactions WHERE ${where}`).get(...args) as { n: number }).n;
    const rows = sql(db, `SELECT * FROM wzx_transactions WHERE ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(
      ...args,
      limit,
      (page - 1) * limit,
    ) as TransactionRow[];
    return ctx.ok({ transactions: rows.map(transactionView), pagination: pagination(total, page, limit) });
  });

  app.post('/account/regenerate-key', async (request, reply) => {
    const r = resellerOf(request);
    const idem = request.headers['idempotency-key'];
    return ctx.mutate(request, reply, 200, (now) => {
      const current = loadReseller(db, r.id);
      const key = newApiKey();
      sql(db, 'INSERT OR REPLACE INTO wzx_revoked_keys (api_key, reseller_id, idempotency_key, revoked_at) VALUES (?, ?, ?, ?)').run(
        current.api_key,
        r.id,
        typeof idem === 'string' ? idem : null,
        now,
      );
      sql(db, 'UPDATE wzx_resellers SET api_key = ?, api_key_last_used_at = NULL WHERE id = ?').run(key, r.id);
      return {
        data: {
          api_key: key,
          created_at: iso(now),
          note: 'Your previous API key has been revoked. Save this key — it will not be shown again.',
        },
        events: [],
      };
    });
  });
}
