import type { Database } from 'better-sqlite3';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordIdempotentAnswer } from '../core/idempotency';
import type { SandboxClock } from '../core/clock';
import type { FaultInjector } from '../core/faults';
import { DEFAULT_PROFILE, type SandboxProfile } from '../core/profile';
import { okBody } from './envelope';
import { publishEvents, type WebhookQueue } from './events';
import { toJson } from './json';
import type { Outcome } from './operations';

export interface RouteContext {
  db: Database;
  clock: SandboxClock;
  profile: SandboxProfile;
  /** Reads: wrap data in the envelope. */
  ok: (data: unknown) => unknown;
  /**
   * Writes: runs `work` in one DB transaction together with storing the idempotent
   * answer, publishes the events after the commit, gives the fault injector its chance
   * to drop the connection, then answers.
   */
  mutate: (request: FastifyRequest, reply: FastifyReply, status: number, work: (now: number) => Outcome<unknown>) => FastifyReply;
}

export function createRouteContext(db: Database, clock: SandboxClock, faults: FaultInjector, webhooks: WebhookQueue, profile: SandboxProfile = DEFAULT_PROFILE): RouteContext {
  return {
    db,
    clock,
    profile,
    ok: (data) => okBody(data, clock.now()),
    mutate(request, reply, status, work) {
      const now = clock.now();
      const { text, events } = db.transaction(() => {
        const out = work(now);
        const body = toJson(okBody(out.data, now));
        recordIdempotentAnswer(request, status, body);
        return { text: body, events: out.events };
      })();
      publishEvents(db, webhooks, events, profile);
      if (faults.afterCommit(request, reply)) return reply;
      return reply.code(status).type('application/json; charset=utf-8').send(text);
    },
  };
}
