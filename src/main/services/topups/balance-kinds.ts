import type { Minor } from '../../../shared/money';
import { formatMoney } from '../../../shared/money';
import type { PaymentMethod } from '../../ledger/schema';
import type { Provider } from '../../providers/types';
import { recordDeduct, recordTopUp } from '../money/upstream-money';
import type { LookupResult, OperationKind, OperationRecord } from '../operations/types';

/**
 * Money moving between the reseller's upstream balance and a customer's upstream balance
 * (Proxies.sx top-up, Whozex balance add/deduct). The upstream note carries the
 * operation's key, so the upstream's transaction list can tell whether a lost request
 * went through when the key itself is no longer remembered.
 */

export interface BalanceMoveRequest {
  upstreamCustomerId: string;
  amount: Minor;
  note: string | null;
  /** Local bookkeeping: also record a payment received from the customer. */
  recordAsPayment: boolean;
  method: PaymentMethod | null;
  reference: string | null;
}

export interface BalanceMoveResponse {
  amount: Minor;
  customerBalance: Minor | null;
  resellerBalance: Minor | null;
  requestId: string | null;
}

export interface BalanceMoveLocal {
  transactionId: string;
  paymentTransactionId: string | null;
}

const tag = (key: string) => `ref ${key}`;
const upstreamNote = (req: BalanceMoveRequest, key: string, fallback: string) => `${req.note ?? fallback} (${tag(key)})`;

async function findInTransactions(provider: Provider, op: OperationRecord<BalanceMoveRequest>): Promise<LookupResult<BalanceMoveResponse>> {
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const p = await provider.listTransactions({ limit: 100, cursor });
    const hit = p.items.find((t) => t.description?.includes(tag(op.idempotencyKey)));
    if (hit) return { status: 'found', result: { amount: op.request.amount, customerBalance: null, resellerBalance: hit.balanceAfter, requestId: null } };
    if (!p.nextCursor) return { status: 'absent' };
    cursor = p.nextCursor;
  }
  return { status: 'unknown' };
}

export const topUpKind: OperationKind<BalanceMoveRequest, BalanceMoveResponse, BalanceMoveLocal> = {
  kind: 'balance.top-up',
  describe: (req) => `Top up customer balance ${formatMoney(req.amount)}`,
  async execute(provider, req, { idempotencyKey }) {
    const note = upstreamNote(req, idempotencyKey, 'Top-up from Reseller Desk');
    const r = await provider.topUpCustomer(
      req.upstreamCustomerId,
      { amount: req.amount, note, ...(provider.kind === 'proxies-sx' ? { referenceId: req.reference ?? idempotencyKey } : {}) },
      { idempotencyKey },
    );
    return { amount: r.amount, customerBalance: r.customerBalance, resellerBalance: r.resellerBalance, requestId: r.requestId };
  },
  apply(sqlite, op, _res, now) {
    return recordTopUp(
      sqlite,
      {
        customerId: op.customerId!,
        accountId: op.accountId,
        amount: op.request.amount,
        recordAsPayment: op.request.recordAsPayment,
        ...(op.request.method ? { method: op.request.method } : {}),
        reference: op.request.reference,
        note: op.request.note,
        operationId: op.id,
        occurredAt: now,
      },
      now,
    );
  },
  lookup: findInTransactions,
};

export const deductKind: OperationKind<BalanceMoveRequest, BalanceMoveResponse, BalanceMoveLocal> = {
  kind: 'balance.deduct',
  describe: (req) => `Take back ${formatMoney(req.amount)} from customer balance`,
  async execute(provider, req, { idempotencyKey }) {
    const r = await provider.deductCustomer(req.upstreamCustomerId, { amount: req.amount, note: upstreamNote(req, idempotencyKey, 'Deduct from Reseller Desk') }, { idempotencyKey });
    return { amount: r.amount, customerBalance: r.customerBalance, resellerBalance: r.resellerBalance, requestId: r.requestId };
  },
  apply(sqlite, op, _res, now) {
    const r = recordDeduct(
      sqlite,
      { customerId: op.customerId!, accountId: op.accountId, amount: op.request.amount, note: op.request.note, operationId: op.id, occurredAt: now },
      now,
    );
    return { transactionId: r.transactionId, paymentTransactionId: null };
  },
  lookup: findInTransactions,
};
