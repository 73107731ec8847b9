import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultErrorBody, isAdminUrl, type ErrorBodyFn } from './errors';
import { mulberry32 } from '../../../shared/prng';

/**
 * Injected failures, so the app's retry, reconciliation and crash-safety paths can be
 * exercised against a real HTTP server. All rates are probabilities 0..1, drawn from a
 * PRNG seeded by `seed` (same seed, same sequence of faults).
 */
export interface FaultSettings {
  /** Added to every request before it is handled. */
  latencyMs: number;
  /** Answer 500 or 503 before the handler runs (no effect happened). */
  errorRate: number;
  /** The handler commits, then the socket is destroyed without an answer. */
  dropAfterCommitRate: number;
  /**
   * Deterministic form of the same: the answers of the next N committed writes are lost
   * (counts down; 0 = off). Works in both profiles: in `documented` a retry is a second write.
   */
  dropAfterCommitNext: number;
  /** Answer 429 with Retry-After before the handler runs. */
  rateLimitStormRate: number;
  /** Hold the request for timeoutMs, then drop the connection (no effect happened). */
  timeoutRate: number;
  timeoutMs: number;
  seed: number;
}

export const DEFAULT_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  dropAfterCommitRate: 0,
  dropAfterCommitNext: 0,
  rateLimitStormRate: 0,
  timeoutRate: 0,
  timeoutMs: 30_000,
  seed: 1,
};

const RATE_KEYS = ['errorRate', 'dropAfterCommitRate', 'rateLimitStormRate', 'timeoutRate'] as const;

export class FaultInjector {
  private current: FaultSettings;
  private random: () => number;
  private readonly holds = new Map<NodeJS.Timeout, () => void>();

  constructor(initial: Partial<FaultSettings> = {}) {
    this.current = { ...DEFAULT_FAULTS };
    this.random = mulberry32(this.current.seed);
    this.configure(initial);
  }

  /** Changes some settings; a new `seed` restarts the fault sequence. Throws RangeError on nonsense. */
  configure(patch: Partial<FaultSettings>): FaultSettings {
    const next = { ...this.current };
    for (const [key, value] of Object.entries(patch) as [keyof FaultSettings, unknown][]) {
      if (!(key in DEFAULT_FAULTS)) throw new RangeError(`Unknown fault setting "${String(key)}"`);
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${key} must be a number`);
      if ((RATE_KEYS as readonly string[]).includes(key) && (value < 0 || value > 1)) {
        throw new RangeError(`${key} must be between 0 and 1`);
      }
      if ((key === 'latencyMs' || key === 'timeoutMs') && (value < 0 || value > 600_000)) {
        throw new RangeError(`${key} must be between 0 and 600000`);
      }
      if (key === 'dropAfterCommitNext' && (!Number.isSafeInteger(value) || value < 0 || value > 1_000_000)) {
        throw new RangeError(`${key} must be a whole number from 0 to 1000000`);
      }
      next[key] = value;
    }
    this.current = next;
    if (patch.seed !== undefined) this.random = mulberry32(next.seed);
    return this.settings();
  }

  settings(): FaultSettings {
    return { ...this.current };
  }

  /** Back to no faults at all. */
  reset(): void {
    this.current = { ...DEFAULT_FAULTS };
    this.random = mulberry32(this.current.seed);
  }

  /** One draw: true with probability `rate`. A rate of 0 never consumes the sequence. */
  roll(rate: number): boolean {
    if (rate <= 0) return false;
    return this.random() < rate;
  }

  /**
   * A mutating route calls this right after its DB transaction committed. When it returns
   * true the connection has been destroyed without an answer and the route must stop
   * (return `reply`): the client sees a network error although the effect happened.
   */
  afterCommit(request: FastifyRequest, reply: FastifyReply): boolean {
    if (this.current.dropAfterCommitNext > 0) {
      this.current = { ...this.current, dropAfterCommitNext: this.current.dropAfterCommitNext - 1 };
    } else if (!this.roll(this.current.dropAfterCommitRate)) return false;
    dropConnection(request, reply);
    return true;
  }

  /** Waits `ms` of real time; close() ends the wait early (so a held request cannot block shutdown). */
  hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.holds.delete(t);
        resolve();
      }, ms);
      this.holds.set(t, resolve);
    });
  }

  /** Releases pending holds at once (server shutdown). */
  close(): void {
    for (const [t, resolve] of this.holds) {
      clearTimeout(t);
      resolve();
    }
    this.holds.clear();
  }
}

/** Ends the exchange without any HTTP answer, as a crashed server or broken network would. */
export function dropConnection(request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  request.raw.socket?.destroy();
  reply.raw.destroy();
}

export interface RegisterFaultsOptions {
  errorBody?: ErrorBodyFn;
}

/**
 * onRequest hook applying latency, timeouts, 429 storms and 5xx errors before the
 * route runs (so none of these has an effect). Register it before the API's own hooks.
 */
export function registerFaults(app: FastifyInstance, injector: FaultInjector, options: RegisterFaultsOptions = {}): void {
  const errorBody = options.errorBody ?? defaultErrorBody;
  app.addHook('onRequest', async (request, reply) => {
    if (isAdminUrl(request.url)) return;
    const s = injector.settings();
    if (s.latencyMs > 0) await injector.hold(s.latencyMs);
    if (injector.roll(s.timeoutRate)) {
      await injector.hold(s.timeoutMs);
      dropConnection(request, reply);
      return reply;
    }
    if (injector.roll(s.rateLimitStormRate)) {
      return reply
        .code(429)
        .header('Retry-After', '1')
        .send(errorBody('RATE_LIMITED', 'Too many requests: try again in 1 second.', 429));
    }
    if (injector.roll(s.errorRate)) {
      const status = injector.roll(0.5) ? 503 : 500;
      const body =
        status === 503
          ? errorBody('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Try again shortly.', 503)
          : errorBody('INTERNAL_ERROR', 'Internal server error', 500);
      return reply.code(status).send(body);
    }
    return;
  });
}
