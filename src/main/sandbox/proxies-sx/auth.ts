import { createHash, randomBytes, scryptSync } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxClock } from '../core/clock';
import { hmacSha256Hex, safeEqual } from '../core/signing';
import type { SandboxDb } from '../core/store';
import { PsxError } from './http-error';

export const PSX_SCOPES = [
  'customers:read',
  'customers:write',
  'ports:read',
  'ports:write',
  'ports:rotate',
  'webhooks:read',
  'webhooks:write',
  'billing:read',
  'billing:write',
  'traffic:read',
] as const;
export type PsxScope = (typeof PSX_SCOPES)[number];

/**
 * Per-route access, set in the route's `config.psx`:
 * - `public`: no credential (sign-in);
 * - `bearer`: a signed-in session only (creating API keys);
 * - otherwise any credential holding one of `scopes` (empty = any authenticated caller).
 * A Bearer session holds every scope.
 */
export interface PsxRouteAuth {
  auth?: 'public' | 'bearer';
  scopes?: PsxScope[];
}

export interface PsxAuth {
  resellerId: string;
  via: 'apiKey' | 'bearer';
  scopes: ReadonlySet<PsxScope>;
}

const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
const authByRequest = new WeakMap<FastifyRequest, PsxAuth>();

export function authOf(request: FastifyRequest): PsxAuth {
  const a = authByRequest.get(request);
  if (!a) throw new PsxError(401, 'Unauthorized', 'UNAUTHORIZED');
  return a;
}

/** The caller, when the route authenticated one (never throws). */
export function maybeAuth(request: FastifyRequest): PsxAuth | null {
  return authByRequest.get(request) ?? null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hashPassword(password: string, salt = randomBytes(16).toString('hex')): string {
  return `scrypt$${salt}$${scryptSync(password, salt, 32).toString('hex')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  return safeEqual(scryptSync(password, salt, 32).toString('hex'), hash);
}

export function jwtSecret(db: SandboxDb): string {
  const row = db.prepare(`SELECT value FROM psx_meta WHERE key = 'jwt_secret'`).get() as { value: string } | undefined;
  if (row) return row.value;
  const secret = randomBytes(32).toString('hex');
  db.prepare(`INSERT INTO psx_meta (key, value) VALUES ('jwt_secret', ?)`).run(secret);
  return secret;
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** An HS256 JWT whose `iat`/`exp` follow the sandbox clock. */
export function issueToken(secret: string, reseller: { id: string; email: string }, nowMs: number): { token: string; expiresAt: number } {
  const iat = Math.floor(nowMs / 1000);
  const exp = Math.floor((nowMs + TOKEN_TTL_MS) / 1000);
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ sub: reseller.id, email: reseller.email, role: 'reseller', iat, exp }));
  const sig = Buffer.from(hmacSha256Hex(secret, `${head}.${body}`), 'hex').toString('base64url');
  return { token: `${head}.${body}.${sig}`, expiresAt: exp * 1000 };
}

function verifyToken(secret: string, token: string, nowMs: number): string | null {
  const [head, body, sig] = token.split('.');
  if (!head || !body || !sig) return null;
  const expected = Buffer.from(hmacSha256Hex(secret, `${head}.${body}`), 'hex').toString('base64url');
  if (!safeEqual(sig, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    if (claims.exp * 1000 <= nowMs) return null;
    return claims.sub;
  } catch {
    return null;
  }
}

/** The raw credential of a request (for rate-limit buckets), or null. */
export function rawCredential(request: FastifyRequest): string | null {
  const key = request.headers['x-api-key'];
  if (typeof key === 'string' && key !== '') return key;
  const authz = request.headers.authorization;
  if (typeof authz === 'string' && /^Bearer\s+\S/i.test(authz)) return authz.replace(/^Bearer\s+/i, '').trim();
  return null;
}

export function registerPsxAuth(app: FastifyInstance, db: SandboxDb, clock: SandboxClock): void {
  const secret = jwtSecret(db);
  const findKey = db.prepare<[string], { id: string; reseller_id: string; scopes: string }>(
    'SELECT id, reseller_id, scopes FROM psx_api_keys WHERE key_hash = ?',
  );
  const touchKey = db.prepare<[number, string]>('UPDATE psx_api_keys SET last_used_at = ? WHERE id = ?');
  const findReseller = db.prepare<[string], { id: string }>('SELECT id FROM psx_resellers WHERE id = ?');

  app.addHook('onRequest', async (request) => {
    const cfg = (request.routeOptions.config as { psx?: PsxRouteAuth } | undefined)?.psx;
    if (!cfg || cfg.auth === 'public') return;
    const apiKey = request.headers['x-api-key'];
    const authz = request.headers.authorization;
    let auth: PsxAuth | null = null;
    if (typeof apiKey === 'string' && apiKey !== '') {
      const row = findKey.get(sha256(apiKey));
      if (!row) throw new PsxError(401, 'Invalid API key', 'INVALID_API_KEY');
      touchKey.run(clock.now(), row.id);
      auth = { resellerId: row.reseller_id, via: 'apiKey', scopes: new Set(JSON.parse(row.scopes) as PsxScope[]) };
    } else if (typeof authz === 'string' && authz.trim() !== '') {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
      if (!m) throw new PsxError(401, 'Authorization header must be "Bearer <token>"', 'INVALID_TOKEN');
      const token = m[1]!;
      if (token.startsWith('psx_')) {
        const row = findKey.get(sha256(token));
        if (!row) throw new PsxError(401, 'Invalid API key', 'INVALID_API_KEY');
        touchKey.run(clock.now(), row.id);
        auth = { resellerId: row.reseller_id, via: 'apiKey', scopes: new Set(JSON.parse(row.scopes) as PsxScope[]) };
      } else {
        const sub = verifyToken(secret, token, clock.now());
        if (!sub || !findReseller.get(sub)) throw new PsxError(401, 'Invalid or expired token: sign in again', 'INVALID_TOKEN');
        auth = { resellerId: sub, via: 'bearer', scopes: new Set(PSX_SCOPES) };
      }
    } else {
      throw new PsxError(401, 'Missing credentials: send X-API-Key or Authorization: Bearer <token>', 'MISSING_API_KEY');
    }
    if (cfg.auth === 'bearer' && auth.via !== 'bearer') {
      throw new PsxError(403, 'This action needs a signed-in session (Authorization: Bearer <token> from POST /v1/login/signin), not an API key', 'BEARER_REQUIRED');
    }
    const needed = cfg.scopes ?? [];
    if (needed.length > 0 && !needed.some((s) => auth.scopes.has(s))) {
      throw new PsxError(403, `This API key lacks the ${needed.join(' or ')} scope`, 'INSUFFICIENT_SCOPE');
    }
    authByRequest.set(request, auth);
  });
}
