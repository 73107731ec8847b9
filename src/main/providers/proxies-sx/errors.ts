/** Proxies.sx (NestJS-style) error bodies → code/message/field/extra for the shared mapping. */
import type { JsonReader } from '../http/reader';
import type { UpstreamErrorInfo } from '../upstream-errors';

/** The Proxies.sx error body → code/message/field/extra (shared with sign-in). */
export function proxiesSxErrorInfo(body: JsonReader | null): UpstreamErrorInfo {
  const info: UpstreamErrorInfo = { code: null, message: null, field: null, extra: {} };
  if (!body?.isObject()) return info;
  const raw = body.value as Record<string, unknown>;
  if (typeof raw.code === 'string') info.code = raw.code;
  const m = raw.message;
  const messages = typeof m === 'string' ? [m] : Array.isArray(m) ? m.filter((x): x is string => typeof x === 'string') : [];
  if (messages.length) info.message = messages.join('; ');
  if (typeof raw.field === 'string') info.field = raw.field;
  else if (messages.length && (info.code === 'VALIDATION_FAILED' || raw.statusCode !== undefined)) {
    // class-validator style: "email should not be empty" names the field first.
    const f = /^([a-zA-Z][\w.]*) (?:must|should|is|has)\b/.exec(messages[0]!);
    if (f) info.field = f[1]!;
  }
  for (const k of ['balance', 'required', 'cost', 'scope', 'requiredScope', 'used', 'allocated', 'limit']) {
    const v = raw[k];
    if (typeof v === 'string') info.extra[k] = v;
    else if (v !== null && typeof v === 'object' && 'isLosslessNumber' in (v as object)) info.extra[k] = String(v);
  }
  const details = raw.details;
  if (details && typeof details === 'object') {
    for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
      if (typeof v === 'string') info.extra[k] = v;
      else if (v !== null && typeof v === 'object' && 'isLosslessNumber' in (v as object)) info.extra[k] = String(v);
    }
  }
  return info;
}

