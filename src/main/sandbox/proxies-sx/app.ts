import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isLoopback, registerAdmin } from '../core/admin';
import type { SandboxDeps } from '../core/deps';
import { registerFaults } from '../core/faults';
import { createSandboxFastify } from '../core/http';
import { DEFAULT_PROFILE } from '../core/profile';
import { registerProfileGate } from '../core/profile-gate';
import { PSX_ROUTES } from '../core/profile-routes';
import { registerIdempotency } from '../core/idempotency';
import { registerRateLimit } from '../core/rate-limit';
import { registerAccountRoutes } from './account-routes';
import { maybeAuth, rawCredential, registerPsxAuth } from './auth';
import { moveBalance } from './balance';
import type { PsxCtx } from './context';
import { registerCustomerRoutes } from './customer-routes';
import { createPsxEmitter } from './events';
import { runPsxClock } from './expiry';
import { psxBody, psxErrorBody, psxRouteNotFound, registerPsxErrors } from './http-error';
import { registerDocsRoutes } from './docs-routes';
import { money } from './json';
import { serializePsx } from './json';
import { registerPortRoutes } from './port-routes';
import { registerPricebookRoutes } from './pricebook-routes';
import { registerReferenceRoutes } from './reference-routes';
import { ensurePsxSchema } from './schema';
import { PSX_SEED } from './seed';
import { amountCents, parseInput } from './validation';
import { registerWebhookRoutes } from './webhook-routes';

/**
 * The Proxies.sx reseller API simulator (base path /v1), written from the provider's
 * reseller guide and documented facts. Hook order: request id → profile gate → faults →
 * rate limit → auth → (body validation in the route) → idempotency (extended) → route.
 */
export function createProxiesSxApp(deps: SandboxDeps): FastifyInstance {
  const { db, clock, faults, webhooks } = deps;
  const profile = deps.profile ?? DEFAULT_PROFILE;
  ensurePsxSchema(db);
  const ctx: PsxCtx = { db, clock, faults, webhooks, emit: createPsxEmitter(db, clock, webhooks, profile), profile };

  const app = createSandboxFastify();
  app.setReplySerializer((payload) => serializePsx(payload));
  registerPsxErrors(app, profile);
  registerProfileGate(app, {
    profile,
    routes: PSX_ROUTES,
    routeNotFound: psxRouteNotFound(profile),
    refuseQuery: (reply, names) => reply.code(400).send(psxBody(400, names.map((n) => `property ${n} should not exist`), 'VALIDATION_FAILED')),
  });
  registerFaults(app, faults, { errorBody: psxErrorBody });
  registerRateLimit(app, { keyOf: rawCredential, limiter: deps.rateLimit, errorBody: psxErrorBody });
  registerPsxAuth(app, db, clock);
  // `documented`: the header is accepted and ignored (no document promises it on these routes).
  if (profile === 'extended') {
    registerIdempotency(app, { db, clock, keyOf: (r) => maybeAuth(r)?.resellerId ?? null, errorBody: psxErrorBody, serialize: serializePsx });
  }
  registerAdmin(app, { clock, faults, webhooks, rateLimit: deps.rateLimit });
  registerPsxAdmin(app, ctx);

  app.register(
    async (v1) => {
      registerAccountRoutes(v1, ctx);
      registerPricebookRoutes(v1, ctx);
      registerCustomerRoutes(v1, ctx);
      registerPortRoutes(v1, ctx);
      registerReferenceRoutes(v1, ctx);
      registerWebhookRoutes(v1, ctx);
      registerDocsRoutes(v1, ctx);
    },
    { prefix: '/v1' },
  );

  const unsubscribe = clock.onAdvance((_from, to) => ctx.emit(runPsxClock(db, to)));
  app.addHook('onClose', async () => unsubscribe());
  return app;
}

const depositBody = z.strictObject({ amount: amountCents('amount', { positive: true }), email: z.string().optional() });

/** Sandbox-only controls for this API (loopback only): add funds as a real deposit would. */
function registerPsxAdmin(app: FastifyInstance, ctx: PsxCtx): void {
  app.post('/__admin/proxies-sx/deposit', async (request, reply) => {
    if (!isLoopback(request)) return reply.code(404).send(psxBody(404, 'Not Found'));
    const body = parseInput(depositBody, request.body);
    const email = body.email ?? PSX_SEED.email;
    const r = ctx.db.prepare('SELECT id FROM psx_resellers WHERE email = ?').get(email) as { id: string } | undefined;
    if (!r) return reply.code(404).send(psxBody(404, `No reseller ${email}`));
    const events: Parameters<typeof ctx.emit>[0] = [];
    const tx = ctx.db.transaction(() => moveBalance(ctx.db, r.id, { type: 'deposit', amountCents: body.amount, description: 'Sandbox deposit' }, ctx.clock.now(), events))();
    ctx.emit(events);
    return { balance: money(tx.balance_after_cents), transactionId: tx.id };
  });
}
