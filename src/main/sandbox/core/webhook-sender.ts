import { randomBytes } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import type { SandboxClock } from './clock';
import type { SandboxDb } from './store';

/**
 * Outgoing webhooks for both simulated APIs: real HTTP POSTs, every attempt recorded.
 * A delivery is retried with backoff until a 2xx or MAX_ATTEMPTS. A retry is due when
 * EITHER its real-time delay OR its sandbox-time delay has passed, so demos can move the
 * sandbox clock instead of waiting. The API signs the body before enqueueing; retries
 * and replays send the very same body and headers (same event id, same signature).
 */

export type WebhookApi = 'proxies-sx' | 'whozex';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** Delays before retry n (after attempt n failed). Six attempts in all. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 25_000, 120_000, 600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const ATTEMPT_TIMEOUT_MS = 10_000;

export interface EnqueueInput {
  api: WebhookApi;
  webhookId: string;
  url: string;
  event: string;
  /** The exact bytes to POST (already signed by the API). */
  body: string;
  headers: Record<string, string>;
}

export interface DeliveryAttempt {
  n: number;
  /** Sandbox time (ms) and real time (ms) of the attempt. */
  at: number;
  realAt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  id: string;
  api: WebhookApi;
  webhookId: string;
  url: string;
  event: string;
  body: string;
  headers: Record<string, string>;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  createdAt: number;
  nextAttemptAt: number | null;
  replayOf: string | null;
}

export interface DeliveryFilter {
  api?: WebhookApi;
  webhookId?: string;
  event?: string;
  status?: DeliveryStatus;
  limit?: number;
}

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number }>;

export interface WebhookSenderOptions {
  db: SandboxDb;
  clock: SandboxClock;
  fetchImpl?: FetchLike;
  /** Real timers off: deliveries only happen on flush() (deterministic tests). Default true. */
  autoDeliver?: boolean;
}

interface Row {
  id: string;
  api: WebhookApi;
  webhook_id: string;
  url: string;
  event: string;
  body: string;
  headers: string;
  status: DeliveryStatus;
  attempts: number;
  next_at_clock: number | null;
  next_at_real: number | null;
  created_at: number;
  replay_of: string | null;
}

export class WebhookSender {
  private readonly db: SandboxDb;
  private readonly clock: SandboxClock;
  private readonly agent = new Agent({ keepAliveTimeout: 1_000, connect: { timeout: ATTEMPT_TIMEOUT_MS } });
  private readonly fetchImpl: FetchLike;
  private readonly autoDeliver: boolean;
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Aborts attempts still in flight when the sender closes. */
  private readonly shutdown = new AbortController();
  private readonly unsubscribe: () => void;

  constructor(options: WebhookSenderOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.autoDeliver = options.autoDeliver ?? true;
    this.fetchImpl =
      options.fetchImpl ??
      (async (url, init) => {
        const res = await undiciFetch(url, { ...init, dispatcher: this.agent, redirect: 'manual' });
        await res.body?.cancel().catch(() => undefined);
        return { status: res.status };
      });
    this.db.exec(`CREATE TABLE IF NOT EXISTS sbx_webhook_deliveries (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      api TEXT NOT NULL,
      webhook_id TEXT NOT NULL,
      url TEXT NOT NULL,
      event TEXT NOT NULL,
      body TEXT NOT NULL,
      headers TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at_clock INTEGER,
      next_at_real INTEGER,
      created_at INTEGER NOT NULL,
      replay_of TEXT
    );
    CREATE INDEX IF NOT EXISTS sbx_webhook_deliveries_due ON sbx_webhook_deliveries(status, next_at_clock);
    CREATE INDEX IF NOT EXISTS sbx_webhook_deliveries_seq ON sbx_webhook_deliveries(seq);
    CREATE TABLE IF NOT EXISTS sbx_webhook_attempts (
      delivery_id TEXT NOT NULL REFERENCES sbx_webhook_deliveries(id),
      n INTEGER NOT NULL,
      at INTEGER NOT NULL,
      real_at INTEGER NOT NULL,
      status_code INTEGER,
      error TEXT,
      duration_ms INTEGER NOT NULL,
      PRIMARY KEY (delivery_id, n)
    );`);
    this.unsubscribe = this.clock.onAdvance(() => this.kick());
    // Deliveries left pending by a previous run are picked up again.
    this.kick();
  }

  /** Queues one delivery and starts it at once (real time). Returns the delivery id. */
  enqueue(input: EnqueueInput): string {
    return this.insert(input, null);
  }

  /** Sends a delivery again, as a new delivery with the same body and headers. */
  replay(deliveryId: string): string {
    const row = this.row(deliveryId);
    if (!row) throw new RangeError(`No webhook delivery ${deliveryId}`);
    return this.insert(
      { api: row.api, webhookId: row.webhook_id, url: row.url, event: row.event, body: row.body, headers: JSON.parse(row.headers) as Record<string, string> },
      row.replay_of ?? row.id,
    );
  }

  /** Stops retries of a deleted webhook. */
  cancelPending(api: WebhookApi, webhookId: string): void {
    this.db
      .prepare(`UPDATE sbx_webhook_deliveries SET status = 'failed', next_at_clock = NULL, next_at_real = NULL WHERE api = ? AND webhook_id = ? AND status = 'pending'`)
      .run(api, webhookId);
  }

  /** Delivers everything due now (by real or sandbox time) and waits for it. */
  async flush(): Promise<void> {
    await Promise.all([...this.inFlight.values()]);
    const due = this.dueIds();
    await Promise.all(due.map((id) => this.attempt(id)));
    await Promise.all([...this.inFlight.values()]);
  }

  get(deliveryId: string): Delivery | null {
    const row = this.row(deliveryId);
    return row ? this.toDelivery(row) : null;
  }

  /** Newest first. */
  list(filter: DeliveryFilter = {}): Delivery[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (column: string, value: string | undefined) => {
      if (!value) return;
      where.push(`${column} = ?`);
      args.push(value);
    };
    add('api', filter.api);
    add('webhook_id', filter.webhookId);
    add('event', filter.event);
    add('status', filter.status);
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const rows = this.db
      .prepare(`SELECT * FROM sbx_webhook_deliveries ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ${limit}`)
      .all(...args) as Row[];
    return rows.map((r) => this.toDelivery(r));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.shutdown.abort();
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight.values()]);
    await this.agent.close().catch(() => undefined);
  }

  private insert(input: EnqueueInput, replayOf: string | null): string {
    const id = `whd_${randomBytes(12).toString('hex')}`;
    const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM sbx_webhook_deliveries').get() as { n: number }).n;
    this.db
      .prepare(
        `INSERT INTO sbx_webhook_deliveries (id, seq, api, webhook_id, url, event, body, headers, status, attempts, next_at_clock, next_at_real, created_at, replay_of)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
      )
      .run(id, seq, input.api, input.webhookId, input.url, input.event, input.body, JSON.stringify(input.headers), this.clock.now(), Date.now(), this.clock.now(), replayOf);
    this.kick();
    return id;
  }

  private row(id: string): Row | undefined {
    return this.db.prepare('SELECT * FROM sbx_webhook_deliveries WHERE id = ?').get(id) as Row | undefined;
  }

  private toDelivery(row: Row): Delivery {
    const attempts = this.db
      .prepare('SELECT n, at, real_at, status_code, error, duration_ms FROM sbx_webhook_attempts WHERE delivery_id = ? ORDER BY n')
      .all(row.id) as { n: number; at: number; real_at: number; status_code: number | null; error: string | null; duration_ms: number }[];
    return {
      id: row.id,
      api: row.api,
      webhookId: row.webhook_id,
      url: row.url,
      event: row.event,
      body: row.body,
      headers: JSON.parse(row.headers) as Record<string, string>,
      status: row.status,
      attempts: attempts.map((a) => ({ n: a.n, at: a.at, realAt: a.real_at, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
      createdAt: row.created_at,
      nextAttemptAt: row.next_at_clock,
      replayOf: row.replay_of,
    };
  }

  private dueIds(): string[] {
    const rows = this.db
      .prepare(`SELECT id FROM sbx_webhook_deliveries WHERE status = 'pending' AND (next_at_clock <= ? OR next_at_real <= ?) ORDER BY seq`)
      .all(this.clock.now(), Date.now()) as { id: string }[];
    return rows.map((r) => r.id).filter((id) => !this.inFlight.has(id));
  }

  /** Starts whatever is due and arms a real timer for the next retry. */
  private kick(): void {
    if (this.closed || !this.autoDeliver) return;
    for (const id of this.dueIds()) void this.attempt(id);
    this.arm();
  }

  private arm(): void {
    if (this.closed || !this.autoDeliver) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.db
      .prepare(`SELECT MIN(next_at_real) AS at FROM sbx_webhook_deliveries WHERE status = 'pending'`)
      .get() as { at: number | null };
    if (next.at === null) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, next.at - Date.now()) + 5);
    this.timer.unref();
  }

  private attempt(id: string): Promise<void> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const p = this.send(id).finally(() => {
      this.inFlight.delete(id);
      this.arm();
    });
    this.inFlight.set(id, p);
    return p;
  }

  private async send(id: string): Promise<void> {
    const row = this.row(id);
    if (!row || row.status !== 'pending' || this.closed) return;
    const n = row.attempts + 1;
    const at = this.clock.now();
    const realAt = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await this.fetchImpl(row.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'reseller-desk-sandbox-webhooks/1', ...(JSON.parse(row.headers) as Record<string, string>) },
        body: row.body,
        signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), this.shutdown.signal]),
      });
      statusCode = res.status;
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
    }
    // Cut short by shutdown: not a real attempt; it stays pending for the next start.
    if (this.closed && statusCode === null) return;
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const delay = RETRY_DELAYS_MS[n - 1];
    const status: DeliveryStatus = ok ? 'delivered' : n >= MAX_ATTEMPTS || delay === undefined ? 'failed' : 'pending';
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO sbx_webhook_attempts (delivery_id, n, at, real_at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, n, at, realAt, statusCode, error, Date.now() - realAt);
      this.db
        .prepare('UPDATE sbx_webhook_deliveries SET status = ?, attempts = ?, next_at_clock = ?, next_at_real = ? WHERE id = ?')
        .run(status, n, status === 'pending' ? this.clock.now() + delay! : null, status === 'pending' ? Date.now() + delay! : null, id);
    })();
  }
}
