import { AppError } from '../../../shared/errors';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * An upstream's API address must be HTTPS: the API key travels in every request's
 * headers. Plain http is allowed only to this computer (the sandbox, a local proxy).
 */
export function assertSafeApiAddress(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('INVALID_INPUT', 'API address: must be a full address such as https://api.proxies.sx/v1', { field: 'baseUrl' });
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return;
  throw new AppError(
    'INVALID_INPUT',
    'API address: must start with https:// — your API key is sent with every request and must never travel unencrypted (plain http:// only works for this computer, such as the sandbox).',
    { field: 'baseUrl' },
  );
}

/** Whether two API addresses reach the same server (scheme, host and port). */
export function sameServer(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
