import type { dashboardChannels } from '../../../shared/contract/dashboard';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createDashboardHandlers(ctx: AppContext): Pick<Handlers, keyof typeof dashboardChannels> {
  return {
    'dashboard:summary': (input) => ctx.dashboard.summary(input ?? {}),
  };
}
