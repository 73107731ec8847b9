import type { SandboxDb } from '../core/store';
import type { PendingEvent } from './events';
import { portJson, type PortRow } from './model';
import { EXPIRING_NOTICE_MS } from './port-store';

/**
 * What moving the sandbox clock does to Proxies.sx: ports within 3 days of their end get
 * one port.expiring; ports past their end expire (slot and device freed, port.expired).
 * Runs in one transaction; returns the events to emit after commit.
 */
export function runPsxClock(db: SandboxDb, to: number): PendingEvent[] {
  const events: PendingEvent[] = [];
  db.transaction(() => {
    const expiring = db
      .prepare(`SELECT * FROM psx_ports WHERE status = 'active' AND expiring_notified = 0 AND expires_at > ? AND expires_at <= ? ORDER BY expires_at, seq`)
      .all(to, to + EXPIRING_NOTICE_MS) as PortRow[];
    const markNotified = db.prepare('UPDATE psx_ports SET expiring_notified = 1 WHERE id = ?');
    for (const p of expiring) {
      markNotified.run(p.id);
      const msLeft = p.expires_at - to;
      events.push({
        resellerId: p.reseller_id,
        event: 'port.expiring',
        data: { port: portJson({ ...p, expiring_notified: 1 }), customerId: p.customer_id, expiresAt: p.expires_at, hoursLeft: Math.floor(msLeft / 3_600_000) },
      });
    }

    const due = db
      .prepare(`SELECT * FROM psx_ports WHERE status IN ('active', 'suspended') AND expires_at <= ? ORDER BY expires_at, seq`)
      .all(to) as PortRow[];
    const expire = db.prepare(`UPDATE psx_ports SET status = 'expired', expiring_notified = 1, updated_at = ? WHERE id = ?`);
    const freeSlot = db.prepare('UPDATE psx_customers SET used_port_slots = MAX(used_port_slots - 1, 0), updated_at = ? WHERE id = ?');
    const freeCountry = db.prepare('UPDATE psx_countries SET free_device_count = free_device_count + 1 WHERE id = ?');
    const freeCarrier = db.prepare('UPDATE psx_carriers SET free_device_count = free_device_count + 1 WHERE id = ?');
    for (const p of due) {
      // The port ends at its own expiry time, even when the clock jumped past it.
      expire.run(p.expires_at, p.id);
      freeSlot.run(p.expires_at, p.customer_id);
      freeCountry.run(p.country_id);
      if (p.carrier_id) freeCarrier.run(p.carrier_id);
      events.push({
        resellerId: p.reseller_id,
        event: 'port.expired',
        data: { port: portJson({ ...p, status: 'expired', updated_at: p.expires_at }), customerId: p.customer_id, expiredAt: p.expires_at },
      });
    }
  })();
  return events;
}
