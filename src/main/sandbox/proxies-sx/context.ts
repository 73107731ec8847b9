import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxClock } from '../core/clock';
import type { FaultInjector } from '../core/faults';
import type { SandboxProfile } from '../core/profile';
import { recordIdempotentAnswer } from '../core/idempotency';
import type { SandboxDb } from '../core/store';
import type { WebhookSender } from '../core/webhook-sender';
import type { PsxRouteAuth, PsxScope } from './auth';
import type { PendingEvent, PsxEmit } from './events';

export interface PsxCtx {
  db: SandboxDb;
  clock: SandboxClock;
  faults: FaultInjector;
  webhooks: WebhookSender;
  emit: PsxEmit;
  profile: SandboxProfile;
}

/** Route options declaring who may call it (see auth.ts). */
export function access(scopes: PsxScope[] = [], auth?: PsxRouteAuth['auth']): { config: { psx: PsxRouteAuth } } {
  return { config: { psx: { scopes, ...(auth ? { auth } : {}) } } };
}

/**
 * The one way a route changes state: `work` runs in a DB transaction that also stores the
 * idempotent answer; webhooks go out after commit; then the fault injector may drop the
 * connection (the effect stays, the client sees no answer and retries with its key).
 */
export function mutate(
  ctx: PsxCtx,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  work: (events: PendingEvent[]) => unknown,
): FastifyReply {
  const events: PendingEvent[] = [];
  const body = ctx.db.transaction(() => {
    const b = work(events);
    recordIdempotentAnswer(request, status, b);
    return b;
  })();
  ctx.emit(events);
  if (ctx.faults.afterCommit(request, reply)) return reply;
  return reply.code(status).send(body);
}
