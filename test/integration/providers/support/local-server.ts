import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Arrival {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
  remotePort: number;
}

export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse, n: number) => void | Promise<void>;

/** A throwaway HTTP server on 127.0.0.1:0 that records every arrival. */
export async function startLocalServer(handler: Handler): Promise<{
  baseUrl: string;
  arrivals: Arrival[];
  close: () => Promise<void>;
}> {
  const arrivals: Arrival[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      arrivals.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: Date.now(), remotePort: req.socket.remotePort ?? 0 });
      void handler(Object.assign(req, { body }), res, arrivals.length);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    arrivals,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export function json(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Records every requested pause instead of waiting: retries run instantly, delays are asserted. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
