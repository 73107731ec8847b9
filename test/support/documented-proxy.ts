/**
 * A documented-only stand-in for tests: a loopback HTTP proxy in front of the embedded
 * sandbox that forwards ONLY the routes the upstream documents promise (the two seed files
 * and upstream-facts.md) and answers every other route with 404 in that API's own error
 * shape (NestJS "Cannot GET /…" for Proxies.sx, the `{success:false,error}` envelope for
 * Whozex). The list below is written from the documents, not from the adapters' route
 * tables, so a test against it can catch an adapter that relies on an assumption.
 *
 * Temporary: the integrator swaps it for `startSandbox({ profile: 'documented' })`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Doc = [method: string, path: string][];

/** Below /v1. `:x` is one path segment. */
export const DOCUMENTED_PROXIES_SX: Doc = [
  ['POST', '/login/signin'],
  ['POST', '/api-keys'],
  ['GET', '/reseller/pricebook'],
  ['PUT', '/reseller/pricebook'],
  ['POST', '/reseller/pricebook/country-override'],
  ['POST', '/reseller/pricebook/calculate'],
  ['GET', '/reseller/customers'],
  ['POST', '/reseller/customers'],
  ['POST', '/reseller/customers/:x/topup'],
  ['POST', '/reseller/ports'],
  ['POST', '/reseller/ports/:x/rotate'],
  ['GET', '/ports'],
  ['POST', '/ports/:x/rotate'],
  ['GET', '/ports/:x/can-rotate'],
  ['POST', '/reseller/webhooks'],
  ['GET', '/countries/with-devices'],
  ['GET', '/carriers/country/:x'],
  ['GET', '/reseller/docs/openapi'],
];

export const DOCUMENTED_WHOZEX: Doc = [
  ['GET', '/account'],
  ['GET', '/account/stats'],
  ['GET', '/account/transactions'],
  ['POST', '/account/regenerate-key'],
  ['GET', '/users'],
  ['POST', '/users'],
  ['POST', '/users/:x/balance'],
  ['POST', '/users/:x/packages'],
  ['GET', '/packages/:x'],
  ['POST', '/packages/:x/add-gb'],
  ['GET', '/packages/:x/credentials'],
  ['GET', '/packages/:x/usage'],
  ['GET', '/pricing'],
  ['GET', '/pricing/calculate'],
  ['GET', '/analytics/overview'],
  ['POST', '/webhooks'],
];

function documented(doc: Doc, method: string, path: string): boolean {
  const parts = path.split('/');
  return doc.some(([m, p]) => {
    if (m !== method) return false;
    const want = p.split('/');
    return want.length === parts.length && want.every((w, i) => w === ':x' || w === parts[i]);
  });
}

export interface DocumentedProxy {
  /** http://127.0.0.1:PORT/v1, like the sandbox's. */
  baseUrl: string;
  /** Requests answered 404 because no document promises them ("METHOD /path"). */
  refused: string[];
  /** Requests forwarded ("METHOD /path"). */
  forwarded: string[];
  close(): Promise<void>;
}

/**
 * @param upstreamBaseUrl the sandbox's base URL for this provider (…/v1)
 */
export async function startDocumentedProxy(kind: 'proxies-sx' | 'whozex', upstreamBaseUrl: string): Promise<DocumentedProxy> {
  const target = new URL(upstreamBaseUrl);
  const prefix = target.pathname.replace(/\/+$/, ''); // '/v1'
  const doc = kind === 'proxies-sx' ? DOCUMENTED_PROXIES_SX : DOCUMENTED_WHOZEX;
  const refused: string[] = [];
  const forwarded: string[] = [];

  const notFound = (res: ServerResponse, method: string, fullPath: string): void => {
    const body =
      kind === 'proxies-sx'
        ? { statusCode: 404, message: `Cannot ${method} ${fullPath}`, error: 'Not Found' }
        : { success: false, error: { code: 'NOT_FOUND', message: `No route ${method} ${fullPath}` }, meta: { timestamp: new Date().toISOString(), version: '1.0.0' } };
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = (req.method ?? 'GET').toUpperCase();
    const below = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : null;
    if (below === null || !documented(doc, method, below)) {
      refused.push(`${method} ${below ?? url.pathname}`);
      notFound(res, method, url.pathname);
      return;
    }
    forwarded.push(`${method} ${below}`);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    const hopByHop = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'expect']);
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !hopByHop.has(k)) headers[k] = v;
    const answer = await fetch(new URL(`${url.pathname}${url.search}`, target.origin), {
      method,
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const out: Record<string, string> = {};
    answer.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'content-encoding') out[k] = v;
    });
    res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    refused,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
