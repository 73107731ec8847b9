/**
 * Core hooks (rate limit, faults, idempotency) answer in the error format of the API they
 * are mounted on. Each API passes one of these: (machine code, message, HTTP status).
 * Codes used by the core: RATE_LIMITED, SERVICE_UNAVAILABLE, INTERNAL_ERROR,
 * INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE.
 */
export type ErrorBodyFn = (code: string, message: string, status: number) => unknown;

/** A neutral default, only used when an API did not pass its own format. */
export const defaultErrorBody: ErrorBodyFn = (code, message, status) => ({ statusCode: status, code, message });

/** Admin routes are the sandbox's own controls: never rate-limited, faulted or deduplicated. */
export function isAdminUrl(url: string): boolean {
  return url === '/__admin' || url.startsWith('/__admin/') || url.startsWith('/__admin?');
}
