/**
 * Errors that cross the IPC boundary: a stable SCREAMING_SNAKE code and a message a
 * reseller can act on. Never a stack trace, never a secret.
 */

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_BALANCE',
  'QUOTA_EXCEEDED',
  'INVALID_API_KEY',
  'FORBIDDEN',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_ERROR',
  'UPSTREAM_PROTOCOL',
  'UPSTREAM_OUTCOME_UNKNOWN',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_REJECTED',
  'UNSUPPORTED',
  'INVALID_CREDENTIALS',
  'KEYCHAIN_UNAVAILABLE',
  'BELOW_COST',
  /** A charge of the same kind for the same customer is still unsettled (issue 15). */
  'OPERATION_PENDING',
  'CANCELLED',
  'INTERNAL',
] as const;

export type KnownErrorCode = (typeof ERROR_CODES)[number];
/** Domain modules may add codes of their own; these are the ones the app itself relies on. */
export type ErrorCode = KnownErrorCode | (string & {});

export interface IpcError {
  code: ErrorCode;
  message: string;
  /** For INVALID_INPUT: the dotted path of the offending field ("email", "lines.0.amount"). */
  field?: string;
  /** Plain, secret-free facts a screen may show (amounts in minor units, retry time). */
  details?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: IpcError['details'];

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: IpcError['details']; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  toIpc(): IpcError {
    const out: IpcError = { code: this.code, message: this.message };
    if (this.field !== undefined) out.field = this.field;
    if (this.details !== undefined) out.details = this.details;
    return out;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: IpcError): Result<never> => ({ ok: false, error });
