import type { Database } from 'better-sqlite3';
import type { FastifyRequest } from 'fastify';
import { WhozexError } from './envelope';
import { sql, type ResellerRow } from './rows';

/**
 * `Authorization: Bearer wx_live_…` or `X-API-Key: wx_live_…`. The key is checked on
 * every request, so a regenerated key revokes the old one at once.
 */
export function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers['x-api-key'];
  const xApiKey = Array.isArray(header) ? header[0] : header;
  if (xApiKey && xApiKey.trim() !== '') return xApiKey.trim();
  const auth = request.headers.authorization;
  if (!auth) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  return m ? m[1]! : auth.trim() || null;
}

const resellers = new WeakMap<FastifyRequest, ResellerRow>();

const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * A revoked key is still let through for one thing: retrying the very regenerate-key
 * request (same Idempotency-Key) that revoked it, so the idempotency layer can replay the
 * new key to a client whose answer was lost. Anything else with it is INVALID_API_KEY.
 */
function replayOfRegeneration(db: Database, request: FastifyRequest, key: string, now: number): ResellerRow | undefined {
  if (request.method !== 'POST' || request.url.split('?')[0] !== '/v1/account/regenerate-key') return undefined;
  const idem = request.headers['idempotency-key'];
  if (typeof idem !== 'string') return undefined;
  const revoked = sql(db, 'SELECT reseller_id FROM wzx_revoked_keys WHERE api_key = ? AND idempotency_key = ? AND revoked_at > ?').get(
    key,
    idem,
    now - REPLAY_WINDOW_MS,
  ) as { reseller_id: string } | undefined;
  if (!revoked) return undefined;
  return sql(db, 'SELECT * FROM wzx_resellers WHERE id = ?').get(revoked.reseller_id) as ResellerRow | undefined;
}

export function authenticate(db: Database, request: FastifyRequest, now: number): ResellerRow {
  const key = presentedKey(request);
  if (key === null) {
    throw new WhozexError(401, 'MISSING_API_KEY', 'API key is required: send Authorization: Bearer <key> or X-API-Key: <key>');
  }
  const reseller =
    (sql(db, 'SELECT * FROM wzx_resellers WHERE api_key = ?').get(key) as ResellerRow | undefined) ?? replayOfRegeneration(db, request, key, now);
  if (!reseller) throw new WhozexError(401, 'INVALID_API_KEY', 'Invalid API key');
  if (reseller.status !== 'active') {
    throw new WhozexError(403, 'API_DISABLED', 'API access is disabled for this account. Contact Whozex support to re-enable it.');
  }
  sql(db, 'UPDATE wzx_resellers SET api_key_last_used_at = ? WHERE id = ?').run(now, reseller.id);
  reseller.api_key_last_used_at = now;
  resellers.set(request, reseller);
  return reseller;
}

/** The authenticated reseller of a request (set by the /v1 onRequest hook). */
export function resellerOf(request: FastifyRequest): ResellerRow {
  const r = resellers.get(request);
  if (!r) throw new WhozexError(401, 'MISSING_API_KEY', 'API key is required');
  return r;
}

export function maybeResellerOf(request: FastifyRequest): ResellerRow | null {
  return resellers.get(request) ?? null;
}
