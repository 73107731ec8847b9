import { randomBytes } from 'node:crypto';

/**
 * Mongo-style ObjectIds (24 hex: 4 bytes of seconds + 8 random bytes), as Proxies.sx
 * returns `_id`s. Time comes from the sandbox clock so ids sort with sandbox time.
 */
export function objectId(nowMs: number): string {
  const secs = Math.floor(nowMs / 1000) >>> 0;
  return secs.toString(16).padStart(8, '0') + randomBytes(8).toString('hex');
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomToken(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}
