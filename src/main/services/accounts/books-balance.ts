import type { BooksBalancePreview, BooksBalanceResult } from '../../../shared/contract/accounts';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import { accountBalance, ledgerAccounts } from '../../ledger/journal';
import { absentMessage } from '../../providers/capability-messages';
import { recordUpstreamAdjustment } from '../money/upstream-money';
import { hasEvent, recordEvent } from '../sync/sync-state';
import { requireActiveAccount } from './account-repository';
import { UPSTREAM_LABEL } from './capability-check';

/**
 * Where an upstream cannot report the reseller's balance (Proxies.sx without the assumed
 * balance endpoint), the books are the source: the reseller enters the opening balance
 * and corrects it when it drifts. Each is one journal entry (upstream:<acct> against
 * owner's equity), shown before it is made. The opening entry carries the same event key
 * as a first sync's opening, so if the upstream later reports its balance, the sync
 * compares with the books instead of opening a second time.
 */

export function previewBooksBalance(ledger: Ledger, accountId: string, target: number): BooksBalancePreview {
  const row = requireActiveAccount(ledger, accountId);
  if (!Number.isSafeInteger(target)) throw new AppError('INVALID_INPUT', 'The balance must be a whole number of cents.', { field: 'balance' });
  const account = ledgerAccounts.upstream(row.id);
  const current = accountBalance(ledger.sqlite, account);
  const opening = !hasEvent(ledger.sqlite, openingKey(row.id));
  const difference = target - current;
  const kind = opening ? 'opening_balance' : 'adjustment';
  const description = opening
    ? `Opening balance of '${row.name}' entered by the reseller: ${formatMoney(target)}`
    : `Correction of the books' balance of '${row.name}' by the reseller: ${formatMoney(current)} → ${formatMoney(target)}`;
  return {
    accountId: row.id,
    current,
    target,
    difference,
    kind,
    description,
    reason: absentMessage(UPSTREAM_LABEL[row.provider], row.name, 'balance'),
  };
}

/**
 * Posts the previewed entry. `expectedCurrent` must still be the books' balance: if money
 * moved since the preview, nothing is posted and the reseller previews again.
 */
export function setBooksBalance(ledger: Ledger, clock: Clock, input: { accountId: string; target: number; expectedCurrent: number }): BooksBalanceResult {
  const now = clock.now();
  return ledger.sqlite.transaction((): BooksBalanceResult => {
    const p = previewBooksBalance(ledger, input.accountId, input.target);
    if (p.current !== input.expectedCurrent) {
      throw new AppError(
        'CONFLICT',
        `The books' balance of this account changed since the preview (${formatMoney(input.expectedCurrent)} → ${formatMoney(p.current)}). Nothing was posted: review the new figures and confirm again.`,
        { details: { current: p.current, expectedCurrent: input.expectedCurrent } },
      );
    }
    let transactionId: string | null = null;
    if (p.difference !== 0) {
      transactionId = recordUpstreamAdjustment(
        ledger.sqlite,
        { accountId: p.accountId, amount: p.difference, kind: p.kind, note: p.description, occurredAt: now },
        now,
      ).transactionId;
    }
    if (p.kind === 'opening_balance') {
      recordEvent(
        ledger.sqlite,
        {
          accountId: p.accountId,
          runId: null,
          kind: 'opening_balance',
          severity: 'info',
          subject: ledgerAccounts.upstream(p.accountId),
          dedupeKey: openingKey(p.accountId),
          details: { booksBalance: p.target, ledgerBefore: p.current, posted: p.difference, source: 'entered by the reseller' },
          transactionId,
        },
        now.toISOString(),
      );
    }
    return { ...p, transactionId };
  })();
}

function openingKey(accountId: string): string {
  return `opening:${ledgerAccounts.upstream(accountId)}`;
}
