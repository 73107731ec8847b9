/**
 * Proxy passwords in what the Events page shows. Deliveries and poll observations carry
 * the proxy credentials upstream returned (Proxies.sx `proxyPassword`, Whozex
 * `evomi_password` / `password`, connection strings with the password inside). The
 * reseller needs them on the credentials screens (which read the services table), not in
 * an event's payload or raw body, which get copied into tickets and screenshots. The
 * ledger keeps the raw body as received; only the view is masked.
 */
export const MASK = '••••••';

/** Field names (compared without case, `-` or `_`) whose value is a proxy password. */
const PASSWORD_FIELD = /^(?:pass|passwd|pwd)$|password$/;
/** Field names whose value is a connection string with the password inside. */
const CONNECTION_FIELD = /^(?:connectionstring|curlexample|proxyurl|proxystring|proxy|url)$/;

const norm = (name: string) => name.replace(/[-_]/g, '').toLowerCase();

/**
 * The password inside connection strings: `scheme://user:pass@host`, `user:pass@host:port`
 * and the `host:port:user:pass` form (Whozex `connection_string`).
 */
export function maskConnectionStrings(text: string): string {
  return text
    .replace(/(\b[A-Za-z0-9._%+-]+:)[^\s:@/"'<>\\]+@(?=[A-Za-z0-9[])/g, `$1${MASK}@`)
    .replace(/(\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+:\d{2,5}:[^\s:"'\\]+:)[^\s"'\\]+/g, `$1${MASK}`);
}

/** A deep copy of a payload with password fields masked and connection strings cut. */
export function maskPayload(value: unknown, depth = 0): unknown {
  if (depth > 16) return value;
  if (typeof value === 'string') return maskConnectionStrings(value);
  if (Array.isArray(value)) return value.map((v) => maskPayload(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = PASSWORD_FIELD.test(norm(k)) && typeof v === 'string' && v !== '' ? MASK : maskPayload(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** JSON string literal: "…" with escapes. */
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const FIELD_WITH_STRING = new RegExp(String.raw`("([A-Za-z_-]+)"\s*:\s*)(${STRING})`, 'g');

/**
 * The raw body as text (it may not even be JSON), masked in place so the rest reads
 * exactly as received: password fields' string values, and connection strings anywhere.
 */
export function maskRaw(raw: string): string {
  const fields = raw.replace(FIELD_WITH_STRING, (whole, head: string, name: string, literal: string) => {
    const key = norm(name);
    if (PASSWORD_FIELD.test(key)) return literal === '""' ? whole : `${head}"${MASK}"`;
    if (CONNECTION_FIELD.test(key)) return `${head}${maskConnectionStrings(literal)}`;
    return whole;
  });
  return maskConnectionStrings(fields);
}
