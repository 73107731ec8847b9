import type { LedgerAccountKind } from '../../ledger/schema';

/**
 * The journal export's `hledger_account` column: each ledger account id under the
 * top-level account hledger (and most plain-text accounting tools) expect for its kind,
 * so `hledger balance` groups assets, liabilities, income and expenses as the app does.
 *
 *   cash                    → assets:cash
 *   upstream:<a>            → assets:upstream:<a>
 *   upstream:<a>:sub:<c>    → assets:upstream:<a>:sub:<c>
 *   receivable:<c>          → assets:receivable:<c>
 *   credit:<c>              → liabilities:credit:<c>
 *   revenue                 → income:revenue
 *   cost:<a>                → expenses:cost:<a>
 *   equity                  → equity:owner
 *
 * Ids are kept as they are (unique, stable across renames); whitespace, which hledger
 * reads as the end of an account name when doubled, becomes `_`.
 */
const ROOT: Record<LedgerAccountKind, string> = {
  asset: 'assets',
  liability: 'liabilities',
  income: 'income',
  expense: 'expenses',
  equity: 'equity',
};

const UNSAFE = /[\s;]/;

export function hledgerAccountName(accountId: string, kind: LedgerAccountKind): string {
  // Ids rarely hold either; testing first spares two replaces per posting in a journal export.
  const safe = UNSAFE.test(accountId) ? accountId.replace(/\s+/g, '_').replace(/;/g, '_') : accountId;
  if (kind === 'equity' && accountId === 'equity') return 'equity:owner';
  return `${ROOT[kind]}:${safe}`;
}

/** The clearing account the shipped rules file balances each CSV row against (nets to zero). */
export const HLEDGER_CLEARING_ACCOUNT = 'equity:clearing';
