/** The `{success, data|error, meta}` envelope every Whozex answer travels in. */

export const API_VERSION = '1.0.0';

export interface Meta {
  timestamp: string;
  version: string;
}

export function meta(nowMs: number): Meta {
  return { timestamp: new Date(nowMs).toISOString(), version: API_VERSION };
}

export function okBody<T>(data: T, nowMs: number): { success: true; data: T; meta: Meta } {
  return { success: true, data, meta: meta(nowMs) };
}

export function errorBody(code: string, message: string, nowMs: number): { success: false; error: { code: string; message: string }; meta: Meta } {
  return { success: false, error: { code, message }, meta: meta(nowMs) };
}

/** A refusal with the API's own code and HTTP status; the error handler renders it. */
export class WhozexError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WhozexError';
  }
}

/**
 * A route the API does not have: `NOT_FOUND` (the only 404 code Whozex documents, facts:40)
 * with the message `Route not found: GET /v1/users/abc` (path without the query). A missing
 * RESOURCE is `NOT_FOUND` with `<What> <id> not found` (e.g. `User 42 not found`); callers
 * tell the two apart by the message starting with "Route not found".
 */
export function routeNotFoundMessage(method: string, url: string): string {
  return `Route not found: ${method} ${url.split('?')[0]}`;
}

export const notFound = (what: string, id: string): WhozexError => new WhozexError(404, 'NOT_FOUND', `${what} ${id} not found`);
export const invalidParams = (message: string): WhozexError => new WhozexError(400, 'INVALID_PARAMS', message);
export const missingField = (field: string): WhozexError => new WhozexError(400, 'MISSING_FIELD', `${field} is required`);

/** 402 Payment Required: the chosen status for INSUFFICIENT_BALANCE (documented in docs/sandbox.md). */
export const INSUFFICIENT_BALANCE_STATUS = 402;
