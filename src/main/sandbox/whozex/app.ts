import type { Database } from 'better-sqlite3';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxClock } from '../core/clock';
import type { ErrorBodyFn } from '../core/errors';
import { registerFaults, type FaultInjector } from '../core/faults';
import { DEFAULT_PROFILE, type SandboxProfile } from '../core/profile';
import { registerProfileGate } from '../core/profile-gate';
import { WHOZEX_ROUTES } from '../core/profile-routes';
import { parseJsonLeniently, registerRequestId } from '../core/http';
import Fastify from 'fastify';
import { newRequestId } from './ids';
import { registerIdempotency } from '../core/idempotency';
import { registerRateLimit, type RateLimiter } from '../core/rate-limit';
import { authenticate, maybeResellerOf, presentedKey } from './auth';
import { createRouteContext } from './context';
import { errorBody, routeNotFoundMessage, WhozexError } from './envelope';
import { publishEvents, type WebhookQueue } from './events';
import { registerHeavyLimit } from './heavy-limit';
import { toJson } from './json';
import { accountRoutes } from './routes/account';
import { analyticsRoutes } from './routes/analytics';
import { openApiRoute } from './routes/openapi';
import { packageRoutes } from './routes/packages';
import { pricingRoutes } from './routes/pricing';
import { purchaseRoute, userRoutes } from './routes/users';
import { webhookRoutes } from './routes/webhooks';
import { migrateWhozex } from './schema';
import { advanceUsage } from './usage-ticker';

export interface WhozexDeps {
  db: Database;
  clock: SandboxClock;
  faults: FaultInjector;
  /** The core WebhookSender (only enqueue, and cancelPending when present, are used). */
  webhooks: WebhookQueue & { cancelPending?: (api: 'whozex', webhookId: string) => void };
  /** The shared limiter tuned by /__admin; without it a private default one (50/s, burst 100). */
  rateLimit?: RateLimiter;
  /** What the API serves (see core/profile.ts). Default DEFAULT_PROFILE. */
  profile?: SandboxProfile;
}

/** Fastify's own refusals (body parsing, limits) in Whozex's words. */
function mapFrameworkError(err: FastifyError): WhozexError {
  switch (err.code) {
    case 'INVALID_JSON':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new WhozexError(400, 'INVALID_PARAMS', 'Request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new WhozexError(400, 'INVALID_PARAMS', 'Send the request body as JSON with Content-Type: application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new WhozexError(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large');
    default:
      if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
        return new WhozexError(400, 'INVALID_PARAMS', err.message);
      }
      return new WhozexError(500, 'INTERNAL_ERROR', 'Internal server error');
  }
}

/**
 * Fastify as core/http's createSandboxFastify builds it (quiet, JSON body parser that
 * takes an empty body as none, X-Request-ID), plus `frameworkErrors` so that refusals made
 * before routing (over-long or malformed path parameters) also answer in the envelope.
 */
function buildFastify(now: () => number): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 1_048_576,
    return503OnClosing: false,
    frameworkErrors: (error, _request, reply) => {
      const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The URL is malformed';
      void (reply as FastifyReply).code(400).header('X-Request-ID', newRequestId()).send(errorBody('INVALID_PARAMS', message, now()));
    },
  });
  parseJsonLeniently(app, () => new WhozexError(400, 'INVALID_PARAMS', 'Request body is not valid JSON'));
  registerRequestId(app);
  return app;
}

/**
 * The Whozex reseller API simulator: every route of the seed under /v1, in the
 * `{success, data|error, meta}` envelope, on its own wzx_ tables of `db`.
 */
export function createWhozexApp(deps: WhozexDeps): FastifyInstance {
  const { db, clock, faults, webhooks } = deps;
  const profile = deps.profile ?? DEFAULT_PROFILE;
  migrateWhozex(db);
  const app = buildFastify(() => clock.now());
  app.setReplySerializer((payload) => toJson(payload));
  const coreErrorBody: ErrorBodyFn = (code, message) => errorBody(code, message, clock.now());
  const routeNotFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    reply.code(404).send(errorBody('NOT_FOUND', routeNotFoundMessage(request.method, request.url), clock.now()));

  // Undocumented query parameters are dropped in `documented` (no refuseQuery): a plain API ignores them.
  registerProfileGate(app, { profile, routes: WHOZEX_ROUTES, routeNotFound });
  registerFaults(app, faults, { errorBody: coreErrorBody });
  registerRateLimit(app, { keyOf: presentedKey, ...(deps.rateLimit ? { limiter: deps.rateLimit } : {}), errorBody: coreErrorBody });
  // `documented`: Idempotency-Key is accepted and ignored (no document promises it, facts:65).
  if (profile === 'extended') {
    registerIdempotency(app, {
      db,
      clock,
      keyOf: (request) => maybeResellerOf(request)?.id ?? null,
      errorBody: coreErrorBody,
      serialize: toJson,
    });
  }

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const e = error instanceof WhozexError ? error : mapFrameworkError(error);
    if (e.status >= 500) console.error('[whozex sandbox]', error);
    return reply.code(e.status).send(errorBody(e.code, e.message, clock.now()));
  });
  app.setNotFoundHandler(routeNotFound);

  const ctx = createRouteContext(db, clock, faults, webhooks, profile);
  const cancelPending = (webhookId: string): void => webhooks.cancelPending?.('whozex', webhookId);

  app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request) => {
        authenticate(db, request, clock.now());
      });
      accountRoutes(v1, ctx);
      pricingRoutes(v1, ctx);
      packageRoutes(v1, ctx);
      analyticsRoutes(v1, ctx);
      webhookRoutes(v1, ctx, cancelPending);
      userRoutes(v1, ctx);
      openApiRoute(v1, ctx);
      await v1.register(async (heavy) => {
        registerHeavyLimit(heavy, { ...(deps.rateLimit ? { shared: deps.rateLimit } : {}), keyOf: presentedKey, errorBody: coreErrorBody });
        purchaseRoute(heavy, ctx);
      });
    },
    { prefix: '/v1' },
  );

  // Moving sandbox time drains packages, expires them and sends the threshold webhooks.
  const unsubscribe = clock.onAdvance((_from, to) => {
    try {
      publishEvents(db, webhooks, advanceUsage(db, to), profile);
    } catch (e) {
      console.error('[whozex sandbox] usage update failed', e);
    }
  });
  app.addHook('onClose', async () => unsubscribe());
  return app;
}
