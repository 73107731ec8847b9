import { knownSecrets } from './known-secrets';

/**
 * Secrets never reach a log line or an error report. Three nets, because a real key has no
 * shape we can count on (the upstreams promise none):
 * 1. by value: every secret the app's secret store set or read this run (knownSecrets) is
 *    replaced wherever it appears;
 * 2. by place: what follows an `X-API-Key:`/`Authorization:` header, `Basic`/`Bearer`,
 *    an `api_key=`/`key=`/`token=` query parameter, a `"password": "…"` JSON field, or the
 *    password in a `user:pass@host` connection string;
 * 3. by shape: the key prefixes the upstream documents show (psx_, wx_live_, whsec_ …).
 * Fields whose names say key, token, secret or password are dropped whole.
 */
const SHAPES: RegExp[] = [/\bpsx_[A-Za-z0-9_-]{6,}/g, /\bwx_(?:live|test)_[A-Za-z0-9_-]{6,}/g, /\bwxsec_[A-Za-z0-9_-]{6,}/g, /\bwhsec_[A-Za-z0-9_-]{6,}/g];

/** Names (compared without case, `-` or `_`) of fields and parameters that hold a secret. */
const SECRET_NAME = /^(?:x?api(?:key|token)|newapikey|key|clientsecret|secret|token|accesstoken|refreshtoken|authorization|proxyauthorization|password|passwd|pass|pwd|cookie|setcookie)$|(?:password|secret|apikey|apitoken|token)$/;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name.replace(/[-_]/g, '').toLowerCase());

const PLACES: [RegExp, string][] = [
  // `Authorization: Basic …`, `Bearer …`, `Proxy-Authorization: Basic …` wherever they appear.
  [/\b(Basic|Bearer|Digest|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  // Header text `X-API-Key: value` / `Authorization: value` (a scheme is handled above).
  [/\b(x-api-key|api[-_]?key|x-auth-token|client[-_]?secret|cookie|(?:proxy-)?authorization)(\s*[:=]\s*)(?!\[redacted\]|(?:Basic|Bearer|Digest|Token)\s)[^\s,;"'}&]+/gi, '$1$2[redacted]'],
  // Query strings and form bodies: `?api_key=…`, `&key=…`, `token=…`.
  [/([?&;](?:api[-_]?key|apikey|key|token|access[-_]?token|client[-_]?secret|secret|password|pass|pwd|sig|signature)=)[^&\s#"']+/gi, '$1[redacted]'],
  // JSON text inside a message: `"apiKey":"…"`, `"password": "…"`.
  [/("(?:[A-Za-z_-]*(?:api[-_]?key|api[-_]?token|secret|password|passwd|token)|key|pass|authorization)"\s*:\s*)"[^"]*"/gi, '$1"[redacted]"'],
  // Connection strings: `http://user:pass@host`, `user:pass@host:port`.
  [/(\b[A-Za-z0-9._%+-]+:)(?!\[redacted\])[^\s:@/"'<>]+@(?=[A-Za-z0-9[])/g, '$1[redacted]@'],
  // `host:port:user:pass` (Whozex connection_string).
  [/(\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+:\d{2,5}:[^\s:"'\\]+:)(?!\[redacted\])[^\s"'\\]+/g, '$1[redacted]'],
];

export function redactText(text: string): string {
  let out = knownSecrets.redact(text);
  for (const [pattern, replacement] of PLACES) out = out.replace(pattern, replacement);
  for (const pattern of SHAPES) out = out.replace(pattern, '[redacted]');
  return out;
}

/** Deep copy with secret-named fields removed and secret-shaped text replaced. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretName(k) && v !== null && v !== undefined && typeof v !== 'boolean' ? '[redacted]' : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
