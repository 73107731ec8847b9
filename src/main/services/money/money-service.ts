import type { Statement } from '../../../shared/contract/customers';
import type { LedgerBalances, MoneyResult } from '../../../shared/contract/money';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { ledgerBalances } from './balances';
import { recordCreditNote, recordRefund, reverseMoneyTransaction, type CreditNoteInput, type RefundInput } from './corrections';
import { customerPosition } from './guards';
import { recordPayment, type PaymentInput } from './payments';
import { customerStatement } from './statement';
import { recordDeposit, type DepositInput } from './upstream-money';

/**
 * The money use cases the screens call directly (payments, refunds, credit notes,
 * reversals, deposits, statements, balances). Upstream-driven movements (top-ups,
 * deducts, sales) are recorded by the operations journal with the functions of this
 * folder inside its own SQLite transaction.
 */
export interface MoneyService {
  recordPayment(input: Omit<PaymentInput, 'operationId' | 'id'>): MoneyResult;
  refund(input: Omit<RefundInput, 'operationId' | 'id'>): MoneyResult;
  creditNote(input: Omit<CreditNoteInput, 'operationId' | 'id'>): MoneyResult;
  reverse(input: { transactionId: string; reason?: string | null }): MoneyResult;
  deposit(input: Omit<DepositInput, 'operationId' | 'id'>): MoneyResult;
  statement(input: { customerId: string; from?: string | null; to?: string | null }): Statement;
  balances(input: { from?: string | null; to?: string | null }): LedgerBalances;
}

export function createMoneyService(deps: { ledger: Ledger; clock: Clock; bus: EventBus }): MoneyService {
  const { sqlite } = deps.ledger;

  const done = (transactionId: string, customerId: string | null, accountId: string | null): MoneyResult => {
    deps.bus.emit('event:money-changed', { transactionId, customerId, accountId });
    if (customerId) deps.bus.emit('event:customer-changed', { customerId });
    return { transactionId, customer: customerId ? customerPosition(sqlite, customerId) : null };
  };

  return {
    recordPayment(input) {
      const { transactionId } = recordPayment(sqlite, input, deps.clock.now());
      return done(transactionId, input.customerId, null);
    },
    refund(input) {
      const { transactionId } = recordRefund(sqlite, input, deps.clock.now());
      return done(transactionId, input.customerId, null);
    },
    creditNote(input) {
      const { transactionId } = recordCreditNote(sqlite, input, deps.clock.now());
      return done(transactionId, input.customerId, null);
    },
    reverse(input) {
      const r = reverseMoneyTransaction(sqlite, input, deps.clock.now());
      return done(r.transactionId, r.customerId, r.accountId);
    },
    deposit(input) {
      const { transactionId } = recordDeposit(sqlite, input, deps.clock.now());
      return done(transactionId, null, input.accountId);
    },
    statement: (input) => customerStatement(sqlite, input, deps.clock.now()),
    balances: (input) => ledgerBalances(sqlite, input, deps.clock.now()),
  };
}
