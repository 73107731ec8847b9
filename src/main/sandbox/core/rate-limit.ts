import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultErrorBody, isAdminUrl, type ErrorBodyFn } from './errors';

export interface RateLimitSettings {
  /** Tokens added per second, per API key. */
  perSecond: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { perSecond: 50, burst: 100 };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per credential, on real time (a rate limit is about wall-clock load, not
 * sandbox time). One instance is shared by both APIs so the admin endpoint tunes both.
 */
export class RateLimiter {
  private current: RateLimitSettings;
  private readonly buckets = new Map<string, Bucket>();

  constructor(settings: Partial<RateLimitSettings> = {}, private readonly nowMs: () => number = () => performance.now()) {
    this.current = { ...DEFAULT_RATE_LIMIT };
    this.configure(settings);
  }

  configure(patch: Partial<RateLimitSettings>): RateLimitSettings {
    const next = { ...this.current, ...patch };
    if (!Number.isFinite(next.perSecond) || next.perSecond <= 0) throw new RangeError('perSecond must be a positive number');
    if (!Number.isInteger(next.burst) || next.burst < 1) throw new RangeError('burst must be a whole number of at least 1');
    this.current = next;
    this.buckets.clear();
    return this.settings();
  }

  settings(): RateLimitSettings {
    return { ...this.current };
  }

  /** Takes one token for `key`. */
  take(key: string): { allowed: boolean; remaining: number; retryAfterSeconds: number } {
    const now = this.nowMs();
    const { perSecond, burst } = this.current;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 };
    }
    const wait = (1 - b.tokens) / perSecond;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }
}

export interface RegisterRateLimitOptions {
  /** The credential a bucket belongs to (raw API key or token); null → bucket by client IP. */
  keyOf: (request: FastifyRequest) => string | null;
  /** The shared limiter (pass deps.rateLimit). Without it a private one is built from perSecond/burst. */
  limiter?: RateLimiter;
  perSecond?: number;
  burst?: number;
  errorBody?: ErrorBodyFn;
}

/**
 * onRequest hook: X-RateLimit-Limit / X-RateLimit-Remaining on every answer, 429 with
 * Retry-After (whole seconds, ≥ 1) when the bucket is empty. Returns the limiter in use.
 */
export function registerRateLimit(app: FastifyInstance, options: RegisterRateLimitOptions): RateLimiter {
  const limiter =
    options.limiter ??
    new RateLimiter({
      ...(options.perSecond !== undefined ? { perSecond: options.perSecond } : {}),
      ...(options.burst !== undefined ? { burst: options.burst } : {}),
    });
  const errorBody = options.errorBody ?? defaultErrorBody;
  app.addHook('onRequest', async (request, reply) => {
    if (isAdminUrl(request.url)) return;
    const key = options.keyOf(request) ?? `ip:${request.ip}`;
    return takeOrRefuse(limiter, key, reply, errorBody, 'Too many requests');
  });
  return limiter;
}

/**
 * Takes a token for `key` and says what is left in the X-RateLimit headers; when the
 * bucket is empty, answers 429 with Retry-After ("<refusal>: try again in N seconds.").
 */
export function takeOrRefuse(limiter: RateLimiter, key: string, reply: FastifyReply, errorBody: ErrorBodyFn, refusal: string): FastifyReply | undefined {
  const result = limiter.take(key);
  reply.header('X-RateLimit-Limit', String(limiter.settings().burst));
  reply.header('X-RateLimit-Remaining', String(result.remaining));
  if (!result.allowed) {
    const s = result.retryAfterSeconds;
    return reply
      .code(429)
      .header('Retry-After', String(s))
      .send(errorBody('RATE_LIMITED', `${refusal}: try again in ${s} second${s === 1 ? '' : 's'}.`, 429));
  }
  return undefined;
}
