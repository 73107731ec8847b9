import type { BalanceMoveResult } from '../../../shared/contract/operations';
import { AppError } from '../../../shared/errors';
import { formatMoney, type Minor } from '../../../shared/money';
import type { Ledger } from '../../ledger/database';
import { accountBalance, ledgerAccounts } from '../../ledger/journal';
import type { PaymentMethod } from '../../ledger/schema';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { customerPosition, requireAccount, requireCustomer } from '../money/guards';
import type { OperationsJournal } from '../operations/operations-journal';
import { ensureUpstreamCustomer } from '../operations/upstream-customers';
import { deductKind, topUpKind, type BalanceMoveLocal, type BalanceMoveRequest, type BalanceMoveResponse } from './balance-kinds';

export interface TopUpInput {
  customerId: string;
  accountId: string;
  amount: Minor;
  recordAsPayment?: boolean | undefined;
  method?: PaymentMethod | undefined;
  reference?: string | null | undefined;
  note?: string | null | undefined;
  /** The form's request id: the same id is the same top-up (issue 15). */
  requestId?: string | undefined;
  confirmSeparate?: boolean | undefined;
}

export interface DeductInput {
  customerId: string;
  accountId: string;
  amount: Minor;
  note?: string | null | undefined;
  requestId?: string | undefined;
  confirmSeparate?: boolean | undefined;
}

export interface TopUpsService {
  /** Reseller balance → customer's upstream balance (created upstream on first use). */
  topUp(input: TopUpInput): Promise<BalanceMoveResult>;
  /** Customer's upstream balance → reseller balance (Whozex). */
  deduct(input: DeductInput): Promise<BalanceMoveResult>;
}

export function createTopUpsService(deps: { ledger: Ledger; providers: ProviderRegistry; operations: OperationsJournal }): TopUpsService {
  const { sqlite } = deps.ledger;

  function check(customerId: string, accountId: string, amount: Minor): void {
    const customer = requireCustomer(sqlite, customerId);
    requireAccount(sqlite, accountId);
    if (customer.status === 'archived') throw new AppError('CONFLICT', `${customer.name} is archived. Reactivate the customer before moving money.`, { field: 'customerId' });
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError('INVALID_INPUT', 'amount: must be greater than zero', { field: 'amount' });
  }

  function result(
    operationId: string,
    customerId: string,
    accountId: string,
    amount: Minor,
    res: { customerBalance: Minor | null; resellerBalance: Minor | null },
    local: { transactionId: string; paymentTransactionId: string | null },
  ): BalanceMoveResult {
    return {
      operationId,
      transactionId: local.transactionId,
      paymentTransactionId: local.paymentTransactionId,
      amount,
      upstreamCustomerBalance: res.customerBalance,
      upstreamResellerBalance: res.resellerBalance,
      ledgerSubBalance: accountBalance(sqlite, ledgerAccounts.upstreamSub(accountId, customerId)),
      customer: customerPosition(sqlite, customerId),
    };
  }

  return {
    async topUp(input) {
      check(input.customerId, input.accountId, input.amount);
      if (input.recordAsPayment && !input.method) throw new AppError('INVALID_INPUT', 'method: say how the customer paid', { field: 'method' });
      const charge = { accountId: input.accountId, customerId: input.customerId, requestId: input.requestId, confirmSeparate: input.confirmSeparate };
      // The same request id again (a second click after an unknown outcome): that top-up's outcome, never a second one.
      const again = await deps.operations.replay<BalanceMoveResponse, BalanceMoveLocal>(topUpKind.kind, charge);
      if (again) return result(again.operationId, input.customerId, input.accountId, input.amount, again.result, again.local);
      const provider = deps.providers.forAccount(input.accountId);
      if (!provider.capabilities.customerTopUp) throw new AppError('UNSUPPORTED', `${provider.accountName} cannot top up customer balances.`);
      const upstreamCustomerId = await ensureUpstreamCustomer(sqlite, deps.operations, input.customerId, input.accountId);
      const request: BalanceMoveRequest = {
        upstreamCustomerId,
        amount: input.amount,
        note: input.note ?? null,
        recordAsPayment: Boolean(input.recordAsPayment),
        method: input.method ?? null,
        reference: input.reference ?? null,
      };
      const out = await deps.operations.run(topUpKind, { ...charge, request });
      return result(out.operationId, input.customerId, input.accountId, input.amount, out.result, out.local);
    },

    async deduct(input) {
      check(input.customerId, input.accountId, input.amount);
      const charge = { accountId: input.accountId, customerId: input.customerId, requestId: input.requestId, confirmSeparate: input.confirmSeparate };
      const again = await deps.operations.replay<BalanceMoveResponse, BalanceMoveLocal>(deductKind.kind, charge);
      if (again) return result(again.operationId, input.customerId, input.accountId, input.amount, again.result, again.local);
      const provider = deps.providers.forAccount(input.accountId);
      if (!provider.capabilities.customerDeduct) {
        throw new AppError('UNSUPPORTED', `${provider.accountName} cannot take money back from a customer's balance (Proxies.sx has no deduct). Record a refund or credit note instead.`);
      }
      const sub = accountBalance(sqlite, ledgerAccounts.upstreamSub(input.accountId, input.customerId));
      if (sub < input.amount) {
        // Checked upstream too; refusing here saves a round trip with a clearer message.
        throw new AppError('INSUFFICIENT_BALANCE', `The customer's balance at ${provider.accountName} is ${formatMoney(sub)} in the books, less than the ${formatMoney(input.amount)} to take back. Sync the account if it changed upstream.`, {
          details: { balance: sub, required: input.amount, shortfall: input.amount - sub },
        });
      }
      const upstreamCustomerId = await ensureUpstreamCustomer(sqlite, deps.operations, input.customerId, input.accountId);
      const request: BalanceMoveRequest = { upstreamCustomerId, amount: input.amount, note: input.note ?? null, recordAsPayment: false, method: null, reference: null };
      const out = await deps.operations.run(deductKind, { ...charge, request });
      return result(out.operationId, input.customerId, input.accountId, input.amount, out.result, out.local);
    },
  };
}
