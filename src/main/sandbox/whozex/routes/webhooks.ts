import type { FastifyInstance } from 'fastify';
import { resellerOf } from '../auth';
import type { RouteContext } from '../context';
import { invalidParams, missingField, notFound, WhozexError } from '../envelope';
import { WHOZEX_DOCUMENTED_EVENTS } from '../../core/profile-routes';
import { WEBHOOK_EVENTS } from '../events';
import { newWebhookId, newWebhookSecret } from '../ids';
import { bodyObject, requiredString } from '../input';
import { iso, sql, type WebhookRow } from '../rows';

export const MAX_WEBHOOKS = 10;

/** Chosen answer for the 11th webhook: 400 WEBHOOK_LIMIT_REACHED (documented in docs/sandbox.md). */
export const WEBHOOK_LIMIT_STATUS = 400;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The seed asks for an HTTPS endpoint (whozex:180); the sandbox also takes http:// on loopback so a local listener works. */
function parseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw invalidParams('url must be an absolute https URL');
  }
  if (u.protocol === 'https:') return raw;
  if (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname)) return raw;
  throw invalidParams('url must be an HTTPS endpoint (plain http is accepted only for 127.0.0.1, localhost or [::1] in the sandbox)');
}

function parseEvents(raw: unknown, known: readonly string[]): string[] {
  if (raw === undefined || raw === null) throw missingField('events');
  if (!Array.isArray(raw) || raw.length === 0) throw invalidParams('events must be a non-empty array of event names');
  const unknown = raw.filter((e) => typeof e !== 'string' || !known.includes(e));
  if (unknown.length > 0) {
    throw invalidParams(`Unknown event(s): ${unknown.map((e) => JSON.stringify(e)).join(', ')}. Valid events: ${known.join(', ')}`);
  }
  return [...new Set(raw as string[])];
}

const webhookView = (w: WebhookRow) => ({ id: w.id, url: w.url, events: JSON.parse(w.events) as string[], created_at: iso(w.created_at) });

export function webhookRoutes(app: FastifyInstance, ctx: RouteContext, cancelPending: (webhookId: string) => void): void {
  const { db } = ctx;
  // `documented`: the four names the seed lists (facts:64); the others are extended assumptions.
  const known: readonly string[] = ctx.profile === 'documented' ? WHOZEX_DOCUMENTED_EVENTS : WEBHOOK_EVENTS;

  app.post('/webhooks', async (request, reply) => {
    const r = resellerOf(request);
    const body = bodyObject(request.body);
    const url = parseUrl(requiredString(body, 'url', 2048));
    const events = parseEvents(body.events, known);
    return ctx.mutate(request, reply, 201, (now) => {
      const count = (sql(db, 'SELECT COUNT(*) AS n FROM wzx_webhooks WHERE reseller_id = ?').get(r.id) as { n: number }).n;
      if (count >= MAX_WEBHOOKS) {
        throw new WhozexError(
          WEBHOOK_LIMIT_STATUS,
          'WEBHOOK_LIMIT_REACHED',
          `Maximum of ${MAX_WEBHOOKS} webhooks per account reached. Delete a webhook before adding another.`,
        );
      }
      const id = newWebhookId();
      const secret = newWebhookSecret();
      sql(db, 'INSERT INTO wzx_webhooks (id, reseller_id, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        id,
        r.id,
        url,
        JSON.stringify(events),
        secret,
        now,
      );
      return {
        data: { id, url, events, secret, created_at: iso(now), note: 'Save the secret — it will not be shown again.' },
        events: [],
      };
    });
  });

  app.get('/webhooks', async (request) => {
    const r = resellerOf(request);
    const rows = sql(db, 'SELECT * FROM wzx_webhooks WHERE reseller_id = ? ORDER BY seq').all(r.id) as WebhookRow[];
    return ctx.ok({ webhooks: rows.map(webhookView), total: rows.length, max: MAX_WEBHOOKS });
  });

  app.delete('/webhooks/:id', async (request, reply) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    return ctx.mutate(request, reply, 200, () => {
      const res = sql(db, 'DELETE FROM wzx_webhooks WHERE id = ? AND reseller_id = ?').run(id, r.id);
      if (res.changes === 0) throw notFound('Webhook', id);
      cancelPending(id);
      return { data: { id, deleted: true }, events: [] };
    });
  });
}
