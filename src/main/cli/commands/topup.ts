import { Option, type Command } from 'commander';
import { PAYMENT_METHODS, type PaymentMethodName } from '../../../shared/contract/money';
import type { BalanceMoveResult } from '../../../shared/contract/operations';
import type { CliRuntime } from '../runtime';
import { money, parseAmount, resolveAccount, resolveCustomer, settlePending } from './accounts';
import { addChargeOptions, chargeFields, charging, type ChargeFlags } from '../charge-options';

/** `reseller-desk topup <customer> <amount> --account <acct>`: reseller balance → customer's upstream balance (or back with --deduct). */
export function register(program: Command, cli: CliRuntime): void {
  const cmd = program
    .command('topup')
    .description("move money from your upstream balance to the customer's balance there (Proxies.sx top-up, Whozex balance add)")
    .argument('<customer>', 'customer id or email')
    .argument('<amount>', 'amount, e.g. 100.00')
    .requiredOption('--account <account>', 'upstream account id or name')
    .addOption(new Option('--paid <method>', 'also record that the customer paid this amount').choices([...PAYMENT_METHODS]))
    .option('--reference <ref>', 'reference')
    .option('--note <text>', 'note (shown in the upstream\'s transaction history)')
    .option('--deduct', "take the amount back from the customer's balance instead (Whozex)");
  addChargeOptions(cmd).action(
    async (customer: string, amount: string, o: { account: string; paid?: PaymentMethodName; reference?: string; note?: string; deduct?: boolean } & ChargeFlags) => {
      const cents = parseAmount(amount);
      const ctx = await cli.context();
      const customerId = resolveCustomer(ctx, customer);
      const accountId = resolveAccount(ctx, o.account);
      await settlePending(ctx, cli);
      const charge = chargeFields(o);
      const r: BalanceMoveResult = await charging(charge, () =>
        o.deduct
          ? ctx.topUps.deduct({ customerId, accountId, amount: cents, note: o.note ?? null, ...charge })
          : ctx.topUps.topUp({ customerId, accountId, amount: cents, recordAsPayment: Boolean(o.paid), method: o.paid, reference: o.reference ?? null, note: o.note ?? null, ...charge }),
      );
      const upstream = r.upstreamResellerBalance === null ? '' : ` Your upstream balance: ${money(r.upstreamResellerBalance)}.`;
      cli.result(`${o.deduct ? 'Took back' : 'Topped up'} ${money(cents)}. Customer balance upstream: ${money(r.ledgerSubBalance)}.${upstream}`, r);
    },
  );
}
