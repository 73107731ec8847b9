/**
 * The one HTTP path to an upstream account, on undici:
 * - one pooled keep-alive Agent per account, with connect/headers/body timeouts;
 * - a token-bucket request budget per account (every attempt spends a token);
 * - retries with exponential backoff + full jitter for safe requests (GET, read-only
 *   POSTs) on network errors, timeouts, 429 and 5xx; for mutations ONLY on 429/503 (the
 *   upstream refused before acting) and on connect failures (nothing was sent);
 * - a mutation that may have reached the upstream and then failed (timeout, dropped
 *   connection, other 5xx) is never retried blindly: UPSTREAM_OUTCOME_UNKNOWN, so the
 *   operations journal reconciles;
 * - `Idempotency-Key` on every mutation; the upstream's X-Request-ID kept per call.
 * The API key is read per call and only ever placed in a request header.
 */
import { Agent, type Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors';
import type { HttpOptions } from '../types';
import { abortableSleep, backoffDelay, parseRetryAfter } from './backoff';
import { stringifyJson } from './json';
import { TokenBucket } from './token-bucket';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export type AuthMode = { kind: 'api-key' } | { kind: 'bearer'; token: string } | { kind: 'none' };

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, starting with '/'. Encode ids with `seg()`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body; LosslessNumber values are written as exact decimal text. */
  body?: unknown;
  /** A read-only call even if not a GET (e.g. POST …/calculate): retried like a GET. */
  safe?: boolean;
  /** Required for mutations (everything not GET and not `safe`). */
  idempotencyKey?: string;
  signal?: AbortSignal;
  auth?: AuthMode;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  requestId: string | null;
  /** From Retry-After, when the upstream sent one. */
  retryAfterMs: number | null;
  /** Whether this call changes upstream state (for error mapping). */
  mutation: boolean;
  attempts: number;
}

export interface HttpClientConfig {
  /** 'Proxies.sx' / 'Whozex' for messages. */
  upstream: string;
  accountName: string;
  baseUrl: string;
  apiKey?: () => Promise<string>;
  /** How the key travels: Proxies.sx X-API-Key, Whozex Authorization: Bearer. */
  keyHeaders: (key: string) => Record<string, string>;
  options?: HttpOptions;
  /** Wall clock for Retry-After dates (ms since epoch). */
  nowMs?: () => number;
}

export const DEFAULT_HTTP = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 30_000,
  perSecond: 20,
} as const;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
/** Errors raised before any byte of the request could reach the upstream. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

type Failure = { kind: 'not-sent' | 'timeout' | 'network' | 'aborted'; code: string };

/** Encodes one path segment (an upstream id). */
export function seg(id: string): string {
  return encodeURIComponent(id);
}

export class HttpClient {
  readonly upstream: string;
  readonly accountName: string;
  private readonly origin: string;
  private readonly prefix: string;
  private readonly agent: Dispatcher;
  private readonly bucket: TokenBucket;
  private readonly retries: number;
  private readonly backoff: { baseDelayMs: number; maxDelayMs: number };
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly nowMs: () => number;
  private readonly userAgent: string;

  constructor(private readonly config: HttpClientConfig) {
    const o = config.options ?? {};
    let url: URL;
    try {
      url = new URL(config.baseUrl);
    } catch {
      throw new AppError('INVALID_INPUT', `"${config.baseUrl}" is not a valid API address for '${config.accountName}'.`, { field: 'baseUrl' });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new AppError('INVALID_INPUT', `The API address for '${config.accountName}' must start with https://.`, { field: 'baseUrl' });
    }
    this.upstream = config.upstream;
    this.accountName = config.accountName;
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.agent = new Agent({
      connect: { timeout: o.connectTimeoutMs ?? DEFAULT_HTTP.connectTimeoutMs },
      headersTimeout: o.headersTimeoutMs ?? DEFAULT_HTTP.headersTimeoutMs,
      bodyTimeout: o.bodyTimeoutMs ?? DEFAULT_HTTP.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      connections: 8,
    });
    const perSecond = o.budget?.perSecond ?? DEFAULT_HTTP.perSecond;
    this.bucket = new TokenBucket({ perSecond, burst: o.budget?.burst ?? perSecond });
    this.retries = o.retry?.retries ?? DEFAULT_HTTP.retries;
    this.backoff = {
      baseDelayMs: o.retry?.baseDelayMs ?? DEFAULT_HTTP.baseDelayMs,
      maxDelayMs: o.retry?.maxDelayMs ?? DEFAULT_HTTP.maxDelayMs,
    };
    this.maxRetryAfterMs = o.retry?.maxRetryAfterMs ?? DEFAULT_HTTP.maxRetryAfterMs;
    this.sleep = o.sleep ?? abortableSleep;
    this.random = o.random ?? Math.random;
    this.nowMs = config.nowMs ?? Date.now;
    this.userAgent = o.userAgent ?? 'ResellerDesk/0.1';
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /**
   * Sends the request under the retry policy and returns the final HTTP answer (any
   * status). Transport failures become AppErrors here; HTTP statuses are mapped by the
   * adapter, which knows the upstream's error format.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const mutation = req.method !== 'GET' && !req.safe;
    if (mutation) {
      if (!req.idempotencyKey || !IDEMPOTENCY_KEY.test(req.idempotencyKey)) {
        throw new AppError('INVALID_INPUT', 'Internal error: an upstream change was attempted without a valid idempotency key.', { field: 'idempotencyKey' });
      }
    }
    const headers = await this.headers(req, mutation);
    const body = req.body === undefined ? undefined : stringifyJson(req.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const path = this.prefix + req.path + queryString(req.query);

    for (let attempt = 0; ; attempt++) {
      await this.bucket.take(req.signal);
      let res: HttpResponse;
      try {
        res = await this.once(req.method, path, headers, body, req.signal, mutation, attempt + 1);
      } catch (err) {
        const f = classify(err, req.signal);
        if (f.kind === 'aborted') {
          if (mutation) throw this.outcomeUnknown('you cancelled it while it was in flight', f.code);
          throw new AppError('CANCELLED', 'The request was cancelled.');
        }
        const retryable = !mutation || f.kind === 'not-sent';
        if (retryable && attempt < this.retries) {
          await this.pause(backoffDelay(attempt, this.backoff, this.random), req.signal);
          continue;
        }
        if (mutation && f.kind !== 'not-sent') {
          throw this.outcomeUnknown(f.kind === 'timeout' ? 'it timed out' : 'the connection dropped', f.code);
        }
        throw this.transportError(f);
      }
      const retryStatus = res.status === 429 || res.status === 503 || (!mutation && (res.status === 500 || res.status === 502 || res.status === 504));
      if (retryStatus && attempt < this.retries) {
        if (res.retryAfterMs !== null && res.retryAfterMs > this.maxRetryAfterMs) return res;
        const wait = res.retryAfterMs ?? backoffDelay(attempt, this.backoff, this.random);
        await this.pause(wait, req.signal);
        continue;
      }
      return res;
    }
  }

  private async headers(req: HttpRequest, mutation: boolean): Promise<Record<string, string>> {
    const h: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent };
    const auth = req.auth ?? { kind: 'api-key' };
    if (auth.kind === 'api-key') {
      if (!this.config.apiKey) throw new AppError('INVALID_API_KEY', `No API key is stored for '${this.accountName}'. Paste one in Settings.`);
      let key: string;
      try {
        key = await this.config.apiKey();
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('KEYCHAIN_UNAVAILABLE', `The API key for '${this.accountName}' could not be read from the system keychain.`);
      }
      if (!key) throw new AppError('INVALID_API_KEY', `No API key is stored for '${this.accountName}'. Paste one in Settings.`);
      Object.assign(h, this.config.keyHeaders(key));
    } else if (auth.kind === 'bearer') {
      h.authorization = `Bearer ${auth.token}`;
    }
    if (mutation) h['idempotency-key'] = req.idempotencyKey!;
    return h;
  }

  private async once(
    method: HttpMethod,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
    mutation: boolean,
    attempts: number,
  ): Promise<HttpResponse> {
    const res = await this.agent.request({ origin: this.origin, path, method, headers, body, signal });
    const text = await res.body.text();
    const h = res.headers as Record<string, string | string[] | undefined>;
    const rid = h['x-request-id'];
    return {
      status: res.statusCode,
      headers: h,
      text,
      requestId: (Array.isArray(rid) ? rid[0] : rid) ?? null,
      retryAfterMs: parseRetryAfter(h['retry-after'], this.nowMs()),
      mutation,
      attempts,
    };
  }

  private async pause(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await this.sleep(ms, signal);
    } catch {
      throw new AppError('CANCELLED', 'The request was cancelled.');
    }
  }

  private outcomeUnknown(why: string, cause: string): AppError {
    return new AppError(
      'UPSTREAM_OUTCOME_UNKNOWN',
      `${this.upstream} did not confirm whether the change for '${this.accountName}' went through (${why}). ` +
        `Reseller Desk will check with ${this.upstream} before trying again, so nothing is done twice.`,
      { details: { cause } },
    );
  }

  private transportError(f: Failure): AppError {
    if (f.kind === 'timeout') {
      return new AppError('UPSTREAM_TIMEOUT', `${this.upstream} took too long to answer for '${this.accountName}'. Try again in a minute.`, {
        details: { cause: f.code },
      });
    }
    const what = f.code === 'ENOTFOUND' || f.code === 'EAI_AGAIN' ? 'its address could not be resolved' : 'the connection failed';
    return new AppError(
      'UPSTREAM_UNAVAILABLE',
      `Could not reach ${this.upstream} for '${this.accountName}' (${what}). Check your internet connection and the API address, then try again.`,
      { details: { cause: f.code } },
    );
  }
}

function classify(err: unknown, signal: AbortSignal | undefined): Failure {
  const code = (err as { code?: unknown } | null)?.code;
  const c = typeof code === 'string' ? code : 'UNKNOWN';
  if (signal?.aborted || c === 'UND_ERR_ABORTED' || (err as Error | null)?.name === 'AbortError') return { kind: 'aborted', code: c };
  if (NOT_SENT_CODES.has(c)) return { kind: 'not-sent', code: c };
  if (TIMEOUT_CODES.has(c)) return { kind: 'timeout', code: c };
  return { kind: 'network', code: c };
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.append(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
