import { randomBytes } from 'node:crypto';
import type { SandboxClock } from '../core/clock';
import type { SandboxProfile } from '../core/profile';
import { hmacSha256Hex } from '../core/signing';
import type { SandboxDb } from '../core/store';
import type { WebhookSender } from '../core/webhook-sender';
import { serializePsx } from './json';

export const PSX_EVENTS = ['port.created', 'port.expired', 'port.rotated', 'port.expiring', 'customer.quota_exceeded', 'balance.low'] as const;
export type PsxEvent = (typeof PSX_EVENTS)[number];
/** The event table of the guide (lines 153-157); `port.expiring` is an extended-profile assumption. */
export const PSX_DOCUMENTED_EVENTS = ['port.created', 'port.expired', 'port.rotated', 'customer.quota_exceeded', 'balance.low'] as const;

export interface PendingEvent {
  resellerId: string;
  event: PsxEvent;
  data: Record<string, unknown>;
}

/**
 * Queues webhook deliveries; events are collected during a transaction and emitted after it
 * commits. Two shapes, by profile:
 * - documented (the provider kit's design note, facts:58): body `{"id","type","created"
 *   (unix seconds),"resellerId","data"}`, headers X-Proxies-Event and X-Proxies-Delivery
 *   (one id per subscriber, the same on every retry); NO signature, since no document gives
 *   the reseller a secret.
 * - extended (assumed): body `{"id","event","createdAt","data"}`; headers X-Proxies-Event-Id,
 *   X-Proxies-Event, X-Proxies-Timestamp (unix seconds, sandbox time) and X-Proxies-Signature
 *   `t=<ts>,v1=<hex HMAC-SHA256("<ts>.<raw body>", whsec_…)>`.
 */
export function createPsxEmitter(db: SandboxDb, clock: SandboxClock, webhooks: WebhookSender, profile: SandboxProfile = 'extended') {
  const subscribers = db.prepare<[string], { id: string; url: string; events: string; secret: string }>(
    'SELECT id, url, events, secret FROM psx_webhooks WHERE reseller_id = ? AND active = 1 ORDER BY seq',
  );
  return function emit(events: PendingEvent[]): void {
    for (const e of events) {
      const hooks = subscribers.all(e.resellerId).filter((h) => (JSON.parse(h.events) as string[]).includes(e.event));
      if (hooks.length === 0) continue;
      const id = `evt_${randomBytes(12).toString('hex')}`;
      if (profile === 'documented') {
        const body = serializePsx({ id, type: e.event, created: Math.floor(clock.now() / 1000), resellerId: e.resellerId, data: e.data });
        for (const h of hooks) {
          webhooks.enqueue({
            api: 'proxies-sx',
            webhookId: h.id,
            url: h.url,
            event: e.event,
            body,
            headers: { 'X-Proxies-Event': e.event, 'X-Proxies-Delivery': `dlv_${randomBytes(12).toString('hex')}` },
          });
        }
        continue;
      }
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
