import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authOf } from './auth';
import { access, mutate, type PsxCtx } from './context';
import { badRequest, notFound } from './http-error';
import { PSX_DOCUMENTED_EVENTS, PSX_EVENTS } from './events';
import { objectId } from './ids';
import { webhookJson, type WebhookRow } from './model';
import { parseInput } from './validation';

const MAX_WEBHOOKS = 10;

const createBody = (events: readonly [string, ...string[]]) => z.strictObject({
  name: z.string({ error: 'name must be a string' }).trim().min(1, { error: 'name should not be empty' }).max(100, { error: 'name must be at most 100 characters' }),
  url: z
    .string({ error: 'url must be a string' })
    .max(2000, { error: 'url must be at most 2000 characters' })
    .refine(
      (u) => {
        try {
          const p = new URL(u);
          return p.protocol === 'http:' || p.protocol === 'https:';
        } catch {
          return false;
        }
      },
      { error: 'url must be an http or https URL' },
    ),
  events: z
    .array(z.enum(events, { error: `each value in events must be one of: ${events.join(', ')}` }), { error: 'events must be an array' })
    .min(1, { error: 'events should not be empty' }),
});

export function registerWebhookRoutes(app: FastifyInstance, ctx: PsxCtx): void {
  const { db, clock, webhooks } = ctx;
  const body = createBody(ctx.profile === 'documented' ? PSX_DOCUMENTED_EVENTS : PSX_EVENTS);
  // No document shows a secret in the registration answer: `documented` keeps it to itself
  // (it stays unused: documented deliveries are unsigned). `extended` returns it once (assumed).
  const showSecret = ctx.profile === 'extended';
  const own = (resellerId: string, id: string) => {
    const row = db.prepare('SELECT * FROM psx_webhooks WHERE id = ? AND reseller_id = ?').get(id, resellerId) as WebhookRow | undefined;
    if (!row) throw notFound(`Webhook ${id} not found`);
    return row;
  };

  app.post('/reseller/webhooks', access(['webhooks:write']), async (request, reply) => {
    const input = parseInput(body, request.body);
    const { resellerId } = authOf(request);
    return mutate(ctx, request, reply, 201, () => {
      const n = (db.prepare('SELECT COUNT(*) AS n FROM psx_webhooks WHERE reseller_id = ?').get(resellerId) as { n: number }).n;
      if (n >= MAX_WEBHOOKS) throw badRequest(`You already have ${MAX_WEBHOOKS} webhooks: delete one before adding another`, 'WEBHOOK_LIMIT');
      const id = objectId(clock.now());
      const secret = `whsec_${randomBytes(24).toString('hex')}`;
      db.prepare('INSERT INTO psx_webhooks (id, reseller_id, name, url, events, secret, active, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)').run(
        id, resellerId, input.name, input.url, JSON.stringify([...new Set(input.events)]), secret, clock.now(),
      );
      return webhookJson(own(resellerId, id), showSecret ? 'full' : 'none');
    });
  });

  app.get('/reseller/webhooks', access(['webhooks:read']), async (request) => {
    const { resellerId } = authOf(request);
    const rows = db.prepare('SELECT * FROM psx_webhooks WHERE reseller_id = ? ORDER BY seq').all(resellerId) as WebhookRow[];
    return { webhooks: rows.map((w) => webhookJson(w)), total: rows.length };
  });

  app.get('/reseller/webhooks/:id', access(['webhooks:read']), async (request) => webhookJson(own(authOf(request).resellerId, (request.params as { id: string }).id)));

  app.delete('/reseller/webhooks/:id', access(['webhooks:write']), async (request, reply) => {
    const { resellerId } = authOf(request);
    const id = (request.params as { id: string }).id;
    return mutate(ctx, request, reply, 200, () => {
      own(resellerId, id);
      db.prepare('DELETE FROM psx_webhooks WHERE id = ?').run(id);
      webhooks.cancelPending('proxies-sx', id);
      return { success: true, _id: id };
    });
  });
}
