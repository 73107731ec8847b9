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
  // The upstream is still handling the same key (e.g. our previous attempt, from before a
  // crash), or says the key was used before: either way an earlier attempt may have landed,
  // so the journal looks in the upstream's lists (or asks the reseller), never fails it.
  if (upstreamCode === 'IDEMPOTENCY_KEY_IN_USE' || upstreamCode === 'IDEMPOTENCY_KEY_REUSED') return 'unknown';
  return 'refused';
}

/** The error a caller sees while an operation is still being checked. */
export function stillPendingError(operationId: string, upstream: string, cause: unknown, needsReview = false): AppError {
  const message = needsReview
    ? `${upstream} did not confirm this change and its lists cannot tell whether it happened. It waits for you under Events → Upstream operations: check it in the ${upstream} dashboard and settle it there. It will not be sent again on its own.`
    : `${upstream} did not confirm this change. Reseller Desk is checking the result with ${upstream} (see Events → Upstream operations → Check now); it is sent again only if ${upstream} shows it did not happen, so it is never charged twice.`;
  return new AppError('UPSTREAM_OUTCOME_UNKNOWN', message, { details: { operationId, needsReview }, cause });
}

export function errorParts(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
