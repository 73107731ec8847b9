import { Option, type Command } from 'commander';
import { PAYMENT_METHODS, type PaymentMethodName } from '../../../shared/contract/money';
import type { BalanceMoveResult } from '../../../shared/contract/operations';
import type { CliRuntime } from '../runtime';
import { money, parseAmount, resolveAccount, resolveCustomer, settlePending } from './accounts';

/** `reseller-desk topup <customer> <amount> --account <acct>`: reseller balance → customer's upstream balance (or back with --deduct). */
export function register(program: Command, cli: CliRuntime): void {
  program
    .command('topup')
    .description("move money from your upstream balance to the customer's balance there (Proxies.sx top-up, Whozex balance add)")
    .argument('<customer>', 'customer id or email')
    .argument('<amount>', 'amount, e.g. 100.00')
    .requiredOption('--account <account>', 'upstream account id or name')
    .addOption(new Option('--paid <method>', 'also record that the customer paid this amount').choices([...PAYMENT_METHODS]))
    .option('--reference <ref>', 'reference')
    .option('--note <text>', 'note (shown in the upstream\'s transaction history)')
    .option('--deduct', "take the amount back from the customer's balance instead (Whozex)")
    .action(async (customer: string, amount: string, o: { account: string; paid?: PaymentMethodName; reference?: string; note?: string; deduct?: boolean }) => {
      const cents = parseAmount(amount);
      const ctx = await cli.context();
      const customerId = resolveCustomer(ctx, customer);
      const accountId = resolveAccount(ctx, o.account);
      await settlePending(ctx, cli);
      let r: BalanceMoveResult;
      if (o.deduct) r = await ctx.topUps.deduct({ customerId, accountId, amount: cents, note: o.note ?? null });
      else r = await ctx.topUps.topUp({ customerId, accountId, amount: cents, recordAsPayment: Boolean(o.paid), method: o.paid, reference: o.reference ?? null, note: o.note ?? null });
      const upstream = r.upstreamResellerBalance === null ? '' : ` Your upstream balance: ${money(r.upstreamResellerBalance)}.`;
      cli.result(`${o.deduct ? 'Took back' : 'Topped up'} ${money(cents)}. Customer balance upstream: ${money(r.ledgerSubBalance)}.${upstream}`, r);
    });
}
