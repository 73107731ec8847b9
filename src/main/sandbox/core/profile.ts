/**
 * Sandbox profiles. The sandbox is a test double of the upstream documents, never the
 * oracle:
 * - `documented` serves only what the seed files and upstream-facts.md promise. Every other
 *   route answers 404 in that API's own route-not-found shape, `Idempotency-Key` is accepted
 *   and ignored (each request is a new write), and webhooks have the documented shape only.
 * - `extended` serves everything the sandbox has grown (balance, transactions, one customer,
 *   port by id, extend, webhook list/delete, cities, traffic quotes, …); each extra is an
 *   ASSUMPTION listed in profile-routes.ts with why it is one.
 *
 * The route lists (profile-routes.ts) are the single source for the gate (profile-gate.ts)
 * and for the OpenAPI documents (openapi.ts), so what is served and what is described
 * cannot drift apart.
 */

export const SANDBOX_PROFILES = ['documented', 'extended'] as const;
export type SandboxProfile = (typeof SANDBOX_PROFILES)[number];

/** Kept 'extended' for now so suites written before profiles keep their world. */
export const DEFAULT_PROFILE: SandboxProfile = 'extended';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  /** The Fastify pattern including the /v1 prefix, e.g. `/v1/reseller/customers/:id/topup`. */
  path: string;
  summary: string;
  /**
   * Where it is documented (`proxies-sx-reseller-guide.txt:89`, `upstream-facts.md:19`),
   * or `assumed: <why>` when no document promises it (served by `extended` only).
   */
  source: string;
  /**
   * Query parameters the document names. In `documented`, Proxies.sx refuses any other one
   * (400 "property x should not exist", as its validation pipe does for bodies) and Whozex
   * ignores them (they are dropped before the route sees them). Omitted: no check.
   */
  query?: readonly string[];
  /** Served without a credential. */
  public?: boolean;
}

export const isAssumed = (r: RouteSpec): boolean => r.source.startsWith('assumed');

/** The routes a profile serves: `documented` drops every assumed one. */
export function routesFor(all: readonly RouteSpec[], profile: SandboxProfile): RouteSpec[] {
  return profile === 'extended' ? [...all] : all.filter((r) => !isAssumed(r));
}

export function parseProfile(value: unknown): SandboxProfile {
  if (typeof value === 'string' && (SANDBOX_PROFILES as readonly string[]).includes(value)) return value as SandboxProfile;
  throw new RangeError(`Unknown sandbox profile ${JSON.stringify(value)}: use one of ${SANDBOX_PROFILES.join(', ')}`);
}

/** `/v1/ports/:id/rotate` → `/ports/{id}/rotate` (OpenAPI paths are relative to the /v1 server). */
export function openApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/^\/v1/, '').replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
