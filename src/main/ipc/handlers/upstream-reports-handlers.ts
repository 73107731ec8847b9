import type { upstreamReportsChannels } from '../../../shared/contract/upstream-reports';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createUpstreamReportsHandlers(ctx: AppContext): Pick<Handlers, keyof typeof upstreamReportsChannels> {
  return {
    'upstream-reports:whozex-insights': ({ accountId }) => ctx.upstreamReports.whozexInsights(accountId),
    'upstream-reports:statement': (input) => ctx.upstreamReports.statement(input),
  };
}
