import { Option, type Command } from 'commander';
import { PAYMENT_METHODS, type PaymentMethodName } from '../../../shared/contract/money';
import type { CliRuntime } from '../runtime';
import { money, parseAmount, resolveCustomer } from './accounts';

/** `reseller-desk pay <customer> <amount> --method bank`: a payment received from a customer. */
export function register(program: Command, cli: CliRuntime): void {
  program
    .command('pay')
    .description('record a payment received from a customer (settles what they owe first, the rest becomes credit)')
    .argument('<customer>', 'customer id or email')
    .argument('<amount>', 'amount, e.g. 120.00')
    .addOption(new Option('--method <method>', 'how they paid').choices([...PAYMENT_METHODS]).default('bank'))
    .option('--reference <ref>', 'invoice or transfer reference')
    .option('--note <text>', 'note')
    .action(async (customer: string, amount: string, o: { method: PaymentMethodName; reference?: string; note?: string }) => {
      const cents = parseAmount(amount);
      const ctx = await cli.context();
      const customerId = resolveCustomer(ctx, customer);
      const r = ctx.money.recordPayment({ customerId, amount: cents, method: o.method, reference: o.reference ?? null, note: o.note ?? null });
      const c = r.customer!;
      cli.result(`Recorded ${money(cents)} (${o.method}). Credit ${money(c.credit)}, owes ${money(c.receivable)}.`, r);
    });
}
