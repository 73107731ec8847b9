import { randomInt } from 'node:crypto';
import type { SandboxDb } from '../core/store';
import { notFound } from './http-error';
import { randomToken } from './ids';
import type { PortRow } from './model';

/** Wholesale prices (what Proxies.sx charges the reseller), in micros per day. */
export const PORT_DAY_MICROS = { shared: 2_000_000n, private: 3_000_000n } as const;
export const DAY_MS = 86_400_000;
export const EXPIRING_NOTICE_MS = 3 * DAY_MS;

export function ownPort(db: SandboxDb, resellerId: string, id: string): PortRow {
  const row = db.prepare('SELECT * FROM psx_ports WHERE id = ? AND reseller_id = ?').get(id, resellerId) as PortRow | undefined;
  if (!row) throw notFound(`Port ${id} not found`);
  return row;
}

/** Next free pair of gateway ports (http, socks). */
export function allocateGatewayPorts(db: SandboxDb): { http: number; socks: number } {
  const row = db.prepare(`SELECT value FROM psx_meta WHERE key = 'next_gateway_port'`).get() as { value: string } | undefined;
  const http = row ? Number(row.value) : 10_001;
  db.prepare(`INSERT INTO psx_meta (key, value) VALUES ('next_gateway_port', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(http + 2));
  return { http, socks: http + 1 };
}

const EXIT_PREFIX: Record<string, string> = { US: '172.58', DE: '80.187', GB: '82.132', FR: '90.84', NL: '84.241', TR: '88.230', BR: '177.79', JP: '126.225' };

/** A fresh mobile exit IP and device id, as a rotation or a new port gets. */
export function newDevice(countryCode: string): { deviceId: string; ip: string } {
  const prefix = EXIT_PREFIX[countryCode] ?? '100.64';
  return { deviceId: `dev_${randomToken(12)}`, ip: `${prefix}.${randomInt(1, 255)}.${randomInt(1, 255)}` };
}
