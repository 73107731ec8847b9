import type { CredentialFormat } from '../../../shared/contract/proxies';

/**
 * Proxy credentials in every common format, for one endpoint or many. Pure: no I/O.
 * URL forms percent-encode the user and password (a password with '@' or ':' must not
 * break the URL); the colon form keeps them as they are, as proxy tools expect.
 */
export interface ProxyEndpoint {
  host: string;
  /** The HTTP listener (used by every form except socks5-url). */
  httpPort: number | null;
  socksPort: number | null;
  username: string;
  password: string;
}

/** A neutral address that answers with the caller's IP, for the curl line. */
export const CURL_CHECK_URL = 'https://api.ipify.org';

export class CredentialFormatError extends Error {}

function port(e: ProxyEndpoint, protocol: 'http' | 'socks5'): number {
  const p = protocol === 'socks5' ? e.socksPort : e.httpPort;
  if (p === null) throw new CredentialFormatError(`This proxy has no ${protocol === 'socks5' ? 'SOCKS5' : 'HTTP'} port.`);
  return p;
}

const enc = encodeURIComponent;

export function formatCredential(e: ProxyEndpoint, format: CredentialFormat, protocol: 'http' | 'socks5' = 'http'): string {
  switch (format) {
    case 'host:port:user:pass':
      return `${e.host}:${port(e, protocol)}:${e.username}:${e.password}`;
    case 'user:pass@host:port':
      return `${e.username}:${e.password}@${e.host}:${port(e, protocol)}`;
    case 'http-url':
      return `http://${enc(e.username)}:${enc(e.password)}@${e.host}:${port(e, 'http')}`;
    case 'socks5-url':
      return `socks5://${enc(e.username)}:${enc(e.password)}@${e.host}:${port(e, 'socks5')}`;
    case 'curl': {
      const scheme = protocol === 'socks5' ? 'socks5h' : 'http';
      const url = `${scheme}://${enc(e.username)}:${enc(e.password)}@${e.host}:${port(e, protocol)}`;
      return `curl -x '${url.replace(/'/g, "'\\''")}' ${CURL_CHECK_URL}`;
    }
  }
}

/** Many at once: one line each, newline-joined (ready to paste into a proxy tool). */
export function formatCredentials(endpoints: ProxyEndpoint[], format: CredentialFormat, protocol: 'http' | 'socks5' = 'http'): string {
  return endpoints.map((e) => formatCredential(e, format, protocol)).join('\n');
}
