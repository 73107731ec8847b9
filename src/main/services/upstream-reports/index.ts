import type { StatementPage, WhozexInsights } from '../../../shared/contract/upstream-reports';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import type { Provider } from '../../providers/types';
import { statementPage, type StatementQuery } from './statement';
import { whozexInsights } from './whozex-insights';

export interface UpstreamReportsService {
  /** Whozex `/account/stats` + `/analytics/overview`, read live for one account. */
  whozexInsights(accountId: string): Promise<WhozexInsights>;
  /** One account's synced upstream statement beside the books. */
  statement(q: StatementQuery): StatementPage;
}

export function createUpstreamReportsService(deps: { ledger: Ledger; clock: Clock; providerFor: (accountId: string) => Provider }): UpstreamReportsService {
  return {
    whozexInsights: (accountId) => whozexInsights(deps, accountId),
    statement: (q) => statementPage(deps.ledger, q),
  };
}
