/**
 * Secrets never reach a log line or an error report. Known key shapes are replaced
 * wherever they appear in text; fields whose names say "secret" are dropped whole.
 */
const SECRET_PATTERNS: RegExp[] = [
  /\bpsx_[A-Za-z0-9_-]{6,}/g,
  /\bwx_live_[A-Za-z0-9_-]{6,}/g,
  /\bwx_test_[A-Za-z0-9_-]{6,}/g,
  /\bwxsec_[A-Za-z0-9_-]{6,}/g,
  /\bwhsec_[A-Za-z0-9_-]{6,}/g,
  /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

const SECRET_KEYS = /^(api[-_]?key|apikey|x-api-key|authorization|password|secret|token|access_token|webhook[-_]?secret|proxy[-_]?password|evomi_password)$/i;

export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, bearer?: string) => (typeof bearer === 'string' && /^bearer$/i.test(bearer) ? 'Bearer [redacted]' : '[redacted]'));
  }
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
      out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
