/**
 * A loopback pass-through in front of one sandbox API that records what the app asked and
 * which requests the upstream's router refused (404 in that API's own route-not-found shape:
 * NestJS "Cannot GET /…" for Proxies.sx, "Route not found: …" in the Whozex envelope). Put it
 * in front of `startSandbox({ profile: 'documented' })` so a test can assert which calls the
 * app made against an upstream that serves only what the documents promise. It forwards
 * everything unchanged: the sandbox's profile decides what exists, not this file.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RequestRecorder {
  /** http://127.0.0.1:PORT/v1, like the sandbox's. */
  baseUrl: string;
  /** Requests the upstream answered as an unknown route ("METHOD /path" below /v1). */
  refused: string[];
  /** Every request ("METHOD /path" below /v1), in order. */
  seen: string[];
  close(): Promise<void>;
}

const ROUTE_NOT_FOUND = /^(Cannot [A-Z]+ |Route not found: )/;

function isRouteNotFound(status: number, body: Buffer): boolean {
  if (status !== 404) return false;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { message?: unknown; error?: { message?: unknown } };
    const message = typeof parsed.message === 'string' ? parsed.message : parsed.error?.message;
    return typeof message === 'string' && ROUTE_NOT_FOUND.test(message);
  } catch {
    return false;
  }
}

export interface RecorderOptions {
  /**
   * Requests ("METHOD /path" below /v1) answered here as an unknown route, in the API's own
   * shape, without reaching the sandbox: e.g. an upstream whose OpenAPI document cannot be
   * read, so the app must fall back to probing.
   */
  withhold?: string[];
  /** Whose route-not-found shape a withheld request gets. Default proxies-sx. */
  kind?: 'proxies-sx' | 'whozex';
}

function routeNotFoundBody(kind: 'proxies-sx' | 'whozex', method: string, path: string): unknown {
  return kind === 'proxies-sx'
    ? { statusCode: 404, message: `Cannot ${method} ${path}`, error: 'Not Found' }
    : { success: false, error: { code: 'NOT_FOUND', message: `Route not found: ${method} ${path}` }, meta: { timestamp: new Date().toISOString(), version: '1.0.0' } };
}

/** @param upstreamBaseUrl the sandbox's base URL for one API (…/v1) */
export async function startRequestRecorder(upstreamBaseUrl: string, options: RecorderOptions = {}): Promise<RequestRecorder> {
  const target = new URL(upstreamBaseUrl);
  const prefix = target.pathname.replace(/\/+$/, ''); // '/v1'
  const refused: string[] = [];
  const seen: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = (req.method ?? 'GET').toUpperCase();
    const below = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
    const label = `${method} ${below}`;
    seen.push(label);
    if (options.withhold?.includes(label)) {
      refused.push(label);
      const body = routeNotFoundBody(options.kind ?? 'proxies-sx', method, url.pathname);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
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
    const body = Buffer.from(await answer.arrayBuffer());
    if (isRouteNotFound(answer.status, body)) refused.push(label);
    const out: Record<string, string> = {};
    answer.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'content-encoding') out[k] = v;
    });
    res.writeHead(answer.status, out).end(body);
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
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
