import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxClock } from '../../../src/main/sandbox/core/clock';
import { FaultInjector } from '../../../src/main/sandbox/core/faults';
import { RateLimiter, type RateLimitSettings } from '../../../src/main/sandbox/core/rate-limit';
import { openSandboxStore, type SandboxDb } from '../../../src/main/sandbox/core/store';
import { WebhookSender } from '../../../src/main/sandbox/core/webhook-sender';
import { createWhozexApp, seedWhozex } from '../../../src/main/sandbox/whozex';

/** A Whozex simulator on 127.0.0.1:0 over an in-memory store, as startSandbox would build it. */
export interface WhozexHarness {
  baseUrl: string;
  apiKey: string;
  db: SandboxDb;
  clock: SandboxClock;
  faults: FaultInjector;
  webhooks: WebhookSender;
  rateLimit: RateLimiter;
  call: (method: string, path: string, options?: CallOptions) => Promise<CallResult>;
  close: () => Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string;
  key?: string | null;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function startWhozex(options: { rateLimit?: Partial<RateLimitSettings> } = {}): Promise<WhozexHarness> {
  const db = openSandboxStore();
  const clock = new SandboxClock();
  const faults = new FaultInjector();
  const webhooks = new WebhookSender({ db, clock, autoDeliver: false });
  const rateLimit = new RateLimiter({ perSecond: 1000, burst: 1000, ...options.rateLimit });
  const { apiKey } = seedWhozex(db, clock);
  const app = createWhozexApp({ db, clock, faults, webhooks, rateLimit });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...o.headers };
    const key = o.key === undefined ? apiKey : o.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    baseUrl,
    apiKey,
    db,
    clock,
    faults,
    webhooks,
    rateLimit,
    call,
    close: async () => {
      await app.close();
      await webhooks.close();
      faults.close();
      db.close();
    },
  };
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver that keeps the raw bodies and headers it got. */
export async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Creates a sub-user and funds it from the reseller balance; returns its id. */
export async function fundedUser(h: WhozexHarness, email: string, dollars: number): Promise<string> {
  const created = await h.call('POST', '/users', { body: { email } });
  if (created.status !== 201) throw new Error(`create user: ${created.text}`);
  const id = created.json.data.id as string;
  if (dollars > 0) {
    const funded = await h.call('POST', `/users/${id}/balance`, { body: { action: 'add', amount: dollars } });
    if (funded.status !== 200) throw new Error(`fund user: ${funded.text}`);
  }
  return id;
}

/**
 * Makes a package's user a heavy one (average MB per day), as a test needs a package to
 * run low within a known time; the rate of a package otherwise comes from its id.
 */
export function heavyUser(h: WhozexHarness, packageId: string, mbPerDay: number): void {
  h.db.prepare('UPDATE wzx_usage_segments SET rate_mb_per_day = ? WHERE package_id = ?').run(mbPerDay, packageId);
}
