import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxClock } from './clock';
import { defaultErrorBody, isAdminUrl, type ErrorBodyFn } from './errors';
import type { SandboxDb } from './store';

/**
 * Idempotency-Key on writes: the same credential + key + request replays the stored
 * answer (header `Idempotent-Replayed: true`) without a second effect; the same key with
 * another request is refused (409). Answers are kept 24 h of sandbox time.
 *
 * Crash-safety: a route calls `recordIdempotentAnswer(request, status, body)` INSIDE the
 * DB transaction that makes its effect, so an answer lost to a dropped connection is
 * still replayed on retry. Routes that do not call it get their answer stored when it is
 * sent (onSend), which is enough when nothing can fail between commit and send.
 */

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_FORMAT = /^[A-Za-z0-9_-]{8,128}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RegisterIdempotencyOptions {
  db: SandboxDb;
  clock: SandboxClock;
  /** Who the key belongs to (account id or credential); null → no deduplication (auth will refuse). */
  keyOf: (request: FastifyRequest) => string | null;
  errorBody?: ErrorBodyFn;
  /** How a body object becomes JSON text (default JSON.stringify). Strings are stored as they are. */
  serialize?: (body: unknown) => string;
}

interface Pending {
  db: SandboxDb;
  clock: SandboxClock;
  credential: string;
  key: string;
  fingerprint: string;
  serialize: (body: unknown) => string;
  recorded: boolean;
}

const pendingByRequest = new WeakMap<FastifyRequest, Pending>();

export function ensureIdempotencyTable(db: SandboxDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS sbx_idempotency (
    credential TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (credential, key)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS sbx_idempotency_created ON sbx_idempotency(created_at);`);
}

/** Key-order independent JSON, so the same request body always has the same fingerprint. */
function canonical(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function fingerprintOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? request.url;
  return createHash('sha256')
    .update(`${request.method} ${path}\n${canonical(request.body)}`)
    .digest('hex');
}

/**
 * Stores the answer of the current request under its Idempotency-Key. Call it inside the
 * transaction that commits the effect. A no-op when the request carries no key.
 */
export function recordIdempotentAnswer(request: FastifyRequest, status: number, body: unknown): void {
  const p = pendingByRequest.get(request);
  if (!p || p.recorded) return;
  const text = typeof body === 'string' ? body : p.serialize(body);
  p.db
    .prepare(
      `INSERT INTO sbx_idempotency (credential, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (credential, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
       body = excluded.body, created_at = excluded.created_at`,
    )
    .run(p.credential, p.key, p.fingerprint, status, text, p.clock.now());
  p.recorded = true;
}

/** Deletes answers older than 24 h of sandbox time. */
export function pruneIdempotency(db: SandboxDb, nowMs: number): void {
  db.prepare('DELETE FROM sbx_idempotency WHERE created_at <= ?').run(nowMs - IDEMPOTENCY_TTL_MS);
}

export function registerIdempotency(app: FastifyInstance, options: RegisterIdempotencyOptions): void {
  const { db, clock, keyOf } = options;
  const errorBody = options.errorBody ?? defaultErrorBody;
  const serialize = options.serialize ?? ((b: unknown) => JSON.stringify(b));
  ensureIdempotencyTable(db);
  const inFlight = new Set<string>();
  const find = db.prepare<[string, string], { fingerprint: string; status: number; body: string; created_at: number }>(
    'SELECT fingerprint, status, body, created_at FROM sbx_idempotency WHERE credential = ? AND key = ?',
  );

  const unsubscribe = clock.onAdvance((_from, to) => pruneIdempotency(db, to));
  app.addHook('onClose', async () => unsubscribe());

  app.addHook('preHandler', async (request, reply) => {
    if (!MUTATING.has(request.method) || isAdminUrl(request.url)) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0] ?? '' : header;
    if (!KEY_FORMAT.test(key)) {
      return reply
        .code(400)
        .send(errorBody('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 8 to 128 characters of A-Z, a-z, 0-9, "_" or "-".', 400));
    }
    const credential = keyOf(request);
    if (credential === null) return;
    const fingerprint = fingerprintOf(request);
    const row = find.get(credential, key);
    if (row && row.created_at > clock.now() - IDEMPOTENCY_TTL_MS) {
      if (row.fingerprint !== fingerprint) {
        return reply
          .code(409)
          .send(
            errorBody(
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
              409,
            ),
          );
      }
      return reply.code(row.status).header('Idempotent-Replayed', 'true').type('application/json; charset=utf-8').send(row.body);
    }
    const slot = `${credential}\u0000${key}`;
    if (inFlight.has(slot)) {
      return reply
        .code(409)
        .send(errorBody('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still in progress. Retry shortly.', 409));
    }
    inFlight.add(slot);
    reply.raw.once('close', () => inFlight.delete(slot));
    pendingByRequest.set(request, { db, clock, credential, key, fingerprint, serialize, recorded: false });
    return;
  });

  // Fallback for routes that did not record inside their transaction. 5xx answers are not
  // kept: nothing committed, so a retry should run again.
  app.addHook('onSend', async (request, reply, payload) => {
    const p = pendingByRequest.get(request);
    if (!p || p.recorded || reply.statusCode >= 500) return payload;
    if (typeof payload === 'string') recordIdempotentAnswer(request, reply.statusCode, payload);
    return payload;
  });
}
