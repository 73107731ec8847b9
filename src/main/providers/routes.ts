/**
 * Every upstream call an adapter makes is one entry of its route table
 * (proxies-sx/routes.ts, whozex/routes.ts). The adapters build their requests from the
 * table only, so the table, docs/UPSTREAM-CONTRACT.md (kept in step by a unit test) and
 * what goes on the wire cannot drift apart.
 *
 * `documented` says where the upstream promises the route: `seed:L<n>` is a line of the
 * provider's seed document, `facts` is ../shared/seeds/upstream-facts.md, null means the
 * app ASSUMES it. An assumed route names the capability it belongs to: the app learns per
 * account whether the upstream offers it (services/accounts/capability-check.ts) and
 * degrades with a plain message when it does not.
 */
import { seg } from './http/http-client';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteSource = `seed:L${number}` | 'facts';

/** Capabilities that rest on an assumed route: learned per account. */
export const ASSUMED_CAPABILITIES = [
  'balance',
  'transactions',
  'customerRead',
  'customerUpdate',
  'customerSuspend',
  'portRead',
  'portExtend',
  'webhookList',
  'webhookDelete',
  'cities',
] as const;
export type AssumedCapability = (typeof ASSUMED_CAPABILITIES)[number];

/** present: the upstream answers it; absent: it does not know the route; unknown: not learned yet. */
export type CapabilityState = 'present' | 'absent' | 'unknown';
export type CapabilityStates = Partial<Record<AssumedCapability, CapabilityState>>;

export interface RouteSpec {
  method: RouteMethod;
  /** Below the base URL (…/v1); `:name` marks an id segment. */
  path: string;
  documented: RouteSource | null;
  /** Assumed routes only: the capability that turns off when the upstream lacks the route. */
  capability?: AssumedCapability;
  /** A read the capability check may send once to learn whether the route exists. */
  probe?: boolean;
}

export type RouteTable = Readonly<Record<string, RouteSpec>>;

/** Declares a table with its ids as a literal union (typos in adapters fail to compile). */
export function defineRoutes<T extends Record<string, RouteSpec>>(table: T): Readonly<T> {
  for (const [id, r] of Object.entries(table)) {
    if ((r.documented === null) !== (r.capability !== undefined)) {
      throw new Error(`route ${id}: an assumed route names a capability, a documented one does not`);
    }
  }
  return Object.freeze(table);
}

/** The request path for a route, ids encoded; a missing id is a programming error. */
export function buildPath(r: RouteSpec, params: Record<string, string> = {}): string {
  return r.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`route ${r.method} ${r.path}: missing :${name}`);
    return seg(v);
  });
}

function pattern(path: string): RegExp {
  const body = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}$`);
}

/** The table entry a request (method + path below the base URL, no query) belongs to. */
export function findRoute(table: RouteTable, method: string, path: string): [string, RouteSpec] | null {
  const p = path.split('?')[0]!;
  for (const entry of Object.entries(table)) {
    if (entry[1].method === method.toUpperCase() && pattern(entry[1].path).test(p)) return entry;
  }
  return null;
}

/** A route without an id segment: a 404 there can only mean the route is missing. */
export function isCollection(r: RouteSpec): boolean {
  return !r.path.includes(':');
}

/** `/v1/reseller/ports/{id}/extend` (OpenAPI) → `/reseller/ports/:id/extend` (table form). */
export function openApiPathToTemplate(p: string, basePath: string): string {
  let out = p;
  if (basePath && out.startsWith(`${basePath}/`)) out = out.slice(basePath.length);
  return out.replace(/\{([^}]+)\}/g, ':$1');
}

/** Two templates name the same route when they differ only in the names of their ids. */
export function sameTemplate(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/:[^/]+/g, ':');
  return norm(a) === norm(b);
}
