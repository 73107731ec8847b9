import type Database from 'better-sqlite3';
import type { Minor } from '../../../shared/money';
import { formatMoney } from '../../../shared/money';
import type { PaymentMethod } from '../../ledger/schema';
import type { Provider } from '../../providers/types';
import { recordDeduct, recordTopUp } from '../money/upstream-money';
import type { LookupResult, OperationKind, OperationRecord } from '../operations/types';
import { customerEmail, refTag, requireUpstreamCustomer, taggedByApp, taggedWith, transactionsSince } from '../operations/upstream-reads';

/**
 * Money moving between the reseller's upstream balance and a customer's upstream balance
 * (Proxies.sx top-up, Whozex balance add/deduct). The upstream note carries the
 * operation's key (`ref rd_…`), and a lost answer is settled by looking (issue 15):
 * - Whozex: the documented `note` appears in `GET /account/transactions`: tagged → landed;
 *   nothing that could be it → did not land; an untagged look-alike → needs review;
 * - Proxies.sx: no documented transaction list, so the customer's balance in the
 *   documented customer list is compared with the one read just before the request:
 *   moved by the amount → landed; unchanged → did not land; anything else → needs review.
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

const upstreamNote = (req: BalanceMoveRequest, key: string, fallback: string) => `${req.note ?? fallback} (${refTag(key)})`;

/** Proxies.sx: the customer's balance before the request (null when the list does not report it). */
interface BalanceBaseline {
  email: string | null;
  balance: Minor | null;
}

async function balanceBaseline(provider: Provider, req: BalanceMoveRequest, ctx: { sqlite: Database.Database; customerId: string | null }): Promise<BalanceBaseline | null> {
  if (provider.kind !== 'proxies-sx') return null;
  const email = customerEmail(ctx.sqlite, ctx.customerId);
  const c = await requireUpstreamCustomer(provider, req.upstreamCustomerId, email);
  return { email, balance: c.balance };
}

async function byBalance(provider: Provider, op: OperationRecord<BalanceMoveRequest>, sign: 1 | -1): Promise<LookupResult<BalanceMoveResponse>> {
  const before = op.baseline as BalanceBaseline | null;
  if (!before || before.balance === null) return { status: 'unknown', facts: { reason: 'No balance was read before the request.' } };
  const c = await requireUpstreamCustomer(provider, op.request.upstreamCustomerId, before.email);
  const facts = { customerBalanceBefore: before.balance, customerBalanceNow: c.balance, amount: op.request.amount };
  if (c.balance === null) return { status: 'unknown', facts };
  const moved = (c.balance - before.balance) * sign;
  if (moved === op.request.amount) return { status: 'found', result: { amount: op.request.amount, customerBalance: c.balance, resellerBalance: null, requestId: null } };
  if (moved === 0) return { status: 'absent' };
  return { status: 'unknown', facts };
}

async function byNote(provider: Provider, op: OperationRecord<BalanceMoveRequest>): Promise<LookupResult<BalanceMoveResponse>> {
  const txs = await transactionsSince(provider, op.createdAt);
  const hit = txs.find((t) => taggedWith(t, op.idempotencyKey));
  if (hit) return { status: 'found', result: { amount: op.request.amount, customerBalance: null, resellerBalance: hit.balanceAfter, requestId: null } };
  // An untagged balance change of this size for this customer could be it with the note lost.
  const lookalike = txs.find(
    (t) => t.customerId === op.request.upstreamCustomerId && Math.abs(t.amount) === op.request.amount && t.type !== 'purchase' && t.type !== 'add_gb' && !taggedByApp(t),
  );
  if (lookalike) return { status: 'unknown', facts: { lookalike: { id: lookalike.id, type: lookalike.type, amount: lookalike.amount, note: lookalike.note ?? lookalike.description } } };
  return { status: 'absent' };
}

const lookupMove = (sign: 1 | -1) => (provider: Provider, op: OperationRecord<BalanceMoveRequest>) =>
  provider.kind === 'proxies-sx' ? byBalance(provider, op, sign) : byNote(provider, op);

/** Settled by the reseller as landed: the request is all there is to book. */
const landedMove = async (_p: Provider, op: OperationRecord<BalanceMoveRequest>): Promise<BalanceMoveResponse> => ({
  amount: op.request.amount,
  customerBalance: null,
  resellerBalance: null,
  requestId: null,
});

export const topUpKind: OperationKind<BalanceMoveRequest, BalanceMoveResponse, BalanceMoveLocal> = {
  kind: 'balance.top-up',
  charge: 'top-up',
  baseline: balanceBaseline,
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
  lookup: lookupMove(1),
  landed: landedMove,
};

export const deductKind: OperationKind<BalanceMoveRequest, BalanceMoveResponse, BalanceMoveLocal> = {
  kind: 'balance.deduct',
  charge: 'deduct',
  baseline: balanceBaseline,
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
  lookup: lookupMove(-1),
  landed: landedMove,
};
