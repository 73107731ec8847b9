import { Option, type Command } from 'commander';
import { PROXY_TYPES, type ProxyTypeName } from '../../../shared/contract/packages';
import type { Quote } from '../../../shared/contract/pricing';
import type { CliRuntime } from '../runtime';
import { money, parseWhole, resolveAccount, resolveCustomer } from './accounts';

function lines(q: Quote, what: string): string[] {
  return [
    what,
    `  cost   ${money(q.cost)}`,
    `  price  ${money(q.price)}`,
    `  margin ${money(q.margin)}${q.marginPercent === null ? '' : ` (${q.marginPercent}%)`}`,
    `  rules  ${q.appliedRules.join('; ')}`,
    ...(q.warning ? [`  WARNING: ${q.warning}`] : []),
  ];
}

/** `reseller-desk quote port|package`: what a sale would cost you and what the customer pays. */
export function register(program: Command, cli: CliRuntime): void {
  const quote = program.command('quote').description('price a port or a package with your pricebook');
  quote
    .command('port')
    .description('a Proxies.sx port: $2/day shared, $3/day private wholesale')
    .requiredOption('--country <code>', 'two-letter country code')
    .requiredOption('--days <n>', 'days')
    .option('--private', 'a private port')
    .option('--customer <customer>', 'apply this customer\'s discount (id or email)')
    .action(async (o: { country: string; days: string; private?: boolean; customer?: string }) => {
      const days = parseWhole(o.days, '--days');
      const ctx = await cli.context();
      const q = ctx.proxies.quote({ country: o.country.toUpperCase(), days, isPrivate: Boolean(o.private), ...(o.customer ? { customerId: resolveCustomer(ctx, o.customer) } : {}) });
      cli.result(lines(q, `${days}-day ${o.private ? 'private' : 'shared'} port in ${q.country}`), q);
    });
  quote
    .command('package')
    .description('a Whozex GB package (the upstream\'s price per GB × your traffic margin)')
    .requiredOption('--account <account>', 'Whozex account id or name')
    .requiredOption('--gb <n>', 'GB')
    .addOption(new Option('--type <type>', 'proxy type').choices([...PROXY_TYPES]).default('residential'))
    .option('--customer <customer>', 'customer id or email (discount, and their balance upstream)')
    .action(async (o: { account: string; gb: string; type: ProxyTypeName; customer?: string }) => {
      const gb = parseWhole(o.gb, '--gb');
      const ctx = await cli.context();
      const q = await ctx.packages.quote({ accountId: resolveAccount(ctx, o.account), gb, proxyType: o.type, ...(o.customer ? { customerId: resolveCustomer(ctx, o.customer) } : {}) });
      const extra = q.topUpNeeded > 0 && o.customer ? [`  the customer's balance upstream needs ${money(q.topUpNeeded)} more`] : [];
      cli.result([...lines(q, `${gb} GB ${o.type} package`), ...extra], q);
    });
}
