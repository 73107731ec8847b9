import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny upstream on loopback for what the sandbox does not do (yet): a registration
 * answer without a secret, a Whozex that refuses one particular event name. Real HTTP,
 * through the real provider adapters. Every request is recorded.
 */
export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeUpstream {
  baseUrl: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export type FakeHandler = (req: FakeRequest) => { status: number; body: unknown };

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : null);
      } catch {
        resolve(text);
      }
    });
  });
}

export async function startFakeUpstream(handle: FakeHandler): Promise<FakeUpstream> {
  const requests: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const r: FakeRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, body };
      requests.push(r);
      const answer = handle(r);
      const text = JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Proxies.sx routes the seed documents (below /v1), for the fake's OpenAPI document. */
const PSX_DOCUMENTED: [method: string, path: string][] = [
  ['post', '/login/signin'],
  ['post', '/api-keys'],
  ['get', '/reseller/pricebook'],
  ['put', '/reseller/pricebook'],
  ['post', '/reseller/pricebook/country-override'],
  ['post', '/reseller/pricebook/calculate'],
  ['get', '/reseller/customers'],
  ['post', '/reseller/customers'],
  ['post', '/reseller/customers/{id}/topup'],
  ['post', '/reseller/ports'],
  ['post', '/reseller/ports/{id}/rotate'],
  ['get', '/ports'],
  ['post', '/ports/{id}/rotate'],
  ['get', '/ports/{id}/can-rotate'],
  ['post', '/reseller/webhooks'],
  ['get', '/countries/with-devices'],
  ['get', '/carriers/country/{id}'],
  ['get', '/reseller/docs/openapi'],
];

function psxOpenApi(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [m, p] of PSX_DOCUMENTED) (paths[p] ??= {})[m] = { responses: { '200': { description: 'OK' } } };
  return { openapi: '3.0.0', info: { title: 'Proxies.sx reseller API', version: '1' }, servers: [{ url: '/v1' }], paths };
}

/**
 * What a documented-only upstream answers to the reads the app makes when it learns an
 * account's capabilities (on add): Proxies.sx serves its OpenAPI document (seed, last lines)
 * listing only the documented routes; Whozex answers its documented user list; every other
 * route is unknown, 404 in that API's own route-not-found shape. Tests put their own
 * handlers first and fall back to this.
 */
export function documentedAnswer(kind: 'proxies-sx' | 'whozex', r: FakeRequest): { status: number; body: unknown } {
  const path = r.path.split('?')[0]!;
  if (kind === 'proxies-sx') {
    if (r.method === 'GET' && path === '/v1/reseller/docs/openapi') return { status: 200, body: psxOpenApi() };
    return { status: 404, body: { statusCode: 404, message: `Cannot ${r.method} ${path}`, error: 'Not Found' } };
  }
  if (r.method === 'GET' && path === '/v1/users') return { status: 200, body: { success: true, data: [], meta: {} } };
  return { status: 404, body: { success: false, error: { code: 'NOT_FOUND', message: `Route not found: ${r.method} ${path}` }, meta: {} } };
}
