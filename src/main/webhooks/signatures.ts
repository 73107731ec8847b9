import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature checks of the two upstreams, over the RAW body bytes, constant-time.
 *
 * Whozex (seed `verifyWebhook`): `X-Whozex-Signature: sha256=<hex HMAC-SHA256(body, secret)>`.
 * Proxies.sx (ASSUMED: the public design note in the provider's reseller kit, marked "not yet
 * implemented"; the seed names events only): `X-Proxies-Signature: t=<unix s>,v1=<hex
 * HMAC-SHA256("<t>.<body>", secret)>`; t must be within 5 minutes of the app's clock.
 *
 * An account may have more than one registration (each with its own secret): a delivery
 * passes when it matches any of them. An empty secret is never a secret (HMAC with an
 * empty key is computable by anyone): it is dropped here, and with no secret left nothing
 * verifies (`no_secret`), whatever the caller passed.
 */

export type SignatureFailure = 'missing' | 'malformed' | 'mismatch' | 'too_old' | 'no_secret';
export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure };

/** Equal-length buffers through timingSafeEqual; unequal lengths are simply unequal. */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function hmacHex(secret: string, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return Buffer.from(mac.digest('hex'), 'utf8');
}

/** The secrets that can sign: non-empty strings only. */
function usable(secrets: readonly string[]): string[] {
  return secrets.filter((s) => typeof s === 'string' && s.length > 0);
}

export function verifyWhozex(raw: Buffer, header: string | undefined, all: readonly string[]): SignatureCheck {
  const secrets = usable(all);
  if (secrets.length === 0) return { ok: false, reason: 'no_secret' };
  if (!header) return { ok: false, reason: 'missing' };
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!m) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(m[1]!.toLowerCase(), 'utf8');
  let ok = false;
  // Every secret is tried (no early exit) so timing says nothing about which one matched.
  for (const secret of secrets) ok = constantTimeEqual(given, hmacHex(secret, raw)) || ok;
  return ok ? { ok: true } : { ok: false, reason: 'mismatch' };
}

export const PROXIES_SX_TOLERANCE_MS = 5 * 60_000;

export interface ProxiesSxHeaders {
  signature: string | undefined;
  /** X-Proxies-Timestamp (today's sandbox; the design note has none): when present it must equal the signed t. */
  timestamp: string | undefined;
}

export function verifyProxiesSx(
  raw: Buffer,
  headers: ProxiesSxHeaders,
  all: readonly string[],
  nowMs: number,
  toleranceMs: number = PROXIES_SX_TOLERANCE_MS,
): SignatureCheck {
  const secrets = usable(all);
  if (secrets.length === 0) return { ok: false, reason: 'no_secret' };
  if (!headers.signature) return { ok: false, reason: 'missing' };
  let t: string | null = null;
  const v1: Buffer[] = [];
  for (const part of headers.signature.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { ok: false, reason: 'malformed' };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') t = value;
    else if (key === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) v1.push(Buffer.from(value.toLowerCase(), 'utf8'));
  }
  if (t === null || !/^\d{1,12}$/.test(t) || v1.length === 0) return { ok: false, reason: 'malformed' };
  if (headers.timestamp !== undefined && headers.timestamp.trim() !== t) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs - Number(t) * 1000) > toleranceMs) return { ok: false, reason: 'too_old' };
  let ok = false;
  for (const secret of secrets) {
    const expected = hmacHex(secret, `${t}.`, raw);
    for (const given of v1) ok = constantTimeEqual(given, expected) || ok;
  }
  return ok ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** For tests and the sandbox-free demo: the headers a Proxies.sx delivery carries. */
export function signProxiesSx(raw: string | Buffer, secret: string, unixSeconds: number): { 'X-Proxies-Signature': string; 'X-Proxies-Timestamp': string } {
  const t = String(unixSeconds);
  return { 'X-Proxies-Signature': `t=${t},v1=${hmacHex(secret, `${t}.`, raw).toString('utf8')}`, 'X-Proxies-Timestamp': t };
}

export function signWhozex(raw: string | Buffer, secret: string): string {
  return `sha256=${hmacHex(secret, raw).toString('utf8')}`;
}
