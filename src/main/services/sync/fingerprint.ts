import { createHash } from 'node:crypto';

/** A short stable digest of an upstream object: unchanged digest → nothing to write. */
export function fingerprint(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value, Object.keys(flatKeys(value)).sort())).digest('base64url');
}

function flatKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) for (const v of value) flatKeys(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into[k] = true;
      flatKeys(v, into);
    }
  }
  return into;
}
