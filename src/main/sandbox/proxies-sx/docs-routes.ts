import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../core/openapi';
import { PSX_ROUTES } from '../core/profile-routes';
import { access, type PsxCtx } from './context';

/** GET /v1/reseller/docs/openapi (guide:298): the OpenAPI document of the routes this profile serves. */
export function registerDocsRoutes(app: FastifyInstance, ctx: PsxCtx): void {
  const doc = openApiDocument({
    title: 'Proxies.sx Reseller API (Reseller Desk sandbox)',
    version: '1.0.0',
    profile: ctx.profile,
    routes: PSX_ROUTES,
    description:
      ctx.profile === 'documented'
        ? 'Only what the reseller guide and the documented facts promise.'
        : 'Documented routes plus the sandbox extras; every extra is marked x-assumed.',
  });
  app.get('/reseller/docs/openapi', access([], 'public'), async () => doc);
}
