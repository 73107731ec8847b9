import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxProfile } from '../core/profile';
import type { ErrorBodyFn } from '../core/errors';

/**
 * Proxies.sx is a NestJS service: errors are `{statusCode, message, error}` where `error`
 * is the HTTP reason phrase and `message` a string, or an array of strings for
 * validation failures (class-validator style). The sandbox adds `code`, a stable machine
 * code (INSUFFICIENT_BALANCE, QUOTA_EXCEEDED, …), as an extension.
 */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface PsxErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  code?: string;
}

export class PsxError extends Error {
  constructor(
    readonly statusCode: number,
    message: string | string[],
    readonly code?: string,
  ) {
    super(Array.isArray(message) ? message.join('; ') : message);
    this.messages = message;
  }
  readonly messages: string | string[];
}

export function psxBody(statusCode: number, message: string | string[], code?: string): PsxErrorBody {
  return { statusCode, message, error: REASONS[statusCode] ?? 'Error', ...(code ? { code } : {}) };
}

export const psxErrorBody: ErrorBodyFn = (code, message, status) => psxBody(status, message, code);

export const badRequest = (message: string | string[], code = 'VALIDATION_FAILED') => new PsxError(400, message, code);
export const notFound = (message: string) => new PsxError(404, message, 'NOT_FOUND');

export function registerPsxErrors(app: FastifyInstance, profile: SandboxProfile): void {
  app.setErrorHandler((err, _request, reply) => {
    if (err instanceof PsxError) {
      return reply.code(err.statusCode).send(psxBody(err.statusCode, err.messages, err.code));
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
    if (status >= 500) {
      // A sandbox bug, not an injected fault (those never reach here): make it visible.
      console.error('[proxies-sx sandbox]', err);
      return reply.code(500).send(psxBody(500, 'Internal server error', 'INTERNAL_ERROR'));
    }
    const message =
      e.code === 'INVALID_JSON' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
        ? 'Request body is not valid JSON'
        : e.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'Request body is too large'
          : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'Send the request body as application/json'
            : (e.message ?? 'Bad request');
    return reply.code(status).send(psxBody(status, message, e.code === 'INVALID_JSON' ? 'INVALID_JSON' : undefined));
  });
  app.setNotFoundHandler((request, reply) => psxRouteNotFound(profile)(request, reply));
}

/**
 * A route the server does not have, as NestJS's router answers it:
 * `{statusCode: 404, message: "Cannot GET /v1/reseller/account", error: "Not Found"}`.
 * A missing RESOURCE is `{statusCode: 404, message: "Customer … not found", error: "Not Found",
 * code: "NOT_FOUND"}`; the "Cannot <METHOD> /" message is what tells them apart. `extended`
 * also adds the sandbox's `code: "ROUTE_NOT_FOUND"`; `documented` does not (no document
 * shows one).
 */
export function psxRouteNotFound(profile: SandboxProfile) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = request.url.split('?')[0];
    return reply.code(404).send(psxBody(404, `Cannot ${request.method} ${path}`, profile === 'extended' ? 'ROUTE_NOT_FOUND' : undefined));
  };
}
