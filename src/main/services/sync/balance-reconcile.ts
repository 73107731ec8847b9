import type Database from 'better-sqlite3';
import type { Minor } from '../../../shared/money';
import { formatMoney } from '../../../shared/money';
import { accountBalance, ledgerAccounts, postTransaction } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';
import { recordUpstreamAdjustment } from '../money/upstream-money';
import { hasEvent, recordEvent } from './sync-state';

/**
 * Reconciling an upstream balance (the reseller's, or a customer's sub-balance) with the
 * ledger account that mirrors it.
 *
 * The rule:
 * 1. First time an account is reconciled: an `opening_balance` transaction posts the
 *    difference (upstream − ledger) against `equity`, and an info event records it.
 * 2. Later, equal balances: nothing happens.
 * 3. Later, a difference: never overwritten silently. One `adjustment` transaction
 *    brings the ledger to the upstream's figure, and a `balance_mismatch` conflict event
 *    (open until the reseller acknowledges it) records both figures and links the
 *    adjustment, which can be reversed and re-posted if classified otherwise. The
 *    counter-account says what the difference most likely is:
 *      - upstream LOWER than the ledger: money spent at the upstream outside the app
 *        (a purchase or renewal in the upstream's dashboard) → `cost:<acct>`;
 *      - upstream HIGHER: money put in outside the app (a deposit on the upstream's
 *        site) → `equity`.
 * 4. While an operation on this upstream account is `pending` in the operations
 *    journal, the difference may be that operation in flight: reconciliation waits
 *    (the caller checks `hasPendingOperations`) rather than book a false conflict.
 * Every step runs inside the caller's SQLite transaction.
 */

export interface ReconcileInput {
  providerAccountId: string;
  /** upstream:<acct> or upstream:<acct>:sub:<cust> */
  ledgerAccount: string;
  upstreamBalance: Minor;
  label: string;
  customerId: string | null;
  runId: string;
  now: Date;
  /**
   * First reconciliation of this ledger account? Default: no opening event yet. Customer
   * sub-balances pass "the customer was new to this sync" instead, so 10,000 empty
   * sub-balances do not need 10,000 opening events.
   */
  firstTime?: boolean;
}

export type ReconcileOutcome = 'opened' | 'matched' | 'adjusted';

export function hasPendingOperations(sqlite: Database.Database, providerAccountId: string): boolean {
  return prepare(sqlite, "SELECT 1 FROM operations WHERE provider_account_id = ? AND status = 'pending' LIMIT 1").get(providerAccountId) !== undefined;
}

export function reconcileBalance(sqlite: Database.Database, input: ReconcileInput): ReconcileOutcome {
  const now = input.now.toISOString();
  const ledger = accountBalance(sqlite, input.ledgerAccount);
  const difference = input.upstreamBalance - ledger;
  const openingKey = `opening:${input.ledgerAccount}`;

  const firstTime = input.firstTime ?? !hasEvent(sqlite, openingKey);
  if (firstTime) {
    if (difference === 0 && input.firstTime !== undefined) return 'opened';
    let transactionId: string | null = null;
    if (difference !== 0) {
      // The money helper's rule for openings: upstream(a) or upstreamSub(a,c) ± / equity ∓.
      transactionId = recordUpstreamAdjustment(
        sqlite,
        {
          accountId: input.providerAccountId,
          customerId: input.customerId,
          amount: difference,
          kind: 'opening_balance',
          note: `Opening balance of ${input.label} from the first sync`,
          occurredAt: input.now,
        },
        input.now,
      ).transactionId;
    }
    recordEvent(
      sqlite,
      {
        accountId: input.providerAccountId,
        runId: input.runId,
        kind: 'opening_balance',
        severity: 'info',
        subject: input.ledgerAccount,
        dedupeKey: openingKey,
        details: { upstreamBalance: input.upstreamBalance, ledgerBefore: ledger, posted: difference, customerId: input.customerId },
        transactionId,
      },
      now,
    );
    return 'opened';
  }

  if (difference === 0) return 'matched';

  const counter = difference < 0 ? ledgerAccounts.cost(input.providerAccountId) : ledgerAccounts.equity;
  const reason = difference < 0 ? 'spent at the upstream outside Reseller Desk' : 'added at the upstream outside Reseller Desk';
  const posted = postTransaction(
    sqlite,
    {
      kind: 'adjustment',
      description: `Sync adjustment: ${input.label} was ${formatMoney(input.upstreamBalance)} upstream, ${formatMoney(ledger)} in the books (${reason})`,
      occurredAt: input.now,
      customerId: input.customerId,
      providerAccountId: input.providerAccountId,
      postings: [
        { account: input.ledgerAccount, amount: difference },
        { account: counter, amount: -difference },
      ],
    },
    input.now,
  );
  recordEvent(
    sqlite,
    {
      accountId: input.providerAccountId,
      runId: input.runId,
      kind: 'balance_mismatch',
      severity: 'conflict',
      subject: input.ledgerAccount,
      dedupeKey: `balance:${input.ledgerAccount}:${posted.id}`,
      details: {
        upstreamBalance: input.upstreamBalance,
        ledgerBalance: ledger,
        difference,
        counterAccount: counter,
        customerId: input.customerId,
        message: `${input.label}: the upstream says ${formatMoney(input.upstreamBalance)}, the books said ${formatMoney(ledger)}. An adjustment of ${formatMoney(difference)} was posted; review it.`,
      },
      transactionId: posted.id,
    },
    now,
  );
  return 'adjusted';
}
