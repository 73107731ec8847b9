import { Option, type Command } from 'commander';
import { CREDENTIAL_FORMATS, type CredentialFormat } from '../../../shared/contract/proxies';
import { AppError } from '../../../shared/errors';
import type { CliRuntime } from '../runtime';

/** `reseller-desk credentials <service-id...> --format http-url`: one line per port or package, ready to paste. */
export function register(program: Command, cli: CliRuntime): void {
  program
    .command('credentials')
    .description('proxy credentials of ports and packages in a common format')
    .argument('<service-id...>', 'ports or packages (see port list, package list)')
    .addOption(new Option('--format <format>', 'output format').choices([...CREDENTIAL_FORMATS]).default('host:port:user:pass'))
    .addOption(new Option('--protocol <protocol>', 'listener for the host:port forms and curl').choices(['http', 'socks5']).default('http'))
    .option('--country <code>', 'package targeting: two-letter country code or "any"')
    .option('--city <city>', 'package targeting: city name')
    .action(async (serviceIds: string[], o: { format: CredentialFormat; protocol: 'http' | 'socks5'; country?: string; city?: string }) => {
      const country = o.country ? (o.country.toLowerCase() === 'any' ? 'any' : o.country.toUpperCase()) : undefined;
      if (country && country !== 'any' && !/^[A-Z]{2}$/.test(country)) throw new AppError('INVALID_INPUT', '--country: must be a two-letter country code or "any"', { field: 'country' });
      const ctx = await cli.context();
      const r = await ctx.credentials.format({ serviceIds, format: o.format, protocol: o.protocol, ...(country ? { country } : {}), ...(o.city ? { city: o.city } : {}) });
      cli.result(r.text, r);
    });
}
