import type { Database } from 'better-sqlite3';
import type { PendingEvent } from './events';
import { gbFromMb } from './json';
import { iso, sql, type PackageRow, type SegmentRow } from './rows';
import { usedMbAt, type UsageSegment } from './usage-model';

export function segmentsOf(db: Database, packageId: string): UsageSegment[] {
  const rows = sql(db, 'SELECT * FROM wzx_usage_segments WHERE package_id = ? ORDER BY start_at').all(packageId) as SegmentRow[];
  return rows.map((r) => ({ packageId: r.package_id, startAt: r.start_at, usedStartMb: r.used_start_mb, capMb: r.cap_mb, rateMbPerDay: r.rate_mb_per_day }));
}

/**
 * Brings every live package to sandbox time `to`: usage, status, and the events of any
 * threshold crossed on the way, in the order they happened (low → depleted → expired).
 * Runs in one transaction; the caller publishes the events after it commits.
 */
export function advanceUsage(db: Database, to: number): PendingEvent[] {
  const events: PendingEvent[] = [];
  db.transaction(() => {
    const live = sql(
      db,
      "SELECT * FROM wzx_packages WHERE status = 'active' OR (status = 'depleted' AND expires_at <= ?) ORDER BY seq",
    ).all(to) as PackageRow[];
    for (const p of live) {
      const expired = p.expires_at <= to;
      const used = p.status === 'active' ? usedMbAt(segmentsOf(db, p.id), p.expires_at, to) : p.used_mb;
      const remaining = p.total_mb - used;
      const base = { user_id: p.user_id, package_id: p.id };
      let lowNotified = p.low_gb_notified;
      let status = p.status;
      if (p.status === 'active') {
        if (lowNotified === 0 && remaining * 10 <= p.total_mb) {
          lowNotified = 1;
          events.push({
            resellerId: p.reseller_id,
            event: 'package.low_gb',
            at: to,
            data: {
              ...base,
              total_gb: gbFromMb(p.total_mb),
              used_gb: gbFromMb(used),
              remaining_gb: gbFromMb(remaining),
              remaining_percent: Math.floor((remaining * 100) / p.total_mb),
            },
          });
        }
        if (remaining <= 0) {
          status = 'depleted';
          events.push({ resellerId: p.reseller_id, event: 'package.depleted', at: to, data: { ...base, total_gb: gbFromMb(p.total_mb) } });
        }
      }
      if (expired) {
        status = 'expired';
        events.push({
          resellerId: p.reseller_id,
          event: 'package.expired',
          at: to,
          data: { ...base, expires_at: iso(p.expires_at), remaining_gb: gbFromMb(Math.max(0, remaining)) },
        });
      }
      if (used !== p.used_mb || status !== p.status || lowNotified !== p.low_gb_notified) {
        sql(db, 'UPDATE wzx_packages SET used_mb = ?, status = ?, low_gb_notified = ? WHERE id = ?').run(used, status, lowNotified, p.id);
      }
    }
  })();
  return events;
}
