import type { packagesChannels } from '../../../shared/contract/packages';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createPackagesHandlers(ctx: AppContext): Pick<Handlers, keyof typeof packagesChannels> {
  return {
    'packages:quote': (input) => ctx.packages.quote(input),
    'packages:create': (input) => ctx.packages.create(input),
    'packages:add-gb': (input) => ctx.packages.addGb(input),
    'packages:refresh': ({ serviceId }) => ctx.packages.refresh(serviceId),
    'packages:usage': (input) => ctx.packages.usage(input),
    'packages:list': (query) => ctx.packages.list(query),
  };
}
