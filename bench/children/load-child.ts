/**
 * The webhook load generator (scenario 5), in its own process so its CPU is not the
 * server's: an undici Pool with N connections keeps N signed Whozex deliveries in flight
 * until `count` are answered. The same generator drives the app's listener and the bare
 * baseline server.
 */
import { createHmac } from 'node:crypto';
import { Pool } from 'undici';
import { childArgs, report } from '../lib/child';

const args = childArgs<{ url: string; secret: string; count: number; concurrency: number; prefix: string; durationMs?: number }>();
const url = new URL(args.url);
const pool = new Pool(url.origin, { connections: args.concurrency, pipelining: 1 });
const statuses: Record<string, number> = {};
let next = 0;
let errors = 0;

async function one(i: number): Promise<void> {
  const body = JSON.stringify({
    event: 'user.created',
    data: { user_id: `u-${args.prefix}-${i}`, email: `bench-${args.prefix}-${i}@example.com`, name: `Bench ${i}` },
    timestamp: new Date(Date.UTC(2026, 10, 20, 12, 0, 0, i % 1000)).toISOString(),
  });
  const signature = `sha256=${createHmac('sha256', args.secret).update(body).digest('hex')}`;
  try {
    const res = await pool.request({
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-whozex-signature': signature, 'x-whozex-event-id': `evt-${args.prefix}-${i}` },
      body,
    });
    await res.body.text();
    statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
  } catch {
    errors++;
  }
}

const t0 = performance.now();
await Promise.all(
  Array.from({ length: args.concurrency }, async () => {
    // With a time budget, no new delivery starts after it (those in flight finish).
    while (next < args.count && (args.durationMs === undefined || performance.now() - t0 < args.durationMs)) await one(next++);
  }),
);
const ms = performance.now() - t0;
await pool.close();
report({ ms, statuses, errors, ok: statuses['200'] ?? 0, sent: next });
