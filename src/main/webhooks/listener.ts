import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP side of the webhook listener: routing, method, size limit and body reading.
 * Everything about signatures and the inbox is the `deliver` callback's job; this file
 * only guarantees that it gets the exact raw bytes of a complete, bounded POST to a known
 * endpoint path, and that nothing else gets past.
 *
 *   /hooks/<accountId>/<token>   POST only (405 otherwise); anything else 404.
 *   Content-Length above the limit → 413 before reading; a body that grows past it → 413,
 *   reading stops and the connection closes. A client that hangs up mid-body gets nothing.
 */

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface Delivery {
  accountId: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface ListenerDeps {
  /** Is this a live endpoint? (The token is compared in constant time by the caller.) */
  knows(accountId: string, token: string): boolean;
  deliver(delivery: Delivery): Answer | Promise<Answer>;
  /** Called for every refusal before `deliver` (counted per account when known). */
  onRefused?(accountId: string | null, status: number, reason: string): void;
  onError?(error: unknown): void;
  maxBodyBytes?: number;
}

const PATH = /^\/hooks\/([A-Za-z0-9_.:-]{1,128})\/([A-Za-z0-9_-]{16,128})\/?$/;

function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}, done?: () => void): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), 'cache-control': 'no-store', ...headers });
  res.end(text, done);
}

export class WebhookListener {
  private server: Server | null = null;
  private readonly maxBody: number;

  constructor(private readonly deps: ListenerDeps) {
    this.maxBody = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  get running(): boolean {
    return this.server?.listening === true;
  }

  /** The bound address, while running. */
  address(): { host: string; port: number } | null {
    const addr = this.server?.address();
    if (!addr || typeof addr === 'string') return null;
    return { host: (addr as AddressInfo).address, port: (addr as AddressInfo).port };
  }

  async start(options: { host: string; port: number }): Promise<{ host: string; port: number }> {
    if (this.server) await this.stop();
    const server = createServer((req, res) => this.handle(req, res));
    // Slow or stuck senders cannot hold sockets open.
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
    server.maxHeadersCount = 100;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      server.listen(options.port, options.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    this.server = server;
    return this.address()!;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private refuse(res: ServerResponse, accountId: string | null, status: number, reason: string, headers: Record<string, string> = {}, done?: () => void): void {
    this.deps.onRefused?.(accountId, status, reason);
    send(res, status, { error: reason }, headers, done);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://listener.invalid').pathname;
    } catch {
      pathname = '';
    }
    const m = PATH.exec(pathname);
    if (!m || !this.deps.knows(m[1]!, m[2]!)) {
      req.resume();
      this.refuse(res, null, 404, 'Not found');
      return;
    }
    const accountId = m[1]!;
    if (req.method !== 'POST') {
      req.resume();
      this.refuse(res, accountId, 405, 'Only POST is accepted here', { allow: 'POST' });
      return;
    }
    const declared = req.headers['content-length'];
    if (declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > this.maxBody)) {
      this.tooLarge(req, res, accountId);
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > this.maxBody) {
        over = true;
        chunks.length = 0;
        this.tooLarge(req, res, accountId);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (over || req.aborted) return;
      const raw = Buffer.concat(chunks, size);
      Promise.resolve()
        .then(() => this.deps.deliver({ accountId, headers: req.headers, raw }))
        .then(
          (answer) => send(res, answer.status, answer.body),
          (error: unknown) => {
            this.deps.onError?.(error);
            // 500: the upstream retries later; the inbox has not committed anything.
            send(res, 500, { error: 'The delivery could not be stored; retry later' });
          },
        );
    });
    // A sender that disconnects mid-body: nothing was read completely, nothing is stored.
    req.on('error', () => undefined);
  }

  /** Stops reading, answers 413 and closes the connection once the answer is out. */
  private tooLarge(req: IncomingMessage, res: ServerResponse, accountId: string): void {
    req.pause();
    this.refuse(res, accountId, 413, `The body is larger than ${this.maxBody} bytes`, { connection: 'close' }, () => req.socket.destroy());
  }
}
