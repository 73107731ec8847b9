import { randomBytes } from 'node:crypto';
import type { SandboxClock } from '../core/clock';
import { hmacSha256Hex } from '../core/signing';
import type { SandboxDb } from '../core/store';
import type { WebhookSender } from '../core/webhook-sender';
import { serializePsx } from './json';

export const PSX_EVENTS = ['port.created', 'port.expired', 'port.rotated', 'port.expiring', 'customer.quota_exceeded', 'balance.low'] as const;
export type PsxEvent = (typeof PSX_EVENTS)[number];

export interface PendingEvent {
  resellerId: string;
  event: PsxEvent;
  data: Record<string, unknown>;
}

/**
 * Signs and queues webhook deliveries. Body `{"id","event","createdAt","data"}`; headers
 * X-Proxies-Event-Id, X-Proxies-Event, X-Proxies-Timestamp (unix seconds, sandbox time) and
 * X-Proxies-Signature `t=<ts>,v1=<hex HMAC-SHA256("<ts>.<raw body>", whsec_…)>`.
 * Events are collected during a transaction and emitted after it commits.
 */
export function createPsxEmitter(db: SandboxDb, clock: SandboxClock, webhooks: WebhookSender) {
  const subscribers = db.prepare<[string], { id: string; url: string; events: string; secret: string }>(
    'SELECT id, url, events, secret FROM psx_webhooks WHERE reseller_id = ? AND active = 1 ORDER BY seq',
  );
  return function emit(events: PendingEvent[]): void {
    for (const e of events) {
      const hooks = subscribers.all(e.resellerId).filter((h) => (JSON.parse(h.events) as string[]).includes(e.event));
      if (hooks.length === 0) continue;
      const id = `evt_${randomBytes(12).toString('hex')}`;
      const body = serializePsx({ id, event: e.event, createdAt: clock.nowIso(), data: e.data });
      const t = Math.floor(clock.now() / 1000).toString();
      for (const h of hooks) {
        webhooks.enqueue({
          api: 'proxies-sx',
          webhookId: h.id,
          url: h.url,
          event: e.event,
          body,
          headers: {
            'X-Proxies-Event-Id': id,
            'X-Proxies-Event': e.event,
            'X-Proxies-Timestamp': t,
            'X-Proxies-Signature': `t=${t},v1=${hmacSha256Hex(h.secret, `${t}.${body}`)}`,
          },
        });
      }
    }
  };
}

export type PsxEmit = ReturnType<typeof createPsxEmitter>;
