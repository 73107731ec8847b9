import { AppError } from '../../shared/errors';

/**
 * The address an upstream is asked to deliver to. Whozex's seed says "HTTPS endpoint";
 * a real account's deliveries carry customer and money facts, so every real
 * (non-sandbox) account needs https:. The sandbox runs on this computer: plain http: is
 * allowed there, to a loopback host only.
 */

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * A sandbox account: the app's own (is_sandbox) or any account whose upstream answers on
 * this computer (the real Proxies.sx and Whozex never do: that is a sandbox started with
 * `npm run sandbox` and added by hand or from the CLI).
 */
export function isSandboxAccount(row: { is_sandbox: number; base_url: string }): boolean {
  if (row.is_sandbox === 1) return true;
  try {
    return isLoopbackHost(new URL(row.base_url).hostname);
  } catch {
    return false;
  }
}

export function assertWebhookUrl(url: string, isSandbox: boolean, providerLabel: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('INVALID_INPUT', `"${url}" is not a web address. Correct the public address in Settings → Webhooks.`, { field: 'publicBaseUrl' });
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol === 'http:' && isSandbox && isLoopbackHost(parsed.hostname)) return;
  if (!isSandbox) {
    throw new AppError(
      'INVALID_INPUT',
      `${providerLabel} webhooks of a real account must go to an https:// address, and ${parsed.origin} is not one. ` +
        'Enter the https:// address of a tunnel (for example Cloudflare Tunnel or ngrok) as the public address in Settings → Webhooks, then register again.',
      { field: 'publicBaseUrl' },
    );
  }
  throw new AppError(
    'INVALID_INPUT',
    `The sandbox may deliver over plain http:// only to this computer (127.0.0.1, ::1 or localhost), and ${parsed.hostname} is not. ` +
      'Use an https:// public address, or clear the public address in Settings → Webhooks to use the local listener.',
    { field: 'publicBaseUrl' },
  );
}
