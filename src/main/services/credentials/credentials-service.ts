import type { CredentialsFormatInput, FormattedCredentials } from '../../../shared/contract/proxies';
import { AppError } from '../../../shared/errors';
import type { Ledger } from '../../ledger/database';
import type { ServicesTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import type { PackageCredentials } from '../../providers/types';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { CredentialFormatError, formatCredential, type ProxyEndpoint } from './formats';

/**
 * Credentials of services (ports from the books; packages from the upstream, because
 * Whozex puts country/city targeting into the password) in one format, one line each.
 */
export interface CredentialsService {
  format(input: CredentialsFormatInput): Promise<FormattedCredentials>;
}

function portEndpoint(row: ServicesTable): ProxyEndpoint {
  const d = JSON.parse(row.details) as Record<string, unknown>;
  const host = typeof d.serverIp === 'string' ? d.serverIp : null;
  const username = typeof d.proxyLogin === 'string' ? d.proxyLogin : null;
  const password = typeof d.proxyPassword === 'string' ? d.proxyPassword : null;
  if (!host || !username || password === null) throw new AppError('NOT_FOUND', `Port ${row.label ?? row.upstream_id} has no connection details yet; sync its account.`);
  return {
    host,
    httpPort: typeof d.httpPort === 'number' ? d.httpPort : null,
    socksPort: typeof d.socksPort === 'number' ? d.socksPort : null,
    username,
    password,
  };
}

/**
 * Whozex puts the targeting into the password of its connection string
 * ("host:port:user:pass_country-TR"), not into the bare `password` field.
 */
function targetedPassword(c: PackageCredentials): string {
  for (const e of [c.http, c.socks5]) {
    const prefix = e ? `${e.host}:${e.port}:${c.username}:` : null;
    if (e?.connectionString && prefix && e.connectionString.startsWith(prefix)) return e.connectionString.slice(prefix.length);
  }
  return c.password;
}

export function createCredentialsService(deps: { ledger: Ledger; providers: ProviderRegistry }): CredentialsService {
  const { sqlite } = deps.ledger;
  return {
    async format(input) {
      const lines: FormattedCredentials['lines'] = [];
      for (const serviceId of input.serviceIds) {
        const row = prepare(sqlite, 'SELECT * FROM services WHERE id = ?').get(serviceId) as ServicesTable | undefined;
        if (!row) throw new AppError('NOT_FOUND', `Service ${serviceId} does not exist.`, { field: 'serviceIds' });
        let endpoint: ProxyEndpoint;
        if (row.kind === 'port') {
          endpoint = portEndpoint(row);
        } else {
          const provider = deps.providers.forAccount(row.provider_account_id);
          const c = await provider.getCredentials(row.upstream_id, {
            ...(input.country ? { country: input.country } : {}),
            ...(input.city ? { city: input.city } : {}),
          });
          const host = c.http?.host ?? c.socks5?.host;
          if (!host) throw new AppError('UPSTREAM_PROTOCOL', `${provider.accountName} sent no proxy host for package ${row.upstream_id}.`);
          endpoint = { host, httpPort: c.http?.port ?? null, socksPort: c.socks5?.port ?? null, username: c.username, password: targetedPassword(c) };
        }
        try {
          lines.push({ serviceId, line: formatCredential(endpoint, input.format, input.protocol) });
        } catch (e) {
          if (e instanceof CredentialFormatError) throw new AppError('INVALID_INPUT', e.message, { field: 'format' });
          throw e;
        }
      }
      return { format: input.format, lines, text: lines.map((l) => l.line).join('\n') };
    },
  };
}
