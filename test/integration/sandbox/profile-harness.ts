import { startSandbox, type RunningSandbox, type SandboxProfile } from '../../../src/main/sandbox';
import type { RouteSpec } from '../../../src/main/sandbox/core/profile';
import { parseExact } from './proxies-sx-harness';

/**
 * Both simulated APIs of one startSandbox() in a chosen profile, with a caller per API that
 * keeps money exact (decimals come back as their text, e.g. "25.00").
 */
export interface CallOptions {
  body?: unknown;
  /** Default: the seeded key of that API; null sends none. */
  key?: string | null;
  headers?: Record<string, string>;
}

export interface Result {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface ProfileHarness {
  sandbox: RunningSandbox;
  psx(method: string, path: string, options?: CallOptions): Promise<Result>;
  wzx(method: string, path: string, options?: CallOptions): Promise<Result>;
  admin(method: string, path: string, body?: unknown): Promise<Result>;
  close(): Promise<void>;
}

async function send(url: string, method: string, headers: Record<string, string>, body: unknown): Promise<Result> {
  const h = { ...headers };
  const text = body === undefined ? undefined : JSON.stringify(body);
  if (text !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers: h, ...(text !== undefined ? { body: text } : {}) });
  const out = await res.text();
  let json: unknown;
  try {
    json = out ? parseExact(out) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text: out, json };
}

export async function startProfile(profile: SandboxProfile): Promise<ProfileHarness> {
  const sandbox = await startSandbox({ profile, autoDeliverWebhooks: false, rateLimit: { perSecond: 10_000, burst: 10_000 } });
  const withKey = (key: string | null | undefined, fallback: string, header: string, o: CallOptions) => {
    const k = key === undefined ? fallback : key;
    return { ...(k === null ? {} : { [header]: k }), ...o.headers };
  };
  return {
    sandbox,
    psx: (method, path, o = {}) => send(sandbox.proxiesSx.baseUrl + path, method, withKey(o.key, sandbox.proxiesSx.apiKey, 'x-api-key', o), o.body),
    wzx: (method, path, o = {}) => send(sandbox.whozex.baseUrl + path, method, withKey(o.key, sandbox.whozex.apiKey, 'x-api-key', o), o.body),
    admin: (method, path, body) => send(sandbox.proxiesSx.origin + path, method, {}, body),
    close: () => sandbox.close(),
  };
}

/** A concrete URL path (under /v1) for a route pattern, with made-up ids. */
export function concretePath(route: RouteSpec): string {
  return route.path.replace(/^\/v1/, '').replace(/:([A-Za-z0-9_]+)/g, '65a0ffffffffffffffffffff');
}

/** What the documented Proxies.sx profile answers for a route it does not have (NestJS router shape). */
export function isPsxRouteNotFound(r: Result): boolean {
  return r.status === 404 && r.json?.error === 'Not Found' && typeof r.json?.message === 'string' && /^Cannot (GET|POST|PUT|PATCH|DELETE) \/v1\//.test(r.json.message);
}

/** What Whozex answers for a route it does not have: NOT_FOUND, "Route not found: …". */
export function isWhozexRouteNotFound(r: Result): boolean {
  return r.status === 404 && r.json?.success === false && r.json?.error?.code === 'NOT_FOUND' && /^Route not found: /.test(r.json?.error?.message ?? '');
}
