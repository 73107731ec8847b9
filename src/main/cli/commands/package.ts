import { Option, type Command } from 'commander';
import { PROXY_TYPES, type PackageResult, type PackageView, type ProxyTypeName } from '../../../shared/contract/packages';
import type { CliRuntime } from '../runtime';
import { money, parseWhole, resolveAccount, resolveCustomer, settlePending } from './accounts';
import { addChargeOptions, chargeFields, charging, type ChargeFlags } from '../charge-options';

const gb = (milli: number) => `${Math.floor(milli / 1000)}.${String(milli % 1000).padStart(3, '0')} GB`;

export function packageLine(p: PackageView): string {
  return `${p.serviceId}  ${p.upstreamId}  ${p.status}  ${p.proxyType ?? ''}  ${p.customerName ?? p.customerId}  ${gb(p.remainingGbMilli)} left of ${gb(p.totalGbMilli)}`;
}

function done(cli: CliRuntime, verb: string, r: PackageResult): void {
  const out = [`${verb} ${packageLine(r.package)}`];
  if (r.topUp) out.push(`  first topped up the customer's balance upstream by ${money(r.topUp.amount)}`);
  if (r.sale) out.push(`  sale: cost ${money(r.sale.cost)}, price ${money(r.sale.price)}, margin ${money(r.sale.margin)}`);
  cli.result(out, r);
}

/** `reseller-desk package create|add-gb|list`: Whozex GB packages. */
export function register(program: Command, cli: CliRuntime): void {
  const pkg = program.command('package').description('Whozex GB packages');
  const create = pkg
    .command('create')
    .description("buy a package for a customer (tops up the customer's Whozex balance first when it is short)")
    .requiredOption('--account <account>', 'Whozex account id or name')
    .requiredOption('--customer <customer>', 'customer id or email')
    .requiredOption('--gb <n>', 'GB')
    .addOption(new Option('--type <type>', 'proxy type').choices([...PROXY_TYPES]).default('residential'))
    .option('--no-top-up', "refuse instead of topping up the customer's balance upstream")
    .option('--below-cost', 'sell even if the price is below cost');
  addChargeOptions(create).action(async (o: { account: string; customer: string; gb: string; type: ProxyTypeName; topUp: boolean; belowCost?: boolean } & ChargeFlags) => {
    const n = parseWhole(o.gb, '--gb');
    const ctx = await cli.context();
    const accountId = resolveAccount(ctx, o.account);
    const customerId = resolveCustomer(ctx, o.customer);
    await settlePending(ctx, cli);
    const charge = chargeFields(o);
    done(
      cli,
      'Bought',
      await charging(charge, () => ctx.packages.create({ accountId, customerId, gb: n, proxyType: o.type, topUpIfNeeded: o.topUp, confirmBelowCost: Boolean(o.belowCost), ...charge })),
    );
  });
  const addGb = pkg
    .command('add-gb')
    .description('add GB to a package (a sale)')
    .argument('<service-id>', 'the package (see package list)')
    .requiredOption('--gb <n>', 'GB to add')
    .option('--no-top-up', "refuse instead of topping up the customer's balance upstream")
    .option('--below-cost', 'sell even if the price is below cost');
  addChargeOptions(addGb).action(async (serviceId: string, o: { gb: string; topUp: boolean; belowCost?: boolean } & ChargeFlags) => {
    const n = parseWhole(o.gb, '--gb');
    const ctx = await cli.context();
    await settlePending(ctx, cli);
    const charge = chargeFields(o);
    done(cli, 'Added to', await charging(charge, () => ctx.packages.addGb({ serviceId, gb: n, topUpIfNeeded: o.topUp, confirmBelowCost: Boolean(o.belowCost), ...charge })));
  });
  pkg
    .command('list')
    .description('list packages (GB figures as of the last refresh or sync)')
    .option('--customer <customer>', 'customer id or email')
    .option('--account <account>', 'account id or name')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (o: { customer?: string; account?: string; limit: string }) => {
      const ctx = await cli.context();
      const page = ctx.packages.list({
        limit: Math.min(500, parseWhole(o.limit, '--limit')),
        offset: 0,
        ...(o.customer ? { customerId: resolveCustomer(ctx, o.customer) } : {}),
        ...(o.account ? { accountId: resolveAccount(ctx, o.account) } : {}),
      });
      cli.result([...page.items.map(packageLine), `${page.items.length} of ${page.total} package(s)`], page);
    });
}
