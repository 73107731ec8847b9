import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * A Fastify instance with what every simulated API wants: no logging noise, a JSON parser
 * that takes an empty body as "no body" (curl -X POST without -d), an X-Request-ID on
 * every answer (the caller's, when it sent a sane one).
 */
export function createSandboxFastify(options: { bodyLimit?: number } = {}): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 1_048_576, return503OnClosing: false });
  parseJsonLeniently(app, () => {
    const err = new Error('Request body is not valid JSON') as Error & { statusCode: number; code: string };
    err.statusCode = 400;
    err.code = 'INVALID_JSON';
    return err;
  });
  registerRequestId(app);
  return app;
}

/** JSON bodies where an empty body means "no body"; a body that is not JSON fails with `invalid()`. */
export function parseJsonLeniently(app: FastifyInstance, invalid: () => Error): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(invalid(), undefined);
    }
  });
}

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function registerRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const incoming = request.headers['x-request-id'];
    const id = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : `req_${randomBytes(10).toString('hex')}`;
    reply.header('X-Request-ID', id);
  });
}
