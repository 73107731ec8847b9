import type { Command } from 'commander';
import type { PortResult, PortView } from '../../../shared/contract/proxies';
import type { CliRuntime } from '../runtime';
import { money, parseWhole, resolveAccount, resolveCustomer, settlePending } from './accounts';
import { addChargeOptions, chargeFields, charging, type ChargeFlags } from '../charge-options';

export function portLine(p: PortView): string {
  const c = p.connection;
  return `${p.serviceId}  ${p.status}  ${p.country ?? '??'}${p.city ? `/${p.city}` : ''}  ${p.isPrivate ? 'private' : 'shared'}  ${p.customerName ?? p.customerId}  expires ${p.expiresAt ?? '—'}  ${c.host}:${c.httpPort}`;
}

function done(cli: CliRuntime, verb: string, r: PortResult): void {
  const sale = r.sale ? `  sale: cost ${money(r.sale.cost)}, price ${money(r.sale.price)}, margin ${money(r.sale.margin)}` : null;
  cli.result([`${verb} ${portLine(r.port)}`, ...(sale ? [sale] : [])], r);
}

/** `reseller-desk port create|rotate|extend|list`: Proxies.sx ports. */
export function register(program: Command, cli: CliRuntime): void {
  const port = program.command('port').description('Proxies.sx dedicated ports');
  const create = port
    .command('create')
    .description('create a port for a customer (checks their port-slot quota first)')
    .requiredOption('--account <account>', 'Proxies.sx account id or name')
    .requiredOption('--customer <customer>', 'customer id or email')
    .requiredOption('--country <code>', 'two-letter country code')
    .requiredOption('--days <n>', 'days')
    .option('--city <city>', 'city name')
    .option('--carrier <carrier>', 'carrier name')
    .option('--private', 'a private port ($3/day)')
    .option('--exclusive', 'an exclusive device')
    .option('--below-cost', 'sell even if the price is below cost');
  addChargeOptions(create).action(
    async (o: { account: string; customer: string; country: string; days: string; city?: string; carrier?: string; private?: boolean; exclusive?: boolean; belowCost?: boolean } & ChargeFlags) => {
      const days = parseWhole(o.days, '--days');
      const ctx = await cli.context();
      const accountId = resolveAccount(ctx, o.account);
      const customerId = resolveCustomer(ctx, o.customer);
      await settlePending(ctx, cli);
      const charge = chargeFields(o);
      const r = await charging(charge, () => ctx.proxies.create({
        ...charge,
        accountId,
        customerId,
        country: o.country.toUpperCase(),
        days,
        exclusive: Boolean(o.exclusive),
        isPrivate: Boolean(o.private),
        confirmBelowCost: Boolean(o.belowCost),
        ...(o.city ? { city: o.city } : {}),
        ...(o.carrier ? { carrier: o.carrier } : {}),
      }));
      done(cli, 'Created', r);
    },
  );
  port
    .command('rotate')
    .description('change the port\'s IP')
    .argument('<service-id>', 'the port (see port list)')
    .action(async (serviceId: string) => {
      const ctx = await cli.context();
      await settlePending(ctx, cli);
      done(cli, 'Rotated', await ctx.proxies.rotate(serviceId));
    });
  const extend = port
    .command('extend')
    .description('renew a port for more days (a sale)')
    .argument('<service-id>', 'the port (see port list)')
    .requiredOption('--days <n>', 'days to add')
    .option('--below-cost', 'sell even if the price is below cost');
  addChargeOptions(extend).action(async (serviceId: string, o: { days: string; belowCost?: boolean } & ChargeFlags) => {
    const days = parseWhole(o.days, '--days');
    const ctx = await cli.context();
    await settlePending(ctx, cli);
    const charge = chargeFields(o);
    done(cli, 'Extended', await charging(charge, () => ctx.proxies.extend({ serviceId, days, confirmBelowCost: Boolean(o.belowCost), ...charge })));
  });
  port
    .command('list')
    .description('list ports')
    .option('--customer <customer>', 'customer id or email')
    .option('--account <account>', 'account id or name')
    .option('--expiring <days>', 'only active ports expiring within this many days')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (o: { customer?: string; account?: string; expiring?: string; limit: string }) => {
      const ctx = await cli.context();
      const page = ctx.proxies.list({
        limit: Math.min(500, parseWhole(o.limit, '--limit')),
        offset: 0,
        ...(o.customer ? { customerId: resolveCustomer(ctx, o.customer) } : {}),
        ...(o.account ? { accountId: resolveAccount(ctx, o.account) } : {}),
        ...(o.expiring ? { expiringWithinDays: parseWhole(o.expiring, '--expiring', 0) } : {}),
      });
      cli.result([...page.items.map(portLine), `${page.items.length} of ${page.total} port(s)`], page);
    });
}
