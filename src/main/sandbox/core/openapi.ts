import { isAssumed, openApiPath, routesFor, type RouteSpec, type SandboxProfile } from './profile';

/**
 * An OpenAPI 3 document made from a profile's route list (so it describes exactly what the
 * profile serves). Each operation carries `x-source` (where it is documented) and, in
 * `extended`, `x-assumed: true` for routes no document promises.
 */
export interface OpenApiInput {
  title: string;
  version: string;
  profile: SandboxProfile;
  routes: readonly RouteSpec[];
  description: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string; 'x-sandbox-profile': SandboxProfile };
  servers: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
}

export function openApiDocument(input: OpenApiInput): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routesFor(input.routes, input.profile)) {
    const path = openApiPath(r.path);
    const parameters = [
      ...[...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(r.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
    ];
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(r.public ? { security: [] } : {}),
      responses: { default: { description: 'See the provider documentation' } },
      'x-source': r.source,
      ...(isAssumed(r) ? { 'x-assumed': true } : {}),
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: input.title, version: input.version, description: input.description, 'x-sandbox-profile': input.profile },
    servers: [{ url: '/v1' }],
    paths,
  };
}
