import type { WhozexInsights } from '../../../shared/contract/upstream-reports';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import type { Provider } from '../../providers/types';
import { requireReportAccount } from './report-account';
import { readReport } from './report-result';

/**
 * Whozex's two documented reports for one account, read live (both at once): the
 * Dashboard card shows each one, or why it is missing. Nothing is stored: these are the
 * upstream's own figures, shown beside (never mixed into) the books.
 */
export async function whozexInsights(
  deps: { ledger: Ledger; clock: Clock; providerFor: (accountId: string) => Provider },
  accountId: string,
): Promise<WhozexInsights> {
  const account = requireReportAccount(deps.ledger.sqlite, accountId);
  if (account.provider !== 'whozex') {
    throw new AppError('UNSUPPORTED', `${account.name} is a Proxies.sx account: account statistics and analytics are Whozex reports.`, { field: 'accountId' });
  }
  const provider = deps.providerFor(accountId);
  const stats = provider.getAccountStats?.bind(provider);
  const overview = provider.getAnalyticsOverview?.bind(provider);
  const asOf = deps.clock.now().toISOString();
  const [s, o] = await Promise.all([
    readReport('Whozex', 'its account statistics', stats ? async () => strip(await stats()) : null),
    readReport('Whozex', 'its analytics overview', overview ? async () => strip(await overview()) : null),
  ]);
  return { accountId, accountName: account.name, isSandbox: account.isSandbox, asOf, stats: s, overview: o };
}

/** The request id is for logs, not for the window. */
function strip<T extends { requestId: string | null }>(v: T): Omit<T, 'requestId'> {
  const { requestId: _ignored, ...rest } = v;
  return rest;
}
