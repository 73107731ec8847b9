import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../../core/openapi';
import { WHOZEX_ROUTES } from '../../core/profile-routes';
import type { RouteContext } from '../context';

/**
 * GET /v1/openapi.json: Whozex documents no OpenAPI document, so this route is itself an
 * extended-profile assumption (the profile gate hides it in `documented`). It describes the
 * routes the profile serves, assumed ones marked x-assumed.
 */
export function openApiRoute(app: FastifyInstance, ctx: RouteContext): void {
  const doc = openApiDocument({
    title: 'Whozex Reseller API (Reseller Desk sandbox, assumed document)',
    version: '1.0.0',
    profile: ctx.profile,
    routes: WHOZEX_ROUTES,
    description: 'Whozex publishes no OpenAPI document; this one is the sandbox extended profile\u2019s own.',
  });
  app.get('/openapi.json', async () => doc);
}
