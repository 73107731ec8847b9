import { createHmac } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { SandboxProfile } from '../core/profile';
import { newEventId } from './ids';
import { toJson } from './json';
import { iso, sql, type WebhookRow } from './rows';

export const WEBHOOK_EVENTS = [
  'user.created',
  'balance.added',
  'balance.deducted',
  'package.created',
  'package.gb_added',
  'package.low_gb',
  'package.depleted',
  'package.expired',
] as const;
export type WhozexEvent = (typeof WEBHOOK_EVENTS)[number];

/** An event decided inside a DB transaction; it is queued for delivery only after the commit. */
export interface PendingEvent {
  resellerId: string;
  event: WhozexEvent;
  data: Record<string, unknown>;
  at: number;
}

/** The part of the core WebhookSender this API uses. */
export interface WebhookQueue {
  enqueue(input: {
    api: 'proxies-sx' | 'whozex';
    webhookId: string;
    url: string;
    event: string;
    body: string;
    headers: Record<string, string>;
  }): string;
}

/** `sha256=<hex HMAC-SHA256(raw body, secret)>`: what the seed's verifyWebhook recomputes. */
export function signBody(body: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Queues one delivery per subscribed webhook. The body is serialized once per event so
 * every subscriber (and every retry) gets the same bytes and the same X-Whozex-Event-Id.
 */
export function publishEvents(db: Database, queue: WebhookQueue, events: readonly PendingEvent[], profile: SandboxProfile = 'extended'): void {
  for (const e of events) {
    const hooks = sql(db, 'SELECT * FROM wzx_webhooks WHERE reseller_id = ? ORDER BY seq').all(e.resellerId) as WebhookRow[];
    const subscribed = hooks.filter((h) => (JSON.parse(h.events) as string[]).includes(e.event));
    if (subscribed.length === 0) continue;
    const eventId = newEventId();
    const body = toJson({ event: e.event, data: e.data, timestamp: iso(e.at) });
    for (const h of subscribed) {
      queue.enqueue({
        api: 'whozex',
        webhookId: h.id,
        url: h.url,
        event: e.event,
        body,
        // Content-Type and User-Agent come from the sender (a second copy would be merged into a list).
        // `documented`: only the signature header the seed shows (whozex:200); the event and
        // event-id headers are extended assumptions.
        headers:
          profile === 'documented'
            ? { 'X-Whozex-Signature': signBody(body, h.secret) }
            : {
                'X-Whozex-Event': e.event,
                'X-Whozex-Event-Id': eventId,
                'X-Whozex-Signature': signBody(body, h.secret),
              },
      });
    }
  }
}
