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
