import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxClock } from './clock';
import type { FaultInjector, FaultSettings } from './faults';
import type { RateLimiter, RateLimitSettings } from './rate-limit';
import type { DeliveryStatus, WebhookApi, WebhookSender } from './webhook-sender';

/**
 * The sandbox's control panel under /__admin, mounted on both APIs over the same shared
 * objects: move time, inject faults, inspect and replay webhooks, tune rate limits.
 * Answers only to loopback callers (404 otherwise, as if it did not exist).
 */
export interface AdminDeps {
  clock: SandboxClock;
  faults: FaultInjector;
  webhooks: WebhookSender;
  rateLimit: RateLimiter;
  /** Optional: POST /__admin/reset (e.g. wipe and reseed an API's state). */
  reset?: () => void | Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(request: FastifyRequest): boolean {
  const addr = request.raw.socket?.remoteAddress ?? '';
  return LOOPBACK.has(addr) || addr.startsWith('127.');
}

/** preHandler for admin-only routes: 404 to anyone but loopback. */
export async function loopbackOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
  if (!isLoopback(request)) return reply.code(404).send({ statusCode: 404, message: 'Not Found', error: 'Not Found' });
}

function bad(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).send({ statusCode: 400, message, error: 'Bad Request' });
}

const MS_PER = { ms: 1, seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

const mounted = new WeakSet<FastifyInstance>();

/** Mounts the admin routes; a second call on the same app is a no-op (index.ts and an API may both call it). */
export function registerAdmin(app: FastifyInstance, deps: AdminDeps): void {
  if (mounted.has(app)) return;
  mounted.add(app);
  const { clock, faults, webhooks, rateLimit } = deps;
  const clockBody = () => ({ now: clock.now(), iso: clock.nowIso() });

  app.register(
    async (admin) => {
      admin.addHook('onRequest', loopbackOnly);

      admin.get('/clock', async () => clockBody());

      admin.post('/clock/advance', async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        let total = 0;
        let given = false;
        for (const [unit, factor] of Object.entries(MS_PER)) {
          const v = body[unit];
          if (v === undefined) continue;
          if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return bad(reply, `${unit} must be a non-negative number`);
          total += v * factor;
          given = true;
        }
        if (!given) return bad(reply, 'Give ms, seconds, minutes, hours or days to move the clock forward');
        clock.advance(total);
        return clockBody();
      });

      admin.get('/faults', async () => faults.settings());
      admin.put('/faults', async (request, reply) => {
        try {
          return faults.configure((request.body ?? {}) as Partial<FaultSettings>);
        } catch (e) {
          return bad(reply, (e as Error).message);
        }
      });
      admin.delete('/faults', async () => {
        faults.reset();
        return faults.settings();
      });

      admin.get('/rate-limit', async () => rateLimit.settings());
      admin.put('/rate-limit', async (request, reply) => {
        try {
          return rateLimit.configure((request.body ?? {}) as Partial<RateLimitSettings>);
        } catch (e) {
          return bad(reply, (e as Error).message);
        }
      });

      admin.get('/webhook-deliveries', async (request) => {
        const q = request.query as Record<string, string | undefined>;
        const deliveries = webhooks.list({
          ...(q.api ? { api: q.api as WebhookApi } : {}),
          ...(q.webhookId ? { webhookId: q.webhookId } : {}),
          ...(q.event ? { event: q.event } : {}),
          ...(q.status ? { status: q.status as DeliveryStatus } : {}),
          ...(q.limit ? { limit: Number(q.limit) || 100 } : {}),
        });
        return { deliveries };
      });
      admin.get('/webhook-deliveries/:id', async (request, reply) => {
        const d = webhooks.get((request.params as { id: string }).id);
        return d ?? reply.code(404).send({ statusCode: 404, message: 'No such delivery', error: 'Not Found' });
      });
      admin.post('/webhook-deliveries/:id/replay', async (request, reply) => {
        const { id } = request.params as { id: string };
        if (!webhooks.get(id)) return reply.code(404).send({ statusCode: 404, message: 'No such delivery', error: 'Not Found' });
        const newId = webhooks.replay(id);
        await webhooks.flush();
        return reply.code(201).send(webhooks.get(newId));
      });

      admin.post('/flush', async () => {
        await webhooks.flush();
        return { flushed: true };
      });

      if (deps.reset) {
        const reset = deps.reset;
        admin.post('/reset', async () => {
          await reset();
          return { reset: true };
        });
      }
    },
    { prefix: '/__admin' },
  );
}
