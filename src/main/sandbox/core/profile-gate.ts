import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAdminUrl } from './errors';
import { routesFor, type RouteSpec, type SandboxProfile } from './profile';

/**
 * Makes an API serve exactly its profile's routes. Registered first (before faults, rate
 * limits and auth), so an unserved route answers as a real server's router would: 404 in
 * the API's own route-not-found shape, with no credential needed and no side effect.
 * At startup it also checks that the route list and the registered routes agree, so the
 * list (and the OpenAPI document made from it) cannot drift from what the code serves.
 */
export interface ProfileGateOptions {
  profile: SandboxProfile;
  /** Every route the API registers, in both profiles (profile-routes.ts). */
  routes: readonly RouteSpec[];
  /** Sends the API's route-not-found answer. */
  routeNotFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
  /**
   * `documented` only, for routes whose spec names its query parameters: refuse the others
   * (return the reply after sending a 400) or, when omitted, drop them silently.
   */
  refuseQuery?: (reply: FastifyReply, names: string[]) => FastifyReply;
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function registerProfileGate(app: FastifyInstance, options: ProfileGateOptions): void {
  const served = new Map(routesFor(options.routes, options.profile).map((r) => [key(r.method, r.path), r]));
  const listed = new Set(options.routes.map((r) => key(r.method, r.path)));
  const registered = new Set<string>();

  app.addHook('onRoute', (route) => {
    if (isAdminUrl(route.url)) return;
    for (const m of Array.isArray(route.method) ? route.method : [route.method]) {
      if (m !== 'HEAD' && m !== 'OPTIONS') registered.add(key(m, route.url));
    }
  });

  app.addHook('onReady', async () => {
    const missing = [...listed].filter((k) => !registered.has(k));
    const unlisted = [...registered].filter((k) => !listed.has(k));
    if (missing.length > 0 || unlisted.length > 0) {
      throw new Error(
        `Sandbox route list out of step with the code: ${missing.length ? `listed but not registered: ${missing.join(', ')}` : ''}${
          missing.length && unlisted.length ? '; ' : ''
        }${unlisted.length ? `registered but not listed: ${unlisted.join(', ')}` : ''}`,
      );
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (isAdminUrl(request.url)) return;
    const pattern = request.routeOptions.url;
    if (pattern === undefined) return; // no route at all: the not-found handler answers
    const spec = served.get(key(request.method === 'HEAD' ? 'GET' : request.method, pattern));
    if (!spec) return options.routeNotFound(request, reply);
    if (options.profile !== 'documented' || spec.query === undefined) return;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const extra = Object.keys(query).filter((k) => !spec.query!.includes(k));
    if (extra.length === 0) return;
    if (options.refuseQuery) return options.refuseQuery(reply, extra);
    const kept: Record<string, unknown> = {};
    for (const k of spec.query) if (k in query) kept[k] = query[k];
    request.query = kept;
    return;
  });
}
