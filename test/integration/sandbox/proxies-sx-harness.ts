import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'lossless-json';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../src/main/sandbox';

/**
 * Proxies.sx sandbox (the real startSandbox, in memory, ephemeral ports) plus a caller that
 * keeps money exact: JSON numbers with a decimal point come back as their text ("60.00"),
 * whole numbers as numbers.
 */
export interface PsxCallOptions {
  body?: unknown;
  raw?: string;
  /** X-API-Key (default: the seeded key); null sends no credential. */
  key?: string | null;
  bearer?: string;
  headers?: Record<string, string>;
}

export interface PsxResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export function parseExact(text: string): unknown {
  return parse(text, null, (s: string) => (/[.eE]/.test(s) ? s : Number(s)));
}

export interface PsxHarness {
  sandbox: RunningSandbox;
  baseUrl: string;
  call(method: string, path: string, options?: PsxCallOptions): Promise<PsxResult>;
  admin(method: string, path: string, body?: unknown): Promise<PsxResult>;
  close(): Promise<void>;
}

async function request(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<PsxResult> {
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? parseExact(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function startPsx(options: StartSandboxOptions = {}): Promise<PsxHarness> {
  const sandbox = await startSandbox({ autoDeliverWebhooks: false, rateLimit: { perSecond: 10_000, burst: 10_000 }, ...options });
  const baseUrl = sandbox.proxiesSx.baseUrl;
  return {
    sandbox,
    baseUrl,
    call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
      else {
        const key = o.key === undefined ? sandbox.proxiesSx.apiKey : o.key;
        if (key !== null) headers['x-api-key'] = key;
      }
      const body = o.raw !== undefined ? o.raw : o.body !== undefined ? JSON.stringify(o.body) : undefined;
      return request(baseUrl + path, method, headers, body);
    },
    admin(method, path, body) {
      return request(sandbox.proxiesSx.origin + path, method, {}, body === undefined ? undefined : JSON.stringify(body));
    },
    close: () => sandbox.close(),
  };
}

/** Common fixtures. */
export const US = '65a000000000000000000001';
export const DE = '65a000000000000000000002';
export const TR = '65a000000000000000000006';

export async function createCustomer(h: PsxHarness, body: Record<string, unknown> = {}): Promise<string> {
  const n = Math.random().toString(36).slice(2, 10);
  const res = await h.call('POST', '/reseller/customers', { body: { email: `c_${n}@example.com`, name: `Customer ${n}`, allocatedPortSlots: 5, ...body } });
  if (res.status !== 201) throw new Error(`customer create failed: ${res.status} ${res.text}`);
  return res.json._id as string;
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook endpoint; `status` decides what it answers (e.g. 500 then 200). */
export async function startReceiver(status: (n: number) => number = () => 200) {
  const received: Received[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = status(++n);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The verification a receiver does: t=…,v1=HMAC-SHA256("<t>.<raw body>", secret). */
export function verifyPsxSignature(headers: IncomingHttpHeaders, body: string, secret: string): boolean {
  const sig = String(headers['x-proxies-signature'] ?? '');
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig);
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex');
  return expected === m[2] && headers['x-proxies-timestamp'] === m[1];
}
