import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorBodyFn } from '../core/errors';
import { DEFAULT_RATE_LIMIT, RateLimiter, takeOrRefuse, type RateLimitSettings } from '../core/rate-limit';

/**
 * The seed calls POST /users/:id/packages "a heavy operation": it gets its own bucket per
 * key at a tenth of the general limit (at least 1/s, burst 2), on top of the general one.
 * It follows the shared limiter, so PUT /__admin/rate-limit tunes both.
 */
export function heavyOf(s: RateLimitSettings): RateLimitSettings {
  return { perSecond: Math.max(1, s.perSecond / 10), burst: Math.max(2, Math.ceil(s.burst / 10)) };
}

export function registerHeavyLimit(
  scope: FastifyInstance,
  options: { shared?: RateLimiter; keyOf: (request: FastifyRequest) => string | null; errorBody: ErrorBodyFn },
): void {
  const basis = (): RateLimitSettings => options.shared?.settings() ?? DEFAULT_RATE_LIMIT;
  let seen = basis();
  const heavy = new RateLimiter(heavyOf(seen));
  scope.addHook('onRequest', async (request, reply) => {
    const now = basis();
    if (now.perSecond !== seen.perSecond || now.burst !== seen.burst) {
      seen = now;
      heavy.configure(heavyOf(now));
    }
    return takeOrRefuse(heavy, `heavy:${options.keyOf(request) ?? `ip:${request.ip}`}`, reply, options.errorBody, 'Package purchases are limited');
  });
}
