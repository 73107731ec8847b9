import type { moneyChannels } from '../../../shared/contract/money';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createMoneyHandlers(ctx: AppContext): Pick<Handlers, keyof typeof moneyChannels> {
  return {
    'payments:record': (input) => ctx.money.recordPayment(input),
    'money:refund': (input) => ctx.money.refund(input),
    'money:credit-note': (input) => ctx.money.creditNote(input),
    'money:reverse': (input) => ctx.money.reverse(input),
    'money:deposit': (input) => ctx.money.deposit(input),
    'ledger:balances': (input) => ctx.money.balances(input ?? {}),
  };
}
