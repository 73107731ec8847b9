import { AppError, isAppError } from '../../../shared/errors';

/**
 * What an error from an upstream mutation says about its fate:
 * - `unknown`: it may have happened (timeout, dropped connection, 5xx after sending, an
 *   unreadable 2xx, the same key still in flight upstream, or an error we do not
 *   understand): the operation stays pending and is reconciled;
 * - `refused`: the upstream definitely did not do it (4xx, 429/503 before acting, the
 *   request never left): the operation fails and nothing is posted.
 */
export type Fate = 'unknown' | 'refused';

/** Refusals made in front of the upstream's handler (limits, availability, auth, transport). */
const INCONCLUSIVE = new Set(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_ERROR', 'INVALID_API_KEY', 'FORBIDDEN', 'KEYCHAIN_UNAVAILABLE', 'CANCELLED', 'INTERNAL']);

export function fateOf(error: unknown, earlierAttemptUnknown = false): Fate {
  if (!isAppError(error)) return 'unknown';
  // A refusal before the upstream even looked at the request (429, 503, a rejected key,
  // nothing sent) says nothing about an earlier attempt that may have gone through.
  if (earlierAttemptUnknown && INCONCLUSIVE.has(error.code)) return 'unknown';
  if (error.code === 'UPSTREAM_OUTCOME_UNKNOWN') return 'unknown';
  const upstreamCode = typeof error.details?.upstreamCode === 'string' ? error.details.upstreamCode : '';
  // The upstream is still handling the same key (e.g. our previous attempt, from before a crash).
  if (error.code === 'CONFLICT' && upstreamCode === 'IDEMPOTENCY_KEY_IN_USE') return 'unknown';
  return 'refused';
}

/** The error a caller sees while an operation is still being checked. */
export function stillPendingError(operationId: string, upstream: string, cause: unknown): AppError {
  return new AppError(
    'UPSTREAM_OUTCOME_UNKNOWN',
    `${upstream} did not confirm this change before the connection failed. Reseller Desk keeps it as a pending operation and checks it with ${upstream} automatically (see Events → Upstream operations); it will never be charged twice.`,
    { details: { operationId }, cause },
  );
}

export function errorParts(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
